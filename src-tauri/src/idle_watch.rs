//! The idle lock's timer in Rust: every few seconds the vault is asked to
//! lock itself if the idle time has passed without input, so the data
//! closes even when the page is hung or hostile and sends no command. When
//! it locks, every window is told (`roundtable://locked`) and shows the
//! unlock screen.

use std::time::{Duration, Instant};

use tauri::{AppHandle, Emitter, Manager};

use crate::state::AppState;

/// How often the timer looks: the lock comes at most this late.
const EVERY: Duration = Duration::from_secs(5);

/// The event every window receives when Rust locked the app.
pub const LOCKED_EVENT: &str = "roundtable://locked";

pub fn start(app: AppHandle) {
    let spawned = std::thread::Builder::new()
        .name("idle-lock".into())
        .spawn(move || {
            loop {
                std::thread::sleep(EVERY);
                let state = app.state::<AppState>();
                if let Ok(true) = state.with_vault(|vault| vault.lock_if_idle(Instant::now())) {
                    log::info!("locked after the idle time without input");
                    let _ = app.emit(LOCKED_EVENT, ());
                }
            }
        });
    if let Err(err) = spawned {
        log::error!("the idle lock's timer could not start: {err}");
    }
}
