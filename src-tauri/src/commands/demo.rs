//! The newcomer's "Load demo data".

use roundtable_core::ApiError;
use roundtable_core::features::demo;
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn load_demo_data(state: State<'_, AppState>) -> Result<(), ApiError> {
    state.with_store(|store| demo::load(store, roundtable_core::dates::local_today()))?;
    log::info!("demo data loaded");
    Ok(())
}
