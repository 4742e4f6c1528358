//! The start as a user meets it: the app launched on its own, without
//! WebDriver, timed to the support log's line that its first screen has
//! been painted.

use std::path::Path;
use std::time::{Duration, Instant};

/// Tries to empty the page cache, so the start is timed from a cold disk;
/// says whether it could.
pub fn drop_caches() -> bool {
    let _ = std::process::Command::new("sync").status();
    std::fs::write("/proc/sys/vm/drop_caches", "3").is_ok()
}

/// Starts the app as a user does (no WebDriver) on `data` and returns the
/// milliseconds from launching it to the support log's "first screen shown",
/// which the page asks for once the unlock screen has been painted.
pub fn time_start(app: &str, data: &Path) -> f64 {
    let log = data.join("logs").join("roundtable.log");
    let before = std::fs::read_to_string(&log).map_or(0, |text| text.len());
    let t = Instant::now();
    let mut child = std::process::Command::new(app)
        .arg("--data-dir")
        .arg(data)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let shown = loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if text
            .get(before..)
            .is_some_and(|new| new.contains("first screen shown"))
        {
            break t.elapsed().as_secs_f64() * 1000.0;
        }
        assert!(
            t.elapsed() < Duration::from_secs(30),
            "the app showed no first screen within 30 s"
        );
        std::thread::sleep(Duration::from_millis(2));
    };
    child.kill().unwrap();
    child.wait().unwrap();
    shown
}
