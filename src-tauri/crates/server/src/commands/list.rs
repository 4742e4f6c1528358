//! Every command the server answers at `/api/call/{command}`: the desktop's
//! commands that need only the store, with the same names and arguments.
//! Each line calls the core feature the desktop's command calls.

use chrono::{Local, Utc};
use roundtable_core::audit::{self, AuditAnchor};
use roundtable_core::dates::local_today;
use roundtable_core::domain::action::{ActionInput, ActionStatus, ReportInput};
use roundtable_core::domain::case::CaseInput;
use roundtable_core::domain::dash::{self, DashInput};
use roundtable_core::domain::meeting::{MeetingDetail, MeetingInput};
use roundtable_core::domain::referral::ReferralDetails;
use roundtable_core::domain::research::ResearchRequestInput;
use roundtable_core::domain::running::{
    AssessmentInput, AttendanceStatus, AttendeeInput, OutcomeInput, ShareInput,
};
use roundtable_core::domain::usual_agencies::usual_agencies;
use roundtable_core::domain::{AgencyInput, PanelInput, PanelKind};
use roundtable_core::features;
use roundtable_core::features::cases::{CaseAction, CaseFilter};
use roundtable_core::features::retention::{self, DeleteDueInput};
use roundtable_core::features::safelives_return::{self, PopulationInput};
use roundtable_core::features::statistics::StatisticsRequest;
use roundtable_core::features::tracker::ActionFilter;
use roundtable_core::features::{
    actions, agencies, agenda, approval, cases, cockpit, documents, exports, meetings, panels,
    person, projector, research, running, statistics, tracker,
};
use roundtable_core::store::pg::{PgStore, RequestKind};
use roundtable_core::{CoreError, CoreResult};
use serde_json::Value;
use uuid::Uuid;

use super::arguments;
use crate::error::{HttpError, HttpResult};
use axum::http::StatusCode;

/// Commands only the roles that manage the server's accounts may run.
pub const COORDINATORS_ONLY: &[&str] = &[
    "audit_log",
    "agency_views",
    "audit_head",
    "verify_audit_log",
    "retention_due",
    "delete_due_cases",
];

/// The meeting as it is after an agenda change (the desktop's answer).
fn agenda_after(s: &mut PgStore, meeting: CoreResult<Uuid>) -> CoreResult<MeetingDetail> {
    let meeting = meeting?;
    s.read(|db| meetings::get(db, meeting))
}

commands! {
    // The directory and panels.
    list_panels() => read |s| s.read(panels::list);
    new_panel_defaults(kind: PanelKind) => read |s| Ok(PanelInput::defaults(kind));
    create_panel(input: PanelInput) => write |s| panels::create(s, &input);
    update_panel(id: Uuid, input: PanelInput) => write |s| panels::update(s, id, &input);
    set_panel_archived(id: Uuid, archived: bool) => write |s| panels::set_archived(s, id, archived);
    set_panel_membership(panel_id: Uuid, agency_id: Uuid, member: bool) =>
        write |s| panels::set_membership(s, panel_id, agency_id, member);
    list_agencies() => read |s| s.read(agencies::list);
    create_agency(input: AgencyInput) => write |s| agencies::create(s, &input);
    update_agency(id: Uuid, input: AgencyInput) => write |s| agencies::update(s, id, &input);
    set_agency_archived(id: Uuid, archived: bool) => write |s| agencies::set_archived(s, id, archived);
    usual_agencies_for(kind: PanelKind) => read |s| Ok(usual_agencies(kind));
    create_agencies(inputs: Vec<AgencyInput>, panel_id: Option<Uuid>) =>
        write |s| agencies::create_many(s, &inputs, panel_id);

    // Cases.
    list_cases(filter: CaseFilter) =>
        read |s| s.read_one(|db| cases::list(db, &filter, local_today()));
    get_case(id: Uuid) => read |s| s.read(|db| cases::get(db, id, local_today()));
    new_case_defaults(panel_id: Uuid) => read |s| Ok(CaseInput::blank(panel_id, local_today()));
    create_case(input: CaseInput) => write |s| cases::create(s, &input, local_today());
    update_case(id: Uuid, input: CaseInput) => write |s| cases::update(s, id, &input, local_today());
    case_action(id: Uuid, action: CaseAction) =>
        write |s| cases::transition(s, id, &action, local_today());
    decide_repeat(case_id: Uuid, other_case_id: Uuid, same_person: bool) =>
        write |s| cases::decide_repeat(s, case_id, other_case_id, same_person, local_today());
    triage_cases(case_ids: Vec<Uuid>, action: CaseAction, triage_meeting_id: Option<Uuid>) =>
        write |s| cases::triage(s, &case_ids, &action, triage_meeting_id, local_today());
    panel_concerns(panel_id: Uuid) => read |s| s.read(|db| cases::panel_concerns(db, panel_id));
    dash_checklists() => read |s| Ok(dash::checklists());
    record_dash(case_id: Uuid, input: DashInput) =>
        write |s| features::dash::record(s, case_id, &input, local_today());
    save_dash_draft(case_id: Uuid, input: DashInput) =>
        write |s| features::dash::save_draft(s, case_id, &input);
    discard_dash_draft(case_id: Uuid) =>
        write |s| features::dash::discard_draft(s, case_id, local_today());
    save_referral_details(case_id: Uuid, input: ReferralDetails) =>
        write |s| features::referral::save(s, case_id, &input, local_today());
    decide_other_panel(case_id: Uuid, other_case_id: Uuid, who: String, same: bool) =>
        write |s| features::other_panels::decide(s, (case_id, other_case_id, &who), same, local_today());
    set_panel_concerns(panel_id: Uuid, labels: Vec<String>) =>
        write |s| cases::set_panel_concerns(s, panel_id, &labels);
    case_timeline(case_id: Uuid) => read |s| s.read(|db| person::timeline(db, case_id, local_today()));

    // Meetings and agendas.
    list_meetings(panel_id: Option<Uuid>) => read |s| s.read(|db| meetings::list(db, panel_id));
    get_meeting(id: Uuid) => read |s| s.read(|db| meetings::get(db, id));
    create_meeting(input: MeetingInput) => write |s| meetings::create(s, &input, local_today());
    create_emergency_meeting(case_id: Uuid, input: MeetingInput) =>
        write |s| meetings::create_emergency(s, case_id, &input, local_today());
    move_agenda_item(item_id: Uuid, position: u32) =>
        write |s| { let m = agenda::move_item(s, item_id, position); agenda_after(s, m) };
    set_agenda_item_minutes(item_id: Uuid, minutes: u32) =>
        write |s| { let m = agenda::set_planned_minutes(s, item_id, minutes); agenda_after(s, m) };
    remove_agenda_item(item_id: Uuid) =>
        write |s| { let m = agenda::remove_item(s, item_id); agenda_after(s, m) };

    // The running meeting.
    meeting_now(meeting_id: Uuid) =>
        read |s| s.read(|db| cockpit::meeting_now(db, meeting_id, Utc::now(), Local::now().naive_local()));
    case_in_meeting(meeting_id: Uuid, case_id: Uuid) =>
        read |s| s.read(|db| cockpit::case_in_meeting(db, meeting_id, case_id, local_today()));
    set_agency_attendance(meeting_id: Uuid, agency_id: Uuid, status: AttendanceStatus) =>
        write |s| running::set_agency_attendance(s, meeting_id, agency_id, status);
    add_attendee(meeting_id: Uuid, input: AttendeeInput) =>
        write |s| running::add_attendee(s, meeting_id, &input);
    update_attendee(attendee_id: Uuid, input: AttendeeInput) =>
        write |s| running::update_attendee(s, attendee_id, &input);
    go_to_item(meeting_id: Uuid, item_id: Uuid) =>
        write |s| running::go_to_item(s, meeting_id, item_id, Utc::now());
    toggle_timer(meeting_id: Uuid) => write |s| running::toggle_timer(s, meeting_id, Utc::now());
    share_information(meeting_id: Uuid, case_id: Uuid, agency_id: Uuid, input: ShareInput) =>
        write |s| running::share(s, meeting_id, case_id, agency_id, &input);
    // Research before the meeting, as the coordinator sees it (issue 18).
    research_grid(meeting_id: Uuid) => read |s| research::grid(s, meeting_id, local_today());
    publish_research(meeting_id: Uuid, input: ResearchRequestInput) =>
        write |s| research::publish(s, meeting_id, &input, local_today());
    remind_research(meeting_id: Uuid, agency_id: Uuid) =>
        write |s| research::remind(s, meeting_id, agency_id, local_today());
    assess_case(meeting_id: Uuid, case_id: Uuid, input: AssessmentInput) =>
        write |s| running::assess(s, meeting_id, case_id, &input);
    decide_case(meeting_id: Uuid, case_id: Uuid, input: OutcomeInput) =>
        write |s| running::decide(s, meeting_id, case_id, &input, local_today());
    add_action(input: ActionInput) => write |s| actions::add(s, &input, local_today());
    update_action(id: Uuid, input: ActionInput) => write |s| actions::update(s, id, &input, local_today());
    remove_action(id: Uuid) => write |s| actions::remove(s, id);
    report_action(id: Uuid, status: ActionStatus, note: String, meeting_id: Option<Uuid>) =>
        write |s| actions::report(s, id, status, &note, meeting_id, local_today());
    actions_for_review(meeting_id: Uuid) =>
        read |s| s.read(|db| actions::for_review(db, meeting_id, local_today()));
    meeting_actions(meeting_id: Uuid) =>
        read |s| s.read(|db| actions::agreed_at(db, meeting_id, local_today()));
    close_meeting(meeting_id: Uuid) => write |s| running::close(s, meeting_id, Utc::now());
    // The projector is a page of its own in a browser, naming its meeting.
    projector_view_of(meeting_id: Uuid) => read |s| s.read(|db| projector::view(
        db, meeting_id, Utc::now(), Local::now().naive_local(), local_today()));

    // Minutes and their approval.
    minutes_preview(meeting_id: Uuid) =>
        read |s| s.read(|db| documents::minutes(db, meeting_id, Utc::now()));
    // The files a meeting's export makes, to download one by one.
    export_files(meeting_id: Uuid) =>
        read |s| s.read(|db| exports::files(db, meeting_id, Utc::now()));
    minutes_status(meeting_id: Uuid) => read |s| s.read(|db| approval::status(db, meeting_id));
    approve_minutes(meeting_id: Uuid, approver: String) =>
        write |s| approval::approve(s, meeting_id, &approver);
    start_amendment(meeting_id: Uuid, why: String) =>
        write |s| approval::start_amendment(s, meeting_id, &why);
    finish_amendment(meeting_id: Uuid, what: String) =>
        write |s| approval::finish_amendment(s, meeting_id, &what);

    // Between meetings.
    list_actions(filter: ActionFilter) => read |s| s.read(|db| tracker::list(db, &filter, local_today()));
    report_actions(ids: Vec<Uuid>, input: ReportInput) =>
        write |s| actions::report_many(s, &ids, &input, local_today());
    action_lateness(panel_id: Option<Uuid>) =>
        read |s| s.read(|db| tracker::lateness(db, panel_id, local_today()));
    late_report(panel_id: Option<Uuid>) =>
        read |s| s.read(|db| tracker::late_report(db, panel_id, local_today()));
    statistics_periods() => read |s| Ok(statistics::period_choices(local_today()));

    // Safety on a server (for coordinators and the administrator only; see
    // COORDINATORS_ONLY): the audit log, verified against an entry noted
    // down, and the cases past their panel's retention period.
    audit_log(limit: u32) => read |s| s.read(|db| audit::recent(db, limit.min(1_000)));
    agency_views(limit: u32) => read |s| s.read(|db| audit::agency_views(db, limit.min(1_000)));
    audit_head() => read |s| s.read(audit::head);
    verify_audit_log(noted: String) => write |s| {
        let anchors = if noted.trim().is_empty() { Vec::new() } else { vec![AuditAnchor::parse(&noted)?] };
        s.verify_audit(&anchors)
    };
    retention_due() => read |s| s.read(|db| retention::due(db, local_today()));
    delete_due_cases(input: DeleteDueInput) => write |s| retention::delete_due(s, &input, local_today());
    panel_statistics(request: StatisticsRequest) =>
        read |s| s.read(|db| statistics::compute(db, &request, local_today()));
    safelives_return(request: StatisticsRequest) =>
        read |s| s.read(|db| safelives_return::compute(db, &request, local_today()));
    set_panel_population(input: PopulationInput, request: StatisticsRequest) => write |s| {
        safelives_return::set_population(s, &input)?;
        s.read(|db| safelives_return::compute(db, &request, local_today()))
    };
}
