//! The shared screen: a second window for the projector that only ever shows
//! what `roundtable_core::features::projector` lets through.

use chrono::{Local, Utc};
use roundtable_core::dates::local_today;
use roundtable_core::features::projector::{self, ProjectorView};
use roundtable_core::{ApiError, CoreError};
use tauri::{AppHandle, Manager, State, WebviewUrl, WebviewWindowBuilder};
use uuid::Uuid;

use crate::state::AppState;

pub const LABEL: &str = "projector";

/// Opens (or brings forward) the projector window, showing `meeting_id`.
#[tauri::command]
pub async fn open_projector(
    app: AppHandle,
    state: State<'_, AppState>,
    meeting_id: Uuid,
) -> Result<(), ApiError> {
    // Only a meeting the unlocked store knows can be projected.
    state.with_store(|store| {
        roundtable_core::features::meetings::get(store.conn(), meeting_id).map(|_| ())
    })?;
    state.project(meeting_id);
    let failed = |err: tauri::Error| {
        ApiError::from(CoreError::Io(format!(
            "the projector window could not open: {err}"
        )))
    };
    if let Some(window) = app.get_webview_window(LABEL) {
        return window.set_focus().map_err(failed);
    }
    WebviewWindowBuilder::new(
        &app,
        LABEL,
        WebviewUrl::App("index.html?view=projector".into()),
    )
    .title("Roundtable: shared screen")
    .inner_size(1280.0, 720.0)
    .build()
    // The shared screen shows no menu: only what the room may see.
    .and_then(|window| window.remove_menu().map(|_| ()))
    .map_err(failed)
}

/// What the projector shows now; fails with "locked" while Roundtable is
/// locked, and shows nothing until a meeting is projected.
#[tauri::command]
pub async fn projector_view(state: State<'_, AppState>) -> Result<Option<ProjectorView>, ApiError> {
    let Some(meeting_id) = state.projected() else {
        return Ok(None);
    };
    state.with_store(|store| {
        projector::view(
            store.conn(),
            meeting_id,
            Utc::now(),
            Local::now().naive_local(),
            local_today(),
        )
        .map(Some)
    })
}
