//! Help: About (version, build, where the data is, the font licences), and
//! opening an exported file or its folder with the desktop's own programs.

use std::path::{Path, PathBuf};

use roundtable_core::{ApiError, CoreError};
use serde::Serialize;
use tauri::{AppHandle, State};
use tauri_plugin_opener::OpenerExt;

use crate::state::AppState;

/// The commit and profile this binary was built from.
pub const BUILD: &str = env!("ROUNDTABLE_BUILD");

#[derive(Debug, Clone, Serialize)]
pub struct About {
    pub version: String,
    pub build: String,
    pub data_dir: String,
    pub licences: Vec<roundtable_pdf::Licence>,
}

#[tauri::command]
pub async fn about(state: State<'_, AppState>) -> Result<About, ApiError> {
    let data_dir = state.with_vault(|vault| Ok(vault.status().data_dir))?;
    Ok(About {
        version: env!("CARGO_PKG_VERSION").into(),
        build: BUILD.into(),
        data_dir,
        licences: roundtable_pdf::font_licences(),
    })
}

/// Only files Roundtable writes are opened: a PDF or CSV that exists, in a
/// folder the user chose (checked as every path is, by `AppState::granted`).
fn exported(state: &AppState, path: &str) -> Result<PathBuf, ApiError> {
    state.require_unlocked()?;
    let gone = || {
        ApiError::from(CoreError::Conflict(
            "That file is no longer there. Export it again.".into(),
        ))
    };
    if !Path::new(path).is_file() {
        return Err(gone());
    }
    let p = state.granted(path, "path")?;
    let kind_ok = p
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("pdf") || e.eq_ignore_ascii_case("csv"));
    if !kind_ok || !p.is_file() {
        return Err(gone());
    }
    Ok(p)
}

fn opener_failed(err: impl std::fmt::Display) -> ApiError {
    log::warn!("the desktop could not open an exported file: {err}");
    ApiError::from(CoreError::Io(
        "This computer has no program set to open that kind of file.".into(),
    ))
}

/// Opens an exported file in the desktop's program for it (a PDF viewer).
#[tauri::command]
pub async fn open_file(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> Result<(), ApiError> {
    let p = exported(&state, &path)?;
    app.opener()
        .open_path(p.display().to_string(), None::<&str>)
        .map_err(opener_failed)
}

/// Shows an exported file in the desktop's file manager.
#[tauri::command]
pub async fn show_in_folder(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> Result<(), ApiError> {
    let p = exported(&state, &path)?;
    app.opener()
        .reveal_item_in_dir(Path::new(&p))
        .map_err(opener_failed)
}
