//! Running a test: a scenario gets a fresh app (or browser), and whatever
//! its body does, the app is closed after it; if the body fails, a
//! screenshot of the failure is saved first and the failure raised again.

use std::future::Future;

use super::checks::screenshot;
use super::driver::app_pids;
use super::{Harness, app_path, artifacts_dir};

/// Runs one scenario against a fresh app; on failure saves a screenshot and
/// re-raises, after closing the app either way.
pub async fn scenario<F, Fut>(name: &str, body: F)
where
    F: FnOnce(Harness) -> Fut,
    Fut: Future<Output = Harness> + Send + 'static,
{
    scenario_app(name, &app_path(), body).await;
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
pub(crate) async fn run<F, Fut>(name: &str, harness: Harness, body: F)
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
