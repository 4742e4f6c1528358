//! Tauri's build step, and the build id shown in About: the commit and the
//! profile ("development" for debug builds).

use std::process::Command;

fn main() {
    let commit = Command::new("git")
        .args(["rev-parse", "--short=10", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown commit".into());
    let profile = match std::env::var("PROFILE").as_deref() {
        Ok("release") => "release",
        _ => "development",
    };
    println!("cargo:rustc-env=ROUNDTABLE_BUILD={commit}, {profile} build");
    println!("cargo:rerun-if-changed=../.git/HEAD");
    println!("cargo:rerun-if-changed=../.git/refs/heads");
    tauri_build::build()
}
