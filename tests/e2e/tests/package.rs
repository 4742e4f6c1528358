//! The release package as a coordinator gets it: the .deb (built by the test
//! command, `ROUNDTABLE_DEB`) is small enough, installs with `dpkg -i`, puts
//! Roundtable in the desktop's menu with its icon, and the installed app
//! starts: the welcome screen, Help, About with its version and licences,
//! the window's size and place remembered, one instance only, and a support
//! log with no one's name in it. Screenshots in tests/artifacts.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use roundtable_e2e::scenario_app;

const INSTALLED: &str = "/usr/bin/roundtable";
/// The package carries a font for every script the names are written in;
/// it stays under 25 MB.
const MAX_BYTES: u64 = 25_000_000;

fn install() {
    let deb = std::env::var("ROUNDTABLE_DEB")
        .expect("set ROUNDTABLE_DEB to the .deb (the test command builds it)");
    let bytes = std::fs::metadata(&deb).unwrap().len();
    println!("package: {deb}, {:.1} MB", bytes as f64 / 1_048_576.0);
    assert!(
        bytes <= MAX_BYTES,
        "the package is {bytes} bytes; target under 25 MB"
    );
    let out = Command::new("dpkg").args(["-i", &deb]).output().unwrap();
    assert!(
        out.status.success(),
        "dpkg -i failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let files = String::from_utf8(
        Command::new("dpkg")
            .args(["-L", "roundtable"])
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    for wanted in [
        INSTALLED,
        "/usr/share/applications/Roundtable.desktop",
        "/usr/share/icons/hicolor/128x128/apps/roundtable.png",
    ] {
        assert!(files.lines().any(|l| l == wanted), "{wanted} in {files}");
    }
    let desktop = std::fs::read_to_string("/usr/share/applications/Roundtable.desktop").unwrap();
    for line in [
        "Name=Roundtable",
        "Exec=roundtable",
        "Icon=roundtable",
        "Categories=Office",
    ] {
        assert!(desktop.contains(line), "{line} in {desktop}");
    }
}

/// Whether a Roundtable window on the (virtual) display has a title
/// starting with `first_word` ("Welcome · Roundtable").
fn has_window(first_word: &str) -> bool {
    let out = Command::new("xwininfo")
        .args(["-root", "-tree"])
        .output()
        .expect("xwininfo (x11-utils) is installed by the test command");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .any(|l| l.contains(&format!("\"{first_word} ")) && l.contains("Roundtable\""))
}

fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while !ok() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[tokio::test]
async fn the_deb_installs_and_the_installed_app_runs_like_a_desktop_app() {
    install();
    scenario_app("package", INSTALLED, |mut h| async move {
        // First run: the welcome, and the window says where you are.
        h.heading("Welcome to Roundtable").await;
        let welcome = h.page_text().await;
        assert!(welcome.contains("Where your data lives and how it is protected"));
        assert!(welcome.contains(&h.data_dir().display().to_string()));
        wait_for("the window title", || has_window("Welcome"));
        h.axe("installed-welcome").await;
        h.screenshot("installed-welcome").await;

        h.set_up().await;
        h.click_button("Load demo data").await;
        h.heading("Lowbridge Youth MARAC").await;
        wait_for("the Panels title", || has_window("Panels"));

        // Help: the user guide, then About from it.
        h.click_button("Help").await;
        let guide = h
            .wait_text("[data-testid=guide]", "After the meeting: close it")
            .await;
        assert!(guide.contains("Before the meeting: prepare"));
        h.axe("installed-guide").await;
        h.click_button("About Roundtable").await;
        let about = h.wait_text("[data-testid=about]", "release build").await;
        assert!(about.contains("0.1.0"), "{about}");
        assert!(about.contains("SIL Open Font License 1.1"), "{about}");
        h.axe("installed-about").await;
        h.screenshot("installed-about").await;
        h.click_button("Close").await;

        // The window's size and place survive a restart.
        h.client.set_window_rect(40, 30, 1100, 720).await.unwrap();
        tokio::time::sleep(Duration::from_millis(800)).await;
        h.restart().await;
        h.heading("Unlock Roundtable").await;
        let (_, _, width, height) = h.client.get_window_rect().await.unwrap();
        assert!(
            width.abs_diff(1100) < 40 && height.abs_diff(720) < 60,
            "remembered size: {width} x {height}"
        );

        let log = h.support_log();
        for line in ["started", "set up", "demo data loaded"] {
            assert!(log.contains(line), "{line:?} in the support log:\n{log}");
        }
        h
    })
    .await;
    // After the scenario, so no other Roundtable window is on the display.
    a_second_launch_leaves_the_first_running();
}

/// Two launches on the usual data folder: the second hands over to the
/// first and leaves. A folder of their own via XDG variables.
fn a_second_launch_leaves_the_first_running() {
    let home = tempfile::tempdir().unwrap();
    let launch = || {
        Command::new(INSTALLED)
            .env("XDG_DATA_HOME", home.path().join("data"))
            .env("XDG_CONFIG_HOME", home.path().join("config"))
            .env("XDG_CACHE_HOME", home.path().join("cache"))
            .env_remove("ROUNDTABLE_DATA_DIR")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap()
    };
    let mut first = launch();
    wait_for("the first window", || has_window("Welcome"));
    // The title is set as the page starts; give it a moment to paint.
    std::thread::sleep(Duration::from_secs(2));
    let artifacts = std::env::var_os("E2E_ARTIFACTS")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../artifacts"));
    std::fs::create_dir_all(&artifacts).ok();
    let _ = Command::new("import")
        .args(["-window", "root"])
        .arg(artifacts.join("package--installed-window.png"))
        .status();

    let mut second = launch();
    let deadline = Instant::now() + Duration::from_secs(15);
    let status = loop {
        if let Some(status) = second.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "the second launch did not leave");
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(
        status.success(),
        "the second launch exits cleanly: {status}"
    );
    assert!(
        first.try_wait().unwrap().is_none(),
        "the first keeps running"
    );
    first.kill().unwrap();
    let _ = first.wait();
}
