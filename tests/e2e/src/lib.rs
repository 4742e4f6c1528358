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

// A failed step is a failed test: the harness may unwrap and panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::future::Future;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;
use tokio::process::{Child, Command};

mod browser;
mod steps;
pub use browser::browser_scenario;

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

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
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

async fn connect(port: u16, data_dir: &Path, app: &str, driver: &mut Child) -> Client {
    match try_connect(port, data_dir, app, driver).await {
        Ok(client) => client,
        Err(err) => panic!("could not start a WebDriver session: {err}"),
    }
}

async fn try_connect(
    port: u16,
    data_dir: &Path,
    app: &str,
    driver: &mut Child,
) -> Result<Client, String> {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "tauri:options".into(),
        json!({ "application": app, "args": [
            "--data-dir", data_dir.display().to_string(),
            // Exports may go here without the system's folder dialog, which
            // WebDriver cannot drive (the app otherwise only writes to
            // folders chosen in a dialog).
            "--export-dir", data_dir.join("exports").display().to_string(),
        ] }),
    );
    session(port, caps, driver).await
}

/// A WebDriver session with these capabilities, once the driver listening
/// on `port` is up (it takes a moment to start). Gives up at once if the
/// driver has exited (a port it was given was taken meanwhile).
async fn session(
    port: u16,
    caps: serde_json::Map<String, serde_json::Value>,
    driver: &mut Child,
) -> Result<Client, String> {
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let deadline = Instant::now() + WAIT;
    loop {
        match ClientBuilder::new(connector.clone())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            Ok(client) => return Ok(client),
            Err(err) => {
                if let Ok(Some(status)) = driver.try_wait() {
                    return Err(format!("tauri-driver exited ({status}): {err}"));
                }
                if Instant::now() >= deadline {
                    return Err(err.to_string());
                }
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }
}

/// tauri-driver on two ports found free, and a session on it. A port found
/// free can be taken by another test's driver before this one binds it:
/// once, in a full run, a test's driver never answered. The driver is
/// then started again on other ports (three tries in all).
async fn driver_and_session(data_dir: &Path, app: &str) -> (Child, u16, Client) {
    let driver_bin = std::env::var("TAURI_DRIVER").unwrap_or_else(|_| "tauri-driver".into());
    let mut last = String::new();
    for _ in 0..3 {
        let port = free_port();
        let native_port = std::iter::repeat_with(free_port)
            .find(|p| *p != port)
            .unwrap_or(port);
        let mut driver = Command::new(&driver_bin)
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &native_port.to_string(),
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("tauri-driver must be installed (the test script installs it)");
        match try_connect(port, data_dir, app, &mut driver).await {
            Ok(client) => return (driver, port, client),
            Err(err) => {
                last = err;
                let _ = driver.kill().await;
            }
        }
    }
    panic!("could not start a WebDriver session (three drivers tried): {last}");
}

/// Waits until the app's page has loaded and shows something. The WebDriver
/// session is up as soon as the window is, which can be before its page has
/// loaded: once, in a full run on a loaded machine, a test's first commands
/// failed with an empty WebDriver error, so an error before the first
/// screen is retried until it is shown (or [`WAIT`] has passed).
async fn first_screen(client: &Client) {
    let deadline = Instant::now() + WAIT;
    loop {
        let shown = client
            .execute(
                "return document.readyState === 'complete' && !!document.body && document.body.innerText.trim() !== '';",
                vec![],
            )
            .await;
        match shown {
            Ok(value) if value.as_bool() == Some(true) => return,
            _ if Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(100)).await,
            Ok(_) => panic!("the app's window showed nothing within {WAIT:?}"),
            Err(err) => panic!("the app's window showed nothing within {WAIT:?}: {err}"),
        }
    }
}

/// Processes whose command line names this data folder (the app under test).
fn app_pids(data_dir: &Path) -> Vec<u32> {
    let needle = data_dir.display().to_string();
    let mut pids = Vec::new();
    if let Ok(entries) = std::fs::read_dir("/proc") {
        for entry in entries.flatten() {
            let Some(pid) = entry
                .file_name()
                .to_str()
                .and_then(|s| s.parse::<u32>().ok())
            else {
                continue;
            };
            if let Ok(cmdline) = std::fs::read(entry.path().join("cmdline")) {
                let cmdline = String::from_utf8_lossy(&cmdline);
                if cmdline.contains(&needle) && cmdline.contains("--data-dir") {
                    pids.push(pid);
                }
            }
        }
    }
    pids
}

impl Harness {
    /// Starts tauri-driver and the app on a fresh, empty data folder.
    pub async fn start(name: &str) -> Self {
        Self::start_app(name, &app_path()).await
    }

    /// As `start`, with this app binary (the installed package's, say).
    pub async fn start_app(name: &str, app: &str) -> Self {
        let data_dir = tempfile::Builder::new()
            .prefix("roundtable-e2e-")
            .tempdir()
            .unwrap();
        Self::start_in(name, app, data_dir).await
    }

    /// As `start_app`, on a data folder made beforehand (a benchmark's
    /// borough, say); it is removed when the harness is dropped.
    pub async fn start_in(name: &str, app: &str, data_dir: tempfile::TempDir) -> Self {
        std::fs::create_dir_all(data_dir.path().join("exports")).unwrap();
        let (driver, port, client) = driver_and_session(data_dir.path(), app).await;
        first_screen(&client).await;
        Self {
            name: name.into(),
            client,
            app: app.into(),
            driver,
            data_dir,
            port,
        }
    }

    pub fn data_dir(&self) -> &Path {
        self.data_dir.path()
    }

    /// The folder the app may export to without a dialog (`--export-dir`).
    pub fn export_dir(&self) -> PathBuf {
        let dir = self.data_dir.path().join("exports");
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    /// Quits the app (ending the WebDriver session), waits for it to exit, and
    /// starts it again on the same data folder.
    pub async fn restart(&mut self) {
        let _ = self.client.clone().close().await;
        self.wait_for_exit().await;
        self.client = connect(self.port, self.data_dir.path(), &self.app, &mut self.driver).await;
    }

    /// Kills the app with SIGKILL, as a power cut would, then starts it again
    /// on the same data folder.
    pub async fn kill_and_restart(&mut self) {
        let pids = self.app_pids();
        assert!(!pids.is_empty(), "the app is running");
        for pid in pids {
            std::process::Command::new("kill")
                .args(["-9", &pid.to_string()])
                .status()
                .unwrap();
        }
        self.wait_for_exit().await;
        let _ = tokio::time::timeout(Duration::from_secs(5), self.client.clone().close()).await;
        self.client = connect(self.port, self.data_dir.path(), &self.app, &mut self.driver).await;
    }

    /// Presses keys on whatever has the focus, as a person at the keyboard.
    pub async fn press(&self, keys: &str) {
        let focused = self.client.active_element().await.unwrap();
        focused.send_keys(keys).await.unwrap();
    }

    /// Waits until the field with this id holds exactly `expected`.
    pub async fn wait_value(&self, id: &str, expected: &str) {
        let deadline = Instant::now() + WAIT;
        loop {
            let value = self
                .find(&format!("#{id}"))
                .await
                .prop("value")
                .await
                .unwrap()
                .unwrap_or_default();
            if value == expected {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "#{id} never held {expected:?}; last value: {value:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until everything typed has been committed ("All changes saved").
    pub async fn wait_saved(&self) {
        self.wait_text("[data-testid=save-status]", "All changes saved")
            .await;
    }

    async fn wait_for_exit(&self) {
        let deadline = Instant::now() + WAIT;
        while !app_pids(self.data_dir.path()).is_empty() {
            assert!(Instant::now() < deadline, "the app did not exit");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The process ids of the running app (for kill tests).
    pub fn app_pids(&self) -> Vec<u32> {
        app_pids(self.data_dir.path())
    }

    pub async fn find(&self, css: &str) -> Element {
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|err| panic!("no element matches {css}: {err}"))
    }

    /// Waits for a heading (h1 or h2) with this exact text.
    pub async fn heading(&self, text: &str) -> Element {
        let xpath = format!(
            "//*[self::h1 or self::h2][normalize-space(.)={}]",
            xpath_literal(text)
        );
        self.client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|err| panic!("no heading {text:?}: {err}"))
    }

    /// Clicks the button whose visible text starts with `text`.
    pub async fn click_button(&self, text: &str) {
        let xpath = format!(
            "//button[starts-with(normalize-space(.), {})]",
            xpath_literal(text)
        );
        let button = self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(&xpath))
            .await
            .unwrap_or_else(|err| panic!("no button {text:?}: {err}"));
        button.click().await.unwrap();
    }

    /// Clicks the link with exactly this text.
    pub async fn click_link(&self, text: &str) {
        let xpath = format!("//a[normalize-space(.)={}]", xpath_literal(text));
        let link = self
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::XPath(&xpath))
            .await
            .unwrap();
        link.click().await.unwrap();
    }

    /// Replaces the text in the field with this id.
    pub async fn fill(&self, id: &str, text: &str) {
        let field = self.find(&format!("#{id}")).await;
        if text.is_empty() {
            // Select all and delete, as a person would: unlike WebDriver's
            // clear, this fires the input event the UI listens to.
            field.click().await.unwrap();
            field.send_keys("\u{E009}a\u{E000}\u{E003}").await.unwrap();
        } else {
            field.clear().await.unwrap();
            field.send_keys(text).await.unwrap();
        }
    }

    /// Chooses a file in the `<input type=file>` with this id, as a person
    /// picking it in the file dialog would.
    pub async fn upload(&self, id: &str, path: &Path) {
        let field = self.find(&format!("#{id}")).await;
        field.send_keys(&path.display().to_string()).await.unwrap();
    }

    /// A file kept with the tests (under tests/fixtures).
    pub fn fixture(relative: &str) -> PathBuf {
        workspace_root()
            .join("tests/fixtures")
            .join(relative)
            .canonicalize()
            .unwrap()
    }

    /// Chooses the option whose visible text is `text`.
    pub async fn select_text(&self, id: &str, text: &str) {
        let field = self.find(&format!("#{id}")).await;
        field.select_by_label(text).await.unwrap();
    }

    pub async fn select(&self, id: &str, value: &str) {
        let field = self.find(&format!("#{id}")).await;
        field.select_by_value(value).await.unwrap();
    }

    /// Each row of the table captioned by `caption_id`, as its cells' text.
    pub async fn table_rows(&self, caption_id: &str) -> Vec<Vec<String>> {
        let css = format!("table[aria-labelledby={caption_id}] tbody tr");
        let mut rows = Vec::new();
        for row in self.client.find_all(Locator::Css(&css)).await.unwrap() {
            let mut cells = Vec::new();
            for cell in row.find_all(Locator::Css("td")).await.unwrap() {
                cells.push(cell.text().await.unwrap());
            }
            rows.push(cells);
        }
        rows
    }

    pub async fn text(&self, css: &str) -> String {
        self.find(css).await.text().await.unwrap()
    }

    /// Waits until the element's text contains `expected`.
    pub async fn wait_text(&self, css: &str, expected: &str) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let text = match self.client.find(Locator::Css(css)).await {
                Ok(el) => el.text().await.unwrap_or_default(),
                Err(_) => String::new(),
            };
            if text.contains(expected) {
                return text;
            }
            assert!(
                Instant::now() < deadline,
                "{css} never showed {expected:?}; last text: {text:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The whole page's visible text.
    pub async fn page_text(&self) -> String {
        self.text("body").await
    }

    pub async fn screenshot(&self, label: &str) -> PathBuf {
        let dir = artifacts_dir();
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{}--{label}.png", self.name));
        if let Ok(png) = screenshot(&self.client).await {
            std::fs::write(&path, png).unwrap();
        }
        path
    }

    /// Runs axe-core on the current screen and fails on any violation.
    pub async fn axe(&self, screen: &str) {
        if std::env::var_os("E2E_SCREENSHOTS").is_some() {
            self.screenshot(screen).await;
        }
        let source =
            std::fs::read_to_string(workspace_root().join("ui/node_modules/axe-core/axe.min.js"))
                .expect("axe-core is installed by npm ci in ui/");
        self.client
            .execute(&format!("{source}\nreturn true;"), vec![])
            .await
            .unwrap();
        let result = self
            .client
            .execute_async(
                r#"const done = arguments[arguments.length - 1];
                   axe.run(document).then(
                     (r) => done(r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)),
                     (e) => done([`axe failed: ${e}`]));"#,
                vec![],
            )
            .await
            .unwrap();
        let violations: Vec<String> = serde_json::from_value(result).unwrap_or_default();
        assert!(
            violations.is_empty(),
            "axe found problems on the {screen} screen:\n{}",
            violations.join("\n")
        );
    }

    /// Sets the window to a council laptop's 1366x768 and fails if the page
    /// scrolls sideways there.
    pub async fn fits_laptop_screen(&self, screen: &str) {
        self.client.set_window_size(1366, 768).await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        let overflow = self
            .client
            .execute("return document.documentElement.scrollWidth - document.documentElement.clientWidth;", vec![])
            .await
            .unwrap();
        if std::env::var_os("E2E_SCREENSHOTS").is_some() {
            self.screenshot(&format!("{screen}-1366x768")).await;
        }
        if overflow.as_i64() != Some(0) {
            // Name what sticks out, to fix it (not what scrolls inside its own box).
            let culprits = self
                .client
                .execute(
                    "const w = document.documentElement.clientWidth; return [...document.querySelectorAll('body *')]
                       .filter((e) => e.getBoundingClientRect().right > w + 1 && !e.parentElement.closest('.table-scroll'))
                       .slice(0, 6).map((e) => `${e.tagName}.${e.className} ${Math.round(e.getBoundingClientRect().right)}`)
                       .join('; ');",
                    vec![],
                )
                .await
                .unwrap();
            panic!("the {screen} screen scrolls sideways at 1366x768 by {overflow}px: {culprits}");
        }
    }

    /// First run: choose the passphrase, name and role; lands on the app.
    pub async fn set_up(&self) {
        self.heading("Set up Roundtable").await;
        self.fill("setup-name", "Yusuf Ali").await;
        self.find("#setup-role-coordinator")
            .await
            .click()
            .await
            .unwrap();
        self.fill("setup-passphrase", PASSPHRASE).await;
        self.fill("setup-confirm_passphrase", PASSPHRASE).await;
        self.click_button("Set up Roundtable").await;
        self.heading("Panels").await;
    }

    pub async fn unlock(&self, passphrase: &str) {
        self.heading("Unlock Roundtable").await;
        self.fill("unlock-passphrase", passphrase).await;
        self.click_button("Unlock").await;
    }

    /// The support log's text (every file in the data folder's `logs/`).
    pub fn support_log(&self) -> String {
        let mut text = String::new();
        if let Ok(entries) = std::fs::read_dir(self.data_dir.path().join("logs")) {
            for entry in entries.flatten() {
                text.push_str(&std::fs::read_to_string(entry.path()).unwrap_or_default());
            }
        }
        text
    }

    /// Ends the session, waits for the app to quit (killing it if it will
    /// not) and stops tauri-driver.
    pub async fn finish(mut self) {
        // Every run: the support log names nobody from the demo borough.
        let log = self.support_log();
        for name in roundtable_core::features::demo::personal_names() {
            assert!(
                !log.contains(name),
                "the support log holds a name from the records: {name}"
            );
        }
        let _ = self.client.clone().close().await;
        let _ = tokio::time::timeout(WAIT, async {
            while !app_pids(self.data_dir.path()).is_empty() {
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        })
        .await;
        for pid in app_pids(self.data_dir.path()) {
            let _ = std::process::Command::new("kill")
                .args(["-9", &pid.to_string()])
                .status();
        }
        let _ = self.driver.kill().await;
    }
}

/// Quotes text for an XPath expression.
fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

/// Runs one scenario against a fresh app; on failure saves a screenshot and
/// re-raises, after closing the app either way.
pub async fn scenario<F, Fut>(name: &str, body: F)
where
    F: FnOnce(Harness) -> Fut,
    Fut: Future<Output = Harness> + Send + 'static,
{
    scenario_app(name, &app_path(), body).await;
}

/// The window's screenshot. WebKit painting without compositing (the app's
/// choice on a machine without a GPU, as here) answers a screenshot only
/// after its next paint, and a page that has nothing left to paint would keep
/// it waiting until something changes (ten minutes later, the idle lock). So
/// a dot of one pixel, all but transparent, is painted and taken away a few
/// times while the screenshot is made.
async fn screenshot(client: &Client) -> Result<Vec<u8>, fantoccini::error::CmdError> {
    client
        .execute(
            r#"for (const ms of [20, 150, 500, 1500]) setTimeout(() => {
                 const dot = document.createElement("div");
                 dot.setAttribute("aria-hidden", "true");
                 Object.assign(dot.style, { position: "fixed", right: "0", bottom: "0", width: "1px",
                   height: "1px", background: "black", opacity: "0.01", pointerEvents: "none" });
                 document.body.append(dot);
                 setTimeout(() => dot.remove(), 10);
               }, ms);
               return true;"#,
            vec![],
        )
        .await?;
    client.screenshot().await
}

/// `scenario` with this app binary.
pub async fn scenario_app<F, Fut>(name: &str, app: &str, body: F)
where
    F: FnOnce(Harness) -> Fut,
    Fut: Future<Output = Harness> + Send + 'static,
{
    run(name, Harness::start_app(name, app).await, body).await;
}

/// Runs `body` on a started harness; on failure saves a screenshot and
/// re-raises, after closing the app or browser either way.
async fn run<F, Fut>(name: &str, harness: Harness, body: F)
where
    F: FnOnce(Harness) -> Fut,
    Fut: Future<Output = Harness> + Send + 'static,
{
    let client = harness.client.clone();
    let data_dir = harness.data_dir().to_path_buf();
    // Kept so a failed test can still stop the driver after the screenshot.
    let driver_pid = harness.driver.id();
    let outcome = tokio::spawn(body(harness)).await;
    match outcome {
        Ok(harness) => harness.finish().await,
        Err(err) => {
            let dir = artifacts_dir();
            std::fs::create_dir_all(&dir).ok();
            if let Ok(png) = screenshot(&client).await {
                let path = dir.join(format!("{name}--FAILED.png"));
                std::fs::write(&path, png).ok();
                eprintln!("screenshot of the failure: {}", path.display());
            }
            let _ = client.close().await;
            for pid in app_pids(&data_dir) {
                let _ = std::process::Command::new("kill")
                    .args(["-9", &pid.to_string()])
                    .status();
            }
            if let Some(pid) = driver_pid {
                let _ = std::process::Command::new("kill")
                    .args([&pid.to_string()])
                    .status();
            }
            std::panic::resume_unwind(err.into_panic());
        }
    }
}
