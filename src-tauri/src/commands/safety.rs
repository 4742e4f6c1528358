//! Safety settings: the idle lock, changing the passphrase, backup and
//! restore, the audit log and retention.

use std::path::PathBuf;

use roundtable_core::ApiError;
use roundtable_core::audit::{self, AuditAnchor, AuditPage, AuditVerification};
use roundtable_core::dates::local_today;
use roundtable_core::domain::AppStatus;
use roundtable_core::domain::safety::{
    BackupInput, BackupSummary, ChangePassphraseInput, RestoreInput,
};
use roundtable_core::features::retention::{self, DeleteDueInput, DeletedCases, DueCase};
use roundtable_core::store::Engine;
use tauri::{AppHandle, State};

use crate::state::AppState;

/// Minutes without input before the app locks itself.
#[tauri::command]
pub async fn idle_lock_minutes(state: State<'_, AppState>) -> Result<u32, ApiError> {
    state.with_vault(|vault| vault.idle_lock_minutes())
}

#[tauri::command]
pub async fn change_passphrase(
    state: State<'_, AppState>,
    input: ChangePassphraseInput,
) -> Result<AppStatus, ApiError> {
    let status = state.with_vault(|vault| vault.change_passphrase(&input))?;
    log::info!("the passphrase was changed");
    Ok(status)
}

/// The system's folder chooser for a backup; None when cancelled.
#[tauri::command]
pub async fn choose_backup_folder(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<String>, ApiError> {
    state.pick(&app, "Choose where to save the backup", None)
}

/// The system's file chooser for a backup to restore; None when cancelled.
#[tauri::command]
pub async fn choose_backup_file(
    app: AppHandle,
    state: State<'_, AppState>,
) -> Result<Option<String>, ApiError> {
    state.pick(
        &app,
        "Choose the backup to restore",
        Some(("Roundtable backup", &["rtbackup"])),
    )
}

/// Writes a backup; returns the file's path.
#[tauri::command]
pub async fn back_up(state: State<'_, AppState>, input: BackupInput) -> Result<String, ApiError> {
    // An empty folder is left to the core, which asks for one beside the field.
    let folder = match input.folder.as_str() {
        "" => PathBuf::new(),
        given => state.granted(given, "folder")?,
    };
    let path = state.with_vault(|vault| vault.back_up(&folder, &input, chrono::Local::now()))?;
    log::info!("a backup was written");
    Ok(path.display().to_string())
}

/// Checks a backup, then replaces all data with it.
#[tauri::command]
pub async fn restore_backup(
    state: State<'_, AppState>,
    input: RestoreInput,
) -> Result<BackupSummary, ApiError> {
    let file = match input.file.as_str() {
        "" => PathBuf::new(),
        given => state.granted(given, "file")?,
    };
    let (_, summary) = state.with_vault(|vault| vault.restore(&file, &input))?;
    log::info!("data restored from a backup");
    Ok(summary)
}

#[tauri::command]
pub async fn audit_log(state: State<'_, AppState>, limit: u32) -> Result<AuditPage, ApiError> {
    state.with_store(|store| store.read(|db| audit::recent(db, limit.min(1_000))))
}

/// Verifies the audit log against the anchors kept beside the database and,
/// if typed, one the user noted down (`noted`, as printed).
#[tauri::command]
pub async fn verify_audit_log(
    state: State<'_, AppState>,
    noted: String,
) -> Result<AuditVerification, ApiError> {
    let result = state.with_vault(|vault| vault.verify_audit_log(&noted))?;
    log::info!("audit log verified: intact = {}", result.intact);
    Ok(result)
}

/// The audit log's head now (entry and hash), to note down.
#[tauri::command]
pub async fn audit_head(state: State<'_, AppState>) -> Result<Option<AuditAnchor>, ApiError> {
    state.with_vault(|vault| vault.audit_head())
}

/// The page saw keyboard, pointer or wheel input: the idle lock's clock,
/// kept in Rust, starts again.
#[tauri::command]
pub async fn note_input(state: State<'_, AppState>) -> Result<(), ApiError> {
    state.with_vault(|vault| {
        vault.note_input(std::time::Instant::now());
        Ok(())
    })
}

#[tauri::command]
pub async fn retention_due(state: State<'_, AppState>) -> Result<Vec<DueCase>, ApiError> {
    state.with_store(|store| retention::due(store.conn(), local_today()))
}

#[tauri::command]
pub async fn delete_due_cases(
    state: State<'_, AppState>,
    input: DeleteDueInput,
) -> Result<DeletedCases, ApiError> {
    let done = state.with_store(|store| retention::delete_due(store, &input, local_today()))?;
    log::info!("retention: {} cases deleted", done.deleted);
    Ok(done)
}
