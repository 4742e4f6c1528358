//! Starting what a test drives: tauri-driver on free ports and a WebDriver
//! session on it (tried again if a port was taken meanwhile), the app's
//! first screen waited for, and the app's processes found by their data
//! folder (to kill them, or wait for them to exit). Shared by the window's
//! harness and the browser's.

use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder};
use serde_json::json;
use tokio::process::{Child, Command};

use super::WAIT;

pub(crate) fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub(crate) async fn connect(port: u16, data_dir: &Path, app: &str, driver: &mut Child) -> Client {
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
pub(crate) async fn session(
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
pub(crate) async fn driver_and_session(data_dir: &Path, app: &str) -> (Child, u16, Client) {
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
pub(crate) async fn first_screen(client: &Client) {
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
pub(crate) fn app_pids(data_dir: &Path) -> Vec<u32> {
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
