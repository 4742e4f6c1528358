//! End-to-end harness: starts `tauri-driver` (which drives the real app
//! through Debian's WebKitWebDriver), gives each test its own data folder,
//! offers the few steps tests need, runs axe-core on screens, and saves a
//! screenshot when a test fails.
//!
//! Needs a display (the test script runs everything under Xvfb) and:
//! - `ROUNDTABLE_APP`: the built app binary;
//! - `TAURI_DRIVER`: the tauri-driver binary (default: on PATH);
//! - `E2E_ARTIFACTS`: where failure screenshots go (default: tests/artifacts);
//! - `E2E_SCREENSHOTS=1`: also save a screenshot at every axe check.
//!
//! Its parts: `driver` starts tauri-driver and a WebDriver session; `app`
//! starts, restarts and stops the app; `screen` finds and works elements
//! as a person would; `checks` runs axe-core, the laptop-screen check and
//! screenshots; `scenarios` runs a test and cleans up after it; `browser`
//! is the same harness on chromium; `steps` are steps several tests share.

// A failed step is a failed test: the harness may unwrap and panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use fantoccini::Client;
use tokio::process::Child;

mod app;
mod browser;
mod checks;
mod driver;
mod scenarios;
mod screen;
mod steps;
pub use browser::{ENTER, browser_scenario, in_a_runtime, wait_gone};
pub use scenarios::{scenario, scenario_app};

pub type TestResult = Result<(), Box<dyn std::error::Error + Send + Sync>>;

pub const PASSPHRASE: &str = "violet harbour kettle";
const WAIT: Duration = Duration::from_secs(15);

pub struct Harness {
    pub name: String,
    pub client: Client,
    app: String,
    driver: Child,
    data_dir: tempfile::TempDir,
    port: u16,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn app_path() -> String {
    std::env::var("ROUNDTABLE_APP").expect("set ROUNDTABLE_APP to the built app binary")
}

/// Where screenshots and rendered documents are kept for people to look at.
pub fn artifacts_dir() -> PathBuf {
    std::env::var_os("E2E_ARTIFACTS")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("tests/artifacts"))
}
