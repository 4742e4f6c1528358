//! The agency directory on day one: importing a list of agencies (the file's
//! bytes as the raw request body, like the referral import; its name, the
//! chosen columns and the panel to seat them on in headers), and the usual
//! agencies for a kind of panel, edited in the UI and added together.

use roundtable_core::ApiError;
use roundtable_core::CoreError;
use roundtable_core::domain::usual_agencies::usual_agencies;
use roundtable_core::domain::{Agency, AgencyInput, PanelKind};
use roundtable_core::features::agencies;
use roundtable_core::features::agency_import::{self, AgencyImportPreview, AgencyImportResult};
use roundtable_core::import::agency_rows::AgencyColumn;
use tauri::State;
use tauri::ipc::{InvokeBody, Request};
use uuid::Uuid;

use super::import::{header, json_header};
use crate::state::AppState;

struct Upload<'a> {
    file_name: String,
    columns: Option<Vec<AgencyColumn>>,
    panel_id: Option<Uuid>,
    bytes: &'a [u8],
}

fn bad_upload(message: &str) -> ApiError {
    CoreError::field("file", message).into()
}

fn upload<'a>(request: &'a Request<'_>) -> Result<Upload<'a>, ApiError> {
    let InvokeBody::Raw(bytes) = request.body() else {
        return Err(bad_upload(
            "Choose a list of agencies (CSV or XLSX) to import.",
        ));
    };
    let file_name = header(request, "x-file-name").unwrap_or_else(|| "agencies.csv".into());
    let columns = json_header(
        request,
        "x-columns",
        "The columns for this list could not be read. Choose them again.",
    )?;
    let panel_id = match header(request, "x-panel-id") {
        Some(p) if !p.is_empty() => Some(Uuid::parse_str(&p).map_err(|_| {
            ApiError::from(CoreError::field("panel_id", "Choose the panel again."))
        })?),
        _ => None,
    };
    Ok(Upload {
        file_name,
        columns,
        panel_id,
        bytes,
    })
}

#[tauri::command]
pub async fn agency_import_preview(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<AgencyImportPreview, ApiError> {
    let up = upload(&request)?;
    state.with_store(|store| {
        agency_import::preview(store.conn(), &up.file_name, up.bytes, up.columns.as_deref())
    })
}

#[tauri::command]
pub async fn agency_import_commit(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<AgencyImportResult, ApiError> {
    let up = upload(&request)?;
    let columns = up
        .columns
        .ok_or_else(|| bad_upload("Check the columns before importing."))?;
    state.with_store(|store| {
        agency_import::commit(store, &up.file_name, up.bytes, &columns, up.panel_id)
    })
}

/// The agencies a panel of this kind usually seats, to edit before adding.
#[tauri::command]
pub async fn usual_agencies_for(kind: PanelKind) -> Result<Vec<AgencyInput>, ApiError> {
    Ok(usual_agencies(kind))
}

#[tauri::command]
pub async fn create_agencies(
    state: State<'_, AppState>,
    inputs: Vec<AgencyInput>,
    panel_id: Option<Uuid>,
) -> Result<Vec<Agency>, ApiError> {
    state.with_store(|store| agencies::create_many(store, &inputs, panel_id))
}
