//! The app under test, started and stopped: tauri-driver and the app on a
//! fresh data folder (or one made beforehand), quit and started again, or
//! killed as a power cut would; the first run's set-up and the unlock
//! screen; and, when a test ends, the support log checked for names and
//! everything it started stopped.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::driver::{app_pids, connect, driver_and_session, first_screen};
use super::{Harness, PASSPHRASE, WAIT, app_path};

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
