//! Running a meeting: the cockpit's views, attendance, timers, what each
//! agency shares, the assessment and outcome, and actions.

use chrono::{Local, Utc};
use roundtable_core::ApiError;
use roundtable_core::dates::local_today;
use roundtable_core::domain::action::{Action, ActionInput, ActionSaved, ActionStatus};
use roundtable_core::domain::running::{
    AgencyAttendance, AssessmentInput, AttendanceStatus, Attendee, AttendeeInput, HearingRecord,
    OutcomeInput, ShareInput,
};
use roundtable_core::features::cockpit::{self, CaseInMeeting, MeetingNow};
use roundtable_core::features::{actions, running};
use tauri::State;
use uuid::Uuid;

use crate::state::AppState;

#[tauri::command]
pub async fn meeting_now(
    state: State<'_, AppState>,
    meeting_id: Uuid,
) -> Result<MeetingNow, ApiError> {
    state.with_store(|store| {
        cockpit::meeting_now(
            store.conn(),
            meeting_id,
            Utc::now(),
            Local::now().naive_local(),
        )
    })
}

#[tauri::command]
pub async fn case_in_meeting(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    case_id: Uuid,
) -> Result<CaseInMeeting, ApiError> {
    state.with_store(|store| {
        cockpit::case_in_meeting(store.conn(), meeting_id, case_id, local_today())
    })
}

#[tauri::command]
pub async fn set_agency_attendance(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    agency_id: Uuid,
    status: AttendanceStatus,
) -> Result<Vec<AgencyAttendance>, ApiError> {
    state.with_store(|store| running::set_agency_attendance(store, meeting_id, agency_id, status))
}

#[tauri::command]
pub async fn add_attendee(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    input: AttendeeInput,
) -> Result<Vec<Attendee>, ApiError> {
    state.with_store(|store| running::add_attendee(store, meeting_id, &input))
}

#[tauri::command]
pub async fn update_attendee(
    state: State<'_, AppState>,
    attendee_id: Uuid,
    input: AttendeeInput,
) -> Result<Vec<Attendee>, ApiError> {
    state.with_store(|store| running::update_attendee(store, attendee_id, &input))
}

#[tauri::command]
pub async fn go_to_item(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    item_id: Uuid,
) -> Result<(), ApiError> {
    state.with_store(|store| running::go_to_item(store, meeting_id, item_id, Utc::now()))
}

#[tauri::command]
pub async fn toggle_timer(state: State<'_, AppState>, meeting_id: Uuid) -> Result<bool, ApiError> {
    state.with_store(|store| running::toggle_timer(store, meeting_id, Utc::now()))
}

#[tauri::command]
pub async fn share_information(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    case_id: Uuid,
    agency_id: Uuid,
    input: ShareInput,
) -> Result<HearingRecord, ApiError> {
    state.with_store(|store| running::share(store, meeting_id, case_id, agency_id, &input))
}

#[tauri::command]
pub async fn assess_case(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    case_id: Uuid,
    input: AssessmentInput,
) -> Result<HearingRecord, ApiError> {
    state.with_store(|store| running::assess(store, meeting_id, case_id, &input))
}

#[tauri::command]
pub async fn decide_case(
    state: State<'_, AppState>,
    meeting_id: Uuid,
    case_id: Uuid,
    input: OutcomeInput,
) -> Result<HearingRecord, ApiError> {
    state.with_store(|store| running::decide(store, meeting_id, case_id, &input, local_today()))
}

#[tauri::command]
pub async fn add_action(
    state: State<'_, AppState>,
    input: ActionInput,
) -> Result<ActionSaved, ApiError> {
    state.with_store(|store| actions::add(store, &input, local_today()))
}

#[tauri::command]
pub async fn update_action(
    state: State<'_, AppState>,
    id: Uuid,
    input: ActionInput,
) -> Result<ActionSaved, ApiError> {
    state.with_store(|store| actions::update(store, id, &input, local_today()))
}

#[tauri::command]
pub async fn remove_action(state: State<'_, AppState>, id: Uuid) -> Result<(), ApiError> {
    state.with_store(|store| actions::remove(store, id))
}

#[tauri::command]
pub async fn report_action(
    state: State<'_, AppState>,
    id: Uuid,
    status: ActionStatus,
    note: String,
    meeting_id: Option<Uuid>,
) -> Result<Action, ApiError> {
    state.with_store(|store| actions::report(store, id, status, &note, meeting_id, local_today()))
}

#[tauri::command]
pub async fn actions_for_review(
    state: State<'_, AppState>,
    meeting_id: Uuid,
) -> Result<Vec<Action>, ApiError> {
    state.with_store(|store| actions::for_review(store.conn(), meeting_id, local_today()))
}

#[tauri::command]
pub async fn meeting_actions(
    state: State<'_, AppState>,
    meeting_id: Uuid,
) -> Result<Vec<Action>, ApiError> {
    state.with_store(|store| actions::agreed_at(store.conn(), meeting_id, local_today()))
}

/// Ends the meeting: the current item's timer stops and the meeting is held.
#[tauri::command]
pub async fn close_meeting(state: State<'_, AppState>, meeting_id: Uuid) -> Result<(), ApiError> {
    state.with_store(|store| running::close(store, meeting_id, Utc::now()))
}
