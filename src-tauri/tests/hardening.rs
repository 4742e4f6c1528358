//! Tauri hardening, checked on the shipped configuration: a strict
//! Content-Security-Policy with no remote source, no inline script or style,
//! capabilities limited to what each window uses (every command declared in
//! the app manifest and allowed by name; the projector window only its own
//! view; no shell, no file system, no dialog or opener from the page: those
//! go through Roundtable's own commands, which only use paths the user
//! picked), and no devtools in a release build.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

fn read(relative: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn the_content_security_policy_allows_only_the_app_itself() {
    let conf: serde_json::Value = serde_json::from_str(&read("tauri.conf.json")).unwrap();
    let security = &conf["app"]["security"];
    assert_eq!(security["freezePrototype"], true);
    let csp = security["csp"].as_object().expect("a CSP is set");
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["script-src"], "'self'");
    assert_eq!(csp["object-src"], "'none'");
    assert_eq!(csp["frame-ancestors"], "'none'");
    for (directive, value) in csp {
        let value = value.as_str().unwrap();
        for banned in [
            "unsafe-inline",
            "unsafe-eval",
            "https:",
            "http:",
            "*",
            "wss:",
            "ws:",
        ] {
            let allowed_ipc = directive == "connect-src" && value == "ipc: http://ipc.localhost";
            // The app's own font scheme (served from the binary), nothing remote.
            let allowed_fonts =
                directive == "font-src" && value == "'self' fonts: http://fonts.localhost";
            assert!(
                allowed_ipc
                    || allowed_fonts
                    || !value
                        .split_whitespace()
                        .any(|v| v == banned || v.starts_with(banned) && banned.ends_with(':')),
                "{directive} allows {banned}: {value}"
            );
        }
    }
    assert_eq!(
        conf["app"]["withGlobalTauri"], false,
        "no global Tauri object for scripts"
    );
    for window in conf["app"]["windows"].as_array().unwrap() {
        assert!(
            window
                .get("url")
                .is_none_or(|u| !u.as_str().unwrap_or("").starts_with("http")),
            "no remote content"
        );
    }
}

fn permissions(file: &str) -> (Vec<String>, Vec<String>) {
    let capability: serde_json::Value = serde_json::from_str(&read(file)).unwrap();
    let list = |key: &str| -> Vec<String> {
        capability[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().expect("plain names only").to_owned())
            .collect()
    };
    (list("windows"), list("permissions"))
}

/// The command names in `generate_handler![...]` (src/commands/mod.rs).
fn registered_commands() -> Vec<String> {
    let lib = read("src/commands/mod.rs");
    let list = &lib[lib.find("generate_handler![").unwrap()..];
    let list = &list[..list.find(']').unwrap()];
    list.split(',')
        .filter_map(|entry| entry.trim().rsplit("::").next())
        .filter(|name| !name.is_empty() && !name.contains('['))
        .map(str::to_owned)
        .collect()
}

/// The command names the app manifest declares (`COMMANDS` in build.rs).
fn declared_commands() -> Vec<String> {
    let build = read("build.rs");
    let list = &build[build.find("const COMMANDS").unwrap()..];
    let list = &list[list.find("= &[").unwrap() + 4..list.find("];").unwrap()];
    list.split(',')
        .map(|n| n.trim().trim_matches('"').to_owned())
        .filter(|n| !n.is_empty())
        .collect()
}

#[test]
fn every_registered_command_is_declared_in_the_app_manifest() {
    let mut registered = registered_commands();
    let mut declared = declared_commands();
    assert!(registered.len() > 80, "{registered:?}");
    registered.sort();
    declared.sort();
    assert_eq!(
        registered, declared,
        "build.rs declares exactly the registered commands"
    );
}

#[test]
fn each_window_may_call_only_what_it_uses() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("capabilities");
    let files = std::fs::read_dir(dir).unwrap().count();
    assert_eq!(files, 2, "one capability per window, both checked here");
    let allow = |command: &str| format!("allow-{}", command.replace('_', "-"));

    // The shared screen: the view it shows, nothing else.
    let (windows, projector) = permissions("capabilities/projector.json");
    assert_eq!(windows, ["projector"]);
    assert_eq!(projector, [allow("projector_view")]);

    // The main window: the core's own defaults it needs, and each command
    // by name except the projector's.
    let (windows, main) = permissions("capabilities/main.json");
    assert_eq!(
        windows,
        ["main"],
        "the projector window is not covered by main"
    );
    let core: Vec<&String> = main.iter().filter(|p| p.starts_with("core:")).collect();
    assert_eq!(
        core,
        [
            "core:app:default",
            "core:event:default",
            "core:window:default",
            "core:window:allow-set-title"
        ]
    );
    let mut commands: Vec<String> = main
        .iter()
        .filter(|p| !p.starts_with("core:"))
        .cloned()
        .collect();
    let mut expected: Vec<String> = registered_commands()
        .iter()
        .filter(|c| *c != "projector_view")
        .map(|c| allow(c))
        .collect();
    commands.sort();
    expected.sort();
    assert_eq!(
        commands, expected,
        "main names every other command, and only those"
    );
    for banned in ["shell", "fs", "dialog", "opener", "http", "process"] {
        assert!(
            !main.iter().chain(&projector).any(|p| p.starts_with(banned)),
            "the page must not have {banned} permissions"
        );
    }
}

#[test]
fn devtools_are_not_compiled_into_a_release_build() {
    let workspace = read("../Cargo.toml");
    let tauri_line = workspace
        .lines()
        .find(|l| l.starts_with("tauri = "))
        .unwrap();
    assert!(!tauri_line.contains("devtools"), "{tauri_line}");
    let app = read("Cargo.toml");
    assert!(
        !app.contains("devtools"),
        "the app crate must not turn devtools on"
    );
    assert!(!app.contains("tauri-plugin-shell"), "no shell plugin");
    assert!(!app.contains("tauri-plugin-fs"), "no file-system plugin");
}
