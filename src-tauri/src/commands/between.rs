//! Between meetings: the action tracker, lateness by agency, panel
//! statistics, a case's timeline, and reports written to a chosen folder.

use chrono::Utc;
use roundtable_core::ApiError;
use roundtable_core::dates::local_today;
use roundtable_core::domain::action::{Action, ReportInput};
use roundtable_core::features::actions;
use roundtable_core::features::exports::{self, ReportRequest, WrittenFile};
use roundtable_core::features::person::{self, TimelineEntry};
use roundtable_core::features::safelives_return::{self, PopulationInput, SafeLivesReturn};
use roundtable_core::features::sealing::Encryption;
use roundtable_core::features::statistics::{self, PeriodChoice, Statistics, StatisticsRequest};
use roundtable_core::features::tracker::{
    self, ActionFilter, AgencyLateness, LateReport, TrackerPage,
};
use tauri::State;
use uuid::Uuid;

use crate::state::AppState;

#[tauri::command]
pub async fn list_actions(
    state: State<'_, AppState>,
    filter: ActionFilter,
) -> Result<TrackerPage, ApiError> {
    state.with_store(|store| tracker::list(store.conn(), &filter, local_today()))
}

#[tauri::command]
pub async fn report_actions(
    state: State<'_, AppState>,
    ids: Vec<Uuid>,
    input: ReportInput,
) -> Result<Vec<Action>, ApiError> {
    state.with_store(|store| actions::report_many(store, &ids, &input, local_today()))
}

#[tauri::command]
pub async fn action_lateness(
    state: State<'_, AppState>,
    panel_id: Option<Uuid>,
) -> Result<Vec<AgencyLateness>, ApiError> {
    state.with_store(|store| tracker::lateness(store.conn(), panel_id, local_today()))
}

#[tauri::command]
pub async fn late_report(
    state: State<'_, AppState>,
    panel_id: Option<Uuid>,
) -> Result<LateReport, ApiError> {
    state.with_store(|store| tracker::late_report(store.conn(), panel_id, local_today()))
}

#[tauri::command]
pub async fn statistics_periods() -> Result<Vec<PeriodChoice>, ApiError> {
    Ok(statistics::period_choices(local_today()))
}

#[tauri::command]
pub async fn panel_statistics(
    state: State<'_, AppState>,
    request: StatisticsRequest,
) -> Result<Statistics, ApiError> {
    state.with_store(|store| statistics::compute(store.conn(), &request, local_today()))
}

/// The SafeLives quarterly return, exact counts, for the screen.
#[tauri::command]
pub async fn safelives_return(
    state: State<'_, AppState>,
    request: StatisticsRequest,
) -> Result<SafeLivesReturn, ApiError> {
    state.with_store(|store| safelives_return::compute(store.conn(), &request, local_today()))
}

/// Records the panel's population for the return's rate; returns the return.
#[tauri::command]
pub async fn set_panel_population(
    state: State<'_, AppState>,
    input: PopulationInput,
    request: StatisticsRequest,
) -> Result<SafeLivesReturn, ApiError> {
    state.with_store(|store| {
        safelives_return::set_population(store, &input)?;
        safelives_return::compute(store.conn(), &request, local_today())
    })
}

#[tauri::command]
pub async fn case_timeline(
    state: State<'_, AppState>,
    case_id: Uuid,
) -> Result<Vec<TimelineEntry>, ApiError> {
    state.with_store(|store| person::timeline(store.conn(), case_id, local_today()))
}

/// Writes a report to `folder`; refuses to replace a file unless asked.
#[tauri::command]
pub async fn export_report(
    state: State<'_, AppState>,
    request: ReportRequest,
    folder: String,
    replace: bool,
    encryption: Option<Encryption>,
) -> Result<WrittenFile, ApiError> {
    let folder = state.granted(&folder, "folder")?;
    let written = state.with_store(|store| {
        let sealing = encryption.as_ref();
        exports::write_report(store, &request, &folder, replace, sealing, Utc::now())
    })?;
    let kind = match request {
        ReportRequest::StatisticsPdf { .. } => "statistics (PDF)",
        ReportRequest::StatisticsCsv { .. } => "statistics (CSV)",
        ReportRequest::LateActions { .. } => "late actions by agency",
        ReportRequest::SubjectAccess { .. } => "subject access",
        ReportRequest::SafeLivesReturnCsv { .. } => "SafeLives return (CSV)",
        ReportRequest::SafeLivesReturnXlsx { .. } => "SafeLives return (XLSX)",
    };
    log::info!("exported: {kind}, {} bytes", written.bytes);
    Ok(written)
}
