//! MARAC-to-MARAC transfers in the desktop: the bundle is written to a
//! folder the user chose; a bundle or a receipt arrives as the raw request
//! body (the UI has no file-system access), its passphrase and panel in a
//! JSON header; an imported bundle's receipt is written beside the exports.

use chrono::Utc;
use roundtable_core::features::exports::{self, WrittenFile};
use roundtable_core::features::transfer::{
    self, ReceiptRecorded, ReceiptRequest, ReceiveRequest, Received, TransferRequest,
};
use roundtable_core::{ApiError, CoreError};
use serde::Deserialize;
use tauri::State;
use tauri::ipc::{InvokeBody, Request};

use super::import::json_header;
use crate::state::AppState;

fn body<'a>(request: &'a Request<'_>) -> Result<&'a [u8], ApiError> {
    match request.body() {
        InvokeBody::Raw(bytes) if !bytes.is_empty() => Ok(bytes),
        _ => Err(CoreError::field("file", "Choose the file from the other area.").into()),
    }
}

fn details<T: serde::de::DeserializeOwned>(request: &Request<'_>) -> Result<T, ApiError> {
    json_header(
        request,
        "x-request",
        "The details could not be read. Enter them again.",
    )?
    .ok_or_else(|| CoreError::field("passphrase", "Enter the passphrase.").into())
}

/// Makes the bundle for a case and writes it to `folder`.
#[tauri::command]
pub async fn transfer_case(
    state: State<'_, AppState>,
    request: TransferRequest,
    folder: String,
    replace: bool,
) -> Result<WrittenFile, ApiError> {
    let folder = state.granted(&folder, "folder")?;
    let written = state.with_store(|store| {
        let (name, bytes) = transfer::send(store, &request, Utc::now())?;
        exports::write_file(&folder, &name, &bytes, replace)
    })?;
    log::info!("exported: a transfer bundle, {} bytes", written.bytes);
    Ok(written)
}

#[derive(Deserialize)]
struct ReceiveDetails {
    #[serde(flatten)]
    request: ReceiveRequest,
    /// Where the receipt is written (a folder the user was given).
    folder: String,
}

/// Imports a bundle as a new case; writes its receipt to the folder given.
#[tauri::command]
pub async fn receive_transfer(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<Received, ApiError> {
    let bytes = body(&request)?;
    let asked: ReceiveDetails = details(&request)?;
    let folder = state.granted(&asked.folder, "folder")?;
    state.with_store(|store| {
        let received = transfer::receive(store, bytes, &asked.request, Utc::now())?;
        let name = &received.receipt_file_name;
        exports::write_file(&folder, name, &received.receipt, true)?;
        Ok(received)
    })
}

/// Imports the receipt the receiving area sent back.
#[tauri::command]
pub async fn close_transfer(
    state: State<'_, AppState>,
    request: Request<'_>,
) -> Result<ReceiptRecorded, ApiError> {
    let bytes = body(&request)?;
    let asked: ReceiptRequest = details(&request)?;
    state.with_store(|store| transfer::close_loop(store, bytes, &asked.passphrase))
}
