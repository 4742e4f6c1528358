//! Tauri hardening, checked on the shipped configuration: a strict
//! Content-Security-Policy with no remote source, no inline script or style,
//! capabilities limited to what the page uses (no shell, no file system, no
//! dialog or opener from the page: those go through Roundtable's own
//! commands, which only use paths the user picked), and no devtools in a
//! release build.

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
            assert!(
                allowed_ipc
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

#[test]
fn capabilities_grant_only_what_the_page_uses() {
    let capability: serde_json::Value =
        serde_json::from_str(&read("capabilities/main.json")).unwrap();
    let permissions: Vec<&str> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().expect("plain permission names only"))
        .collect();
    assert_eq!(
        permissions,
        [
            "core:app:default",
            "core:event:default",
            "core:window:default",
            "core:window:allow-set-title"
        ]
    );
    for banned in ["shell", "fs", "dialog", "opener", "http", "process"] {
        assert!(
            !permissions.iter().any(|p| p.starts_with(banned)),
            "the page must not have {banned} permissions"
        );
    }
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("capabilities");
    let files = std::fs::read_dir(dir).unwrap().count();
    assert_eq!(files, 1, "one capability file, checked here");
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
