//! First run, unlock and lock.

use roundtable_core::ApiError;
use roundtable_core::domain::safety::LockReason;
use roundtable_core::domain::{AppStatus, SetupInput};
use secrecy::{ExposeSecret, SecretString};
use tauri::State;

use crate::state::AppState;

/// The first screen (setup or unlock) is on screen: the support log says how
/// long the start took, so a slow machine shows in a helpdesk's first look
/// (and the window benchmark reads the moment it was written).
#[tauri::command]
pub fn first_screen_shown() {
    log::info!(
        "first screen shown {} ms after start",
        crate::STARTED.get().map_or(0, |t| t.elapsed().as_millis())
    );
}

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> Result<AppStatus, ApiError> {
    state.with_vault(|vault| Ok(vault.status()))
}

#[tauri::command]
pub async fn set_up(state: State<'_, AppState>, input: SetupInput) -> Result<AppStatus, ApiError> {
    let status = state.with_vault(|vault| vault.set_up(&input))?;
    log::info!("set up: a new encrypted data file was created");
    Ok(status)
}

#[tauri::command]
pub async fn unlock(
    state: State<'_, AppState>,
    passphrase: SecretString,
) -> Result<AppStatus, ApiError> {
    let status = state.with_vault(|vault| vault.unlock(passphrase.expose_secret()))?;
    log::info!("unlocked");
    Ok(status)
}

#[tauri::command]
pub async fn lock(state: State<'_, AppState>, reason: LockReason) -> Result<AppStatus, ApiError> {
    let status = state.with_vault(|vault| Ok(vault.lock(reason)))?;
    log::info!("locked ({reason:?})");
    Ok(status)
}
