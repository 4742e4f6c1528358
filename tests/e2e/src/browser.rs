//! The same harness on Debian's chromium, headless, over its own WebDriver
//! (chromium-driver): the UI's web build as a borough's browsers meet it,
//! served by roundtable-server. Each browser has a profile of its own (so
//! its own session cookie) and a downloads folder the test can read; and
//! the few steps the browser tests share (a runtime to drive them in,
//! waiting for a notice to go).

use fantoccini::{Client, Locator};
use serde_json::json;
use std::future::Future;
use std::path::PathBuf;
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::process::{Child, Command};

use super::Harness;
use super::driver::{free_port, session};
use super::scenarios::run;

/// The Enter key, to press in a browser.
pub const ENTER: &str = "\u{E007}";

async fn connect(port: u16, profile: &std::path::Path, driver: &mut Child) -> Client {
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless=new",
                // As root (the test machine), chromium's sandbox cannot start.
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                // The server's certificate is self-signed, made for the test.
                "--ignore-certificate-errors",
                "--window-size=1366,900",
                "--lang=en-GB",
                format!("--user-data-dir={}", profile.join("profile").display()),
            ],
            "prefs": {
                "download.default_directory": profile.join("downloads").display().to_string(),
                "download.prompt_for_download": false,
                // The minutes and every agency's plan, one after another.
                "profile.default_content_setting_values.automatic_downloads": 1,
            },
        }),
    );
    session(port, caps, driver)
        .await
        .unwrap_or_else(|err| panic!("could not start a WebDriver session: {err}"))
}

impl Harness {
    /// A headless chromium with a profile of its own, at `url`.
    pub async fn browser(name: &str, url: &str) -> Self {
        let data_dir = tempfile::Builder::new()
            .prefix("roundtable-browser-")
            .tempdir()
            .unwrap();
        std::fs::create_dir_all(data_dir.path().join("downloads")).unwrap();
        let port = free_port();
        let mut driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("chromium-driver must be installed (the test script installs it)");
        let client = connect(port, data_dir.path(), &mut driver).await;
        client.goto(url).await.unwrap();
        Self {
            name: name.into(),
            client,
            app: String::new(),
            driver,
            data_dir,
            port,
        }
    }

    /// Where this browser saves downloads.
    pub fn downloads(&self) -> PathBuf {
        self.data_dir.path().join("downloads")
    }
}

/// Runs one scenario in a fresh browser at `url`; on failure saves a
/// screenshot and re-raises, closing the browser either way.
pub async fn browser_scenario<F, Fut>(name: &str, url: &str, body: F)
where
    F: FnOnce(Harness) -> Fut,
    Fut: Future<Output = Harness> + Send + 'static,
{
    run(name, Harness::browser(name, url).await, body).await;
}

/// Runs a browser test's async steps to the end. A test makes its server
/// (with the synchronous PostgreSQL client) first, outside any runtime,
/// then drives the browsers in this one.
pub fn in_a_runtime(work: impl Future<Output = ()>) {
    tokio::runtime::Runtime::new().unwrap().block_on(work);
}

/// Waits until nothing matches `css`.
pub async fn wait_gone(h: &Harness, css: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !h
        .client
        .find_all(Locator::Css(css))
        .await
        .unwrap()
        .is_empty()
    {
        assert!(Instant::now() < deadline, "{css} is still shown");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
