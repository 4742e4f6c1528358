//! Referral import. The UI sends the chosen file's bytes as the raw request
//! body (no file-system access is granted to the UI), with the panel, the
//! file's name and the choices made in the preview in headers.

use roundtable_core::ApiError;
use roundtable_core::CoreError;
use roundtable_core::dates::local_today;
use roundtable_core::features::import::{self, ImportPreview, ImportResult};
use roundtable_core::import::ImportChoices;
use tauri::State;
use tauri::ipc::{InvokeBody, Request};
use uuid::Uuid;

use crate::state::AppState;

struct Upload<'a> {
    panel_id: Uuid,
    file_name: String,
    choices: Option<ImportChoices>,
    bytes: &'a [u8],
}

pub(crate) fn header(request: &Request<'_>, name: &str) -> Option<String> {
    let raw = request.headers().get(name)?.to_str().ok()?;
    Some(
        percent_encoding::percent_decode_str(raw)
            .decode_utf8_lossy()
            .into_owned(),
    )
}

/// A header holding JSON (the choices made in a preview); none when absent
/// or empty, a clear error on the file when it cannot be read.
pub(crate) fn json_header<T: serde::de::DeserializeOwned>(
    request: &Request<'_>,
    name: &str,
    unreadable: &str,
) -> Result<Option<T>, ApiError> {
    match header(request, name) {
        Some(json) if !json.is_empty() => serde_json::from_str(&json)
            .map(Some)
            .map_err(|_| bad_upload(unreadable)),
        _ => Ok(None),
    }
}

fn bad_upload(message: &str) -> ApiError {
    CoreError::field("file", message).into()
}

fn upload<'a>(request: &'a Request<'_>) -> Result<Upload<'a>, ApiError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(bad_upload(
            "Choose a referral list (CSV or XLSX) to import.",
        ));
    };
    let panel_id = header(request, "x-panel-id")
        .and_then(|p| Uuid::parse_str(&p).ok())
        .ok_or_else(|| bad_upload("Choose the panel to import the referrals into."))?;
    let file_name = header(request, "x-file-name").unwrap_or_else(|| "referrals.csv".into());
    let choices = json_header(
        request,
        "x-choices",
        "The choices for this list could not be read. Choose them again.",
    )?;
    Ok(Upload {
        panel_id,
        file_name,
        choices,
        bytes,
    })
}

#[tauri::command]
pub async fn import_preview(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<ImportPreview, ApiError> {
    let up = upload(&request)?;
    state.with_store(|store| {
        import::preview(
            store.conn(),
            up.panel_id,
            &up.file_name,
            up.bytes,
            up.choices.as_ref(),
            local_today(),
        )
    })
}

#[tauri::command]
pub async fn import_commit(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<ImportResult, ApiError> {
    let up = upload(&request)?;
    let choices = up
        .choices
        .ok_or_else(|| bad_upload("Check the columns before importing."))?;
    state.with_store(|store| {
        import::commit(
            store,
            up.panel_id,
            &up.file_name,
            up.bytes,
            &choices,
            local_today(),
        )
    })
}
