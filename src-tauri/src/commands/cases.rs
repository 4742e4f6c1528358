//! Cases: recording and editing referrals, their lifecycle, repeat offers,
//! triage, search, and each panel's categories of concern.

use roundtable_core::ApiError;
use roundtable_core::dates::local_today;
use roundtable_core::domain::case::{CaseDetail, CaseInput, CaseSummary};
use roundtable_core::domain::dash::{self, DashChecklist, DashInput};
use roundtable_core::domain::referral::ReferralDetails;
use roundtable_core::features;
use roundtable_core::features::cases::{self, CaseAction, CaseFilter};
use tauri::State;
use uuid::Uuid;

use crate::state::AppState;

#[tauri::command]
pub async fn list_cases(
    state: State<'_, AppState>,
    filter: CaseFilter,
) -> Result<Vec<CaseSummary>, ApiError> {
    state.with_store(|store| cases::list(store.conn(), &filter, local_today()))
}

#[tauri::command]
pub async fn get_case(state: State<'_, AppState>, id: Uuid) -> Result<CaseDetail, ApiError> {
    state.with_store(|store| cases::get(store.conn(), id, local_today()))
}

#[tauri::command]
pub async fn new_case_defaults(panel_id: Uuid) -> Result<CaseInput, ApiError> {
    Ok(CaseInput::blank(panel_id, local_today()))
}

#[tauri::command]
pub async fn create_case(
    state: State<'_, AppState>,
    input: CaseInput,
) -> Result<CaseDetail, ApiError> {
    state.with_store(|store| cases::create(store, &input, local_today()))
}

#[tauri::command]
pub async fn update_case(
    state: State<'_, AppState>,
    id: Uuid,
    input: CaseInput,
) -> Result<CaseDetail, ApiError> {
    state.with_store(|store| cases::update(store, id, &input, local_today()))
}

/// The Dash checklists' questions, as the core holds them.
#[tauri::command]
pub async fn dash_checklists() -> Result<Vec<DashChecklist>, ApiError> {
    Ok(dash::checklists())
}

#[tauri::command]
pub async fn record_dash(
    state: State<'_, AppState>,
    case_id: Uuid,
    input: DashInput,
) -> Result<CaseDetail, ApiError> {
    state.with_store(|store| features::dash::record(store, case_id, &input, local_today()))
}

/// Keeps the checklist being filled in, with each answer.
#[tauri::command]
pub async fn save_dash_draft(
    state: State<'_, AppState>,
    case_id: Uuid,
    input: DashInput,
) -> Result<(), ApiError> {
    state.with_store(|store| features::dash::save_draft(store, case_id, &input))
}

#[tauri::command]
pub async fn discard_dash_draft(
    state: State<'_, AppState>,
    case_id: Uuid,
) -> Result<CaseDetail, ApiError> {
    state.with_store(|store| features::dash::discard_draft(store, case_id, local_today()))
}

/// Saves the rest of the referral form (perpetrators, children, safe
/// contact, lawful ground...), as typed.
#[tauri::command]
pub async fn save_referral_details(
    state: State<'_, AppState>,
    case_id: Uuid,
    input: ReferralDetails,
) -> Result<CaseDetail, ApiError> {
    state.with_store(|store| features::referral::save(store, case_id, &input, local_today()))
}

/// Confirms or dismisses another panel's case as holding one of this
/// case's people.
#[tauri::command]
pub async fn decide_other_panel(
    state: State<'_, AppState>,
    case_id: Uuid,
    other_case_id: Uuid,
    who: String,
    same: bool,
) -> Result<CaseDetail, ApiError> {
    state.with_store(|store| {
        features::other_panels::decide(store, (case_id, other_case_id, &who), same, local_today())
    })
}

#[tauri::command]
pub async fn case_action(
    state: State<'_, AppState>,
    id: Uuid,
    action: CaseAction,
) -> Result<CaseDetail, ApiError> {
    state.with_store(|store| cases::transition(store, id, &action, local_today()))
}

#[tauri::command]
pub async fn decide_repeat(
    state: State<'_, AppState>,
    case_id: Uuid,
    other_case_id: Uuid,
    same_person: bool,
) -> Result<CaseDetail, ApiError> {
    state.with_store(|store| {
        cases::decide_repeat(store, case_id, other_case_id, same_person, local_today())
    })
}

#[tauri::command]
pub async fn triage_cases(
    state: State<'_, AppState>,
    case_ids: Vec<Uuid>,
    action: CaseAction,
    triage_meeting_id: Option<Uuid>,
) -> Result<usize, ApiError> {
    state.with_store(|store| {
        cases::triage(store, &case_ids, &action, triage_meeting_id, local_today())
    })
}

#[tauri::command]
pub async fn panel_concerns(
    state: State<'_, AppState>,
    panel_id: Uuid,
) -> Result<Vec<String>, ApiError> {
    state.with_store(|store| cases::panel_concerns(store.conn(), panel_id))
}

#[tauri::command]
pub async fn set_panel_concerns(
    state: State<'_, AppState>,
    panel_id: Uuid,
    labels: Vec<String>,
) -> Result<Vec<String>, ApiError> {
    state.with_store(|store| cases::set_panel_concerns(store, panel_id, &labels))
}
