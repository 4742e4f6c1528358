//! Files over HTTP: what the desktop writes to a folder is downloaded by
//! the browser (minutes, action plans, reports), and what the desktop reads
//! from a chosen file is uploaded (referral and agency lists). The upload's
//! bytes are the raw request body with its details in headers, exactly as
//! the UI sends them to the desktop's shell; the core does the rest. An
//! agency's representative downloads its own agency's action plans only.

use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use roundtable_core::CoreError;
use roundtable_core::dates::local_today;
use roundtable_core::features::downloads::{self, Download};
use roundtable_core::features::exports::ReportRequest;
use roundtable_core::features::sealing::Encryption;
use roundtable_core::features::transfer::{self, ReceiptRequest, ReceiveRequest, TransferRequest};
use roundtable_core::features::{agency_desk, agency_import, import};
use roundtable_core::import::ImportChoices;
use roundtable_core::import::agency_rows::AgencyColumn;
use roundtable_core::store::pg::PgStore;
use serde::Deserialize;
use serde_json::Value;
use uuid::Uuid;

use crate::app::{Caller, Needs, Shared, parse, signed_in};
use crate::error::{HttpError, HttpResult};

/// The largest list accepted: the core's own limit for an import.
pub const UPLOAD_LIMIT: usize = roundtable_core::import::table::MAX_FILE_BYTES + 1024;

#[derive(Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
enum Wanted {
    Minutes {
        meeting_id: Uuid,
        #[serde(default)]
        encryption: Option<Encryption>,
    },
    ActionPlan {
        meeting_id: Uuid,
        agency_id: Uuid,
        #[serde(default)]
        encryption: Option<Encryption>,
    },
    Report {
        request: ReportRequest,
        #[serde(default)]
        encryption: Option<Encryption>,
    },
    /// A MARAC-to-MARAC transfer bundle (already encrypted).
    Transfer { request: TransferRequest },
}

/// The header carrying a password Roundtable made for an encrypted copy:
/// shown to the coordinator once, never kept.
pub const PASSWORD_HEADER: &str = "x-roundtable-password";

/// `POST /api/download`: the file, to be saved by the browser.
pub async fn download(
    State(state): State<Shared>,
    caller: Caller,
    body: Result<Bytes, BytesRejection>,
) -> HttpResult<Response> {
    let file = signed_in(&state, caller, Needs::Work, move |store, me| {
        let wanted: Wanted = parse(body)?;
        let now = Utc::now();
        if let (
            Some(mine),
            Wanted::ActionPlan {
                meeting_id,
                agency_id,
                ..
            },
        ) = (me.agency_id, &wanted)
        {
            // An agency's representative: its own agency's plans only.
            if *agency_id != mine {
                return Err(CoreError::Forbidden(
                    "Your account may download only your own agency's action plans.",
                )
                .into());
            }
            return Ok(agency_desk::plan(store, mine, *meeting_id, now)?);
        }
        crate::commands::works_the_panel(&me)?;
        Ok(match wanted {
            Wanted::Minutes {
                meeting_id,
                encryption,
            } => downloads::minutes(store, meeting_id, encryption.as_ref(), now)?,
            Wanted::ActionPlan {
                meeting_id,
                agency_id,
                encryption,
            } => downloads::action_plan(store, meeting_id, agency_id, encryption.as_ref(), now)?,
            Wanted::Report {
                request,
                encryption,
            } => downloads::report(store, &request, encryption.as_ref(), now)?,
            Wanted::Transfer { request } => {
                let (file_name, bytes) = transfer::send(store, &request, now)?;
                Download {
                    file_name,
                    bytes,
                    media_type: "application/octet-stream",
                    password: None,
                }
            }
        })
    })
    .await?;
    Ok(attachment(file))
}

fn attachment(file: Download) -> Response {
    // File names carry a panel, a date and an agency's code, never a person;
    // the encoded form keeps any name the panel was given.
    let encoded: String =
        percent_encoding::utf8_percent_encode(&file.file_name, percent_encoding::NON_ALPHANUMERIC)
            .to_string();
    let disposition = format!("attachment; filename*=UTF-8''{encoded}");
    let mut response = file.bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(file.media_type),
    );
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    if let Some(password) = file.password.as_deref()
        && let Ok(value) = HeaderValue::from_str(password)
    {
        headers.insert(PASSWORD_HEADER, value);
    }
    response
}

/// A header's text (percent-decoded, as the UI encodes it); "" if absent.
fn header_text(headers: &HeaderMap, name: &str) -> String {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(|raw| {
            percent_encoding::percent_decode_str(raw)
                .decode_utf8_lossy()
                .into_owned()
        })
        .unwrap_or_default()
}

fn bad_upload(message: &'static str) -> HttpError {
    CoreError::field("file", message).into()
}

/// A header holding JSON (choices, columns): none when empty.
fn json_header<T: serde::de::DeserializeOwned>(
    headers: &HeaderMap,
    name: &str,
    unreadable: &'static str,
) -> HttpResult<Option<T>> {
    let text = header_text(headers, name);
    if text.is_empty() {
        return Ok(None);
    }
    serde_json::from_str(&text)
        .map(Some)
        .map_err(|_| bad_upload(unreadable))
}

fn panel_header(headers: &HeaderMap) -> HttpResult<Option<Uuid>> {
    let text = header_text(headers, "x-panel-id");
    if text.is_empty() {
        return Ok(None);
    }
    Uuid::parse_str(&text)
        .map(Some)
        .map_err(|_| CoreError::field("panel_id", "Choose the panel again.").into())
}

const UNREADABLE: &str = "The details could not be read. Enter them again.";

/// `POST /api/upload/{command}`: a list's bytes as the body.
pub async fn upload(
    State(state): State<Shared>,
    caller: Caller,
    Path(command): Path<String>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> HttpResult<Json<Value>> {
    let body = body.map_err(|r| HttpError::with_status(r.status(), r.body_text()))?;
    let value = signed_in(&state, caller, Needs::Work, move |store, me| {
        crate::commands::works_the_panel(&me)?;
        if body.is_empty() {
            return Err(bad_upload("Choose a list (CSV or XLSX) to import."));
        }
        let list = Uploaded {
            command: &command,
            name: header_text(&headers, "x-file-name"),
            panel: panel_header(&headers)?,
            headers: &headers,
            body: &body,
        };
        let answer = match command.as_str() {
            "import_preview" | "import_commit" => referrals(store, &list)?,
            "agency_import_preview" | "agency_import_commit" => agencies(store, &list)?,
            "receive_transfer" => {
                let asked: ReceiveRequest = json_header(&headers, "x-request", UNREADABLE)?
                    .ok_or_else(|| bad_upload(UNREADABLE))?;
                serde_json::to_value(transfer::receive(store, &body, &asked, Utc::now())?)
            }
            "close_transfer" => {
                let asked: ReceiptRequest = json_header(&headers, "x-request", UNREADABLE)?
                    .ok_or_else(|| bad_upload(UNREADABLE))?;
                serde_json::to_value(transfer::close_loop(store, &body, &asked.passphrase)?)
            }
            _ => {
                return Err(HttpError::with_status(
                    StatusCode::NOT_FOUND,
                    "There is no such request.",
                ));
            }
        };
        answer.map_err(|e| {
            HttpError::from(CoreError::Storage(format!(
                "could not send the answer: {e}"
            )))
        })
    })
    .await?;
    Ok(Json(value))
}

/// An uploaded list and what came with it.
struct Uploaded<'a> {
    command: &'a str,
    /// The file's name, as chosen.
    name: String,
    panel: Option<Uuid>,
    headers: &'a HeaderMap,
    body: &'a [u8],
}

/// A referral list previewed, or imported with the choices checked.
fn referrals(store: &mut PgStore, list: &Uploaded<'_>) -> HttpResult<serde_json::Result<Value>> {
    let today = local_today();
    let panel = list
        .panel
        .ok_or_else(|| bad_upload("Choose the panel to import the referrals into."))?;
    let choices: Option<ImportChoices> = json_header(
        list.headers,
        "x-choices",
        "The choices for this list could not be read. Choose them again.",
    )?;
    let (name, body) = (&list.name, list.body);
    Ok(if list.command == "import_preview" {
        let preview =
            store.read(|db| import::preview(db, panel, name, body, choices.as_ref(), today))?;
        serde_json::to_value(preview)
    } else {
        let choices = choices.ok_or_else(|| bad_upload("Check the columns before importing."))?;
        serde_json::to_value(import::commit(store, panel, name, body, &choices, today)?)
    })
}

/// An agency list previewed, or imported with the columns checked.
fn agencies(store: &mut PgStore, list: &Uploaded<'_>) -> HttpResult<serde_json::Result<Value>> {
    let columns: Option<Vec<AgencyColumn>> = json_header(
        list.headers,
        "x-columns",
        "The columns for this list could not be read. Choose them again.",
    )?;
    let (name, body) = (&list.name, list.body);
    Ok(if list.command == "agency_import_preview" {
        let preview =
            store.read(|db| agency_import::preview(db, name, body, columns.as_deref()))?;
        serde_json::to_value(preview)
    } else {
        let columns = columns.ok_or_else(|| bad_upload("Check the columns before importing."))?;
        serde_json::to_value(agency_import::commit(
            store, name, body, &columns, list.panel,
        )?)
    })
}
