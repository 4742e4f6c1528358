//! The support log: what a helpdesk needs (version, starts, unlocks, which
//! kind of thing failed), never anything about the people in the records.
//! Only Roundtable's own messages at "info"; other crates' warnings and
//! errors. Kept in the data folder's `logs/` when one is given, otherwise in
//! the OS log folder; 1 MB a file, three files kept.

use std::path::Path;

use tauri::Runtime;
use tauri::plugin::TauriPlugin;
use tauri_plugin_log::{Builder, RotationStrategy, Target, TargetKind, TimezoneStrategy};

pub const FILE: &str = "roundtable";

pub fn plugin<R: Runtime>(data_dir: Option<&Path>) -> TauriPlugin<R> {
    let file_name = Some(FILE.to_string());
    let kind = match data_dir {
        Some(dir) => TargetKind::Folder {
            path: dir.join("logs"),
            file_name,
        },
        None => TargetKind::LogDir { file_name },
    };
    Builder::new()
        .clear_targets()
        .target(Target::new(kind))
        .level(log::LevelFilter::Warn)
        .level_for("roundtable_app", log::LevelFilter::Info)
        .level_for("roundtable_core", log::LevelFilter::Info)
        .max_file_size(1_000_000)
        .rotation_strategy(RotationStrategy::KeepSome(3))
        .timezone_strategy(TimezoneStrategy::UseUtc)
        .build()
}
