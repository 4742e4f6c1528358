// The commands that only need the store, the same on both backends: each is
// one command of the core (the desktop's Tauri command, the server's
// /api/call/<command>), with the same name and camelCase arguments. A backend
// supplies how a command is sent; everything platform-bound (the vault,
// folders, windows, sign-in) is in its own file.
import type { Backend } from "./index";

/** Sends one command with its arguments; rejects with an ApiError. */
export type Call = <T>(command: string, args?: Record<string, unknown>) => Promise<T>;

export function storeCommands(call: Call) {
  return {
  listPanels: () => call("list_panels"),
  newPanelDefaults: (kind) => call("new_panel_defaults", { kind }),
  createPanel: (input) => call("create_panel", { input }),
  updatePanel: (id, input) => call("update_panel", { id, input }),
  setPanelArchived: (id, archived) => call("set_panel_archived", { id, archived }),
  setPanelMembership: (panelId, agencyId, member) =>
    call("set_panel_membership", { panelId, agencyId, member }),
  listAgencies: () => call("list_agencies"),
  createAgency: (input) => call("create_agency", { input }),
  updateAgency: (id, input) => call("update_agency", { id, input }),
  setAgencyArchived: (id, archived) => call("set_agency_archived", { id, archived }),
  listCases: (filter) => call("list_cases", { filter }),
  getCase: (id) => call("get_case", { id }),
  newCaseDefaults: (panelId) => call("new_case_defaults", { panelId }),
  createCase: (input) => call("create_case", { input }),
  updateCase: (id, input) => call("update_case", { id, input }),
  caseAction: (id, action) => call("case_action", { id, action }),
  decideRepeat: (caseId, otherCaseId, samePerson) => call("decide_repeat", { caseId, otherCaseId, samePerson }),
  triageCases: (caseIds, action, triageMeetingId) => call("triage_cases", { caseIds, action, triageMeetingId }),
  panelConcerns: (panelId) => call("panel_concerns", { panelId }),
  setPanelConcerns: (panelId, labels) => call("set_panel_concerns", { panelId, labels }),
  listMeetings: (panelId) => call("list_meetings", { panelId }),
  getMeeting: (id) => call("get_meeting", { id }),
  createMeeting: (input) => call("create_meeting", { input }),
  createEmergencyMeeting: (caseId, input) => call("create_emergency_meeting", { caseId, input }),
  moveAgendaItem: (itemId, position) => call("move_agenda_item", { itemId, position }),
  setAgendaItemMinutes: (itemId, minutes) => call("set_agenda_item_minutes", { itemId, minutes }),
  removeAgendaItem: (itemId) => call("remove_agenda_item", { itemId }),
  meetingNow: (meetingId) => call("meeting_now", { meetingId }),
  setAgencyAttendance: (meetingId, agencyId, status) => call("set_agency_attendance", { meetingId, agencyId, status }),
  addAttendee: (meetingId, input) => call("add_attendee", { meetingId, input }),
  updateAttendee: (attendeeId, input) => call("update_attendee", { attendeeId, input }),
  caseInMeeting: (meetingId, caseId) => call("case_in_meeting", { meetingId, caseId }),
  goToItem: (meetingId, itemId) => call("go_to_item", { meetingId, itemId }),
  toggleTimer: (meetingId) => call("toggle_timer", { meetingId }),
  shareInformation: (meetingId, caseId, agencyId, input) =>
    call("share_information", { meetingId, caseId, agencyId, input }),
  assessCase: (meetingId, caseId, input) => call("assess_case", { meetingId, caseId, input }),
  decideCase: (meetingId, caseId, input) => call("decide_case", { meetingId, caseId, input }),
  addAction: (input) => call("add_action", { input }),
  updateAction: (id, input) => call("update_action", { id, input }),
  removeAction: (id) => call("remove_action", { id }),
  reportAction: (id, status, note, meetingId) => call("report_action", { id, status, note, meetingId }),
  actionsForReview: (meetingId) => call("actions_for_review", { meetingId }),
  listActions: (filter) => call("list_actions", { filter }),
  reportActions: (ids, input) => call("report_actions", { ids, input }),
  actionLateness: (panelId) => call("action_lateness", { panelId }),
  lateReport: (panelId) => call("late_report", { panelId }),
  statisticsPeriods: () => call("statistics_periods"),
  panelStatistics: (request) => call("panel_statistics", { request }),
  caseTimeline: (caseId) => call("case_timeline", { caseId }),
  meetingActions: (meetingId) => call("meeting_actions", { meetingId }),
  closeMeeting: (meetingId) => call("close_meeting", { meetingId }),
  minutesPreview: (meetingId) => call("minutes_preview", { meetingId }),
  minutesStatus: (meetingId) => call("minutes_status", { meetingId }),
  approveMinutes: (meetingId, approver) => call("approve_minutes", { meetingId, approver }),
  startAmendment: (meetingId, why) => call("start_amendment", { meetingId, why }),
  finishAmendment: (meetingId, what) => call("finish_amendment", { meetingId, what }),
  usualAgencies: (kind) => call("usual_agencies_for", { kind }),
  createAgencies: (inputs, panelId) => call("create_agencies", { inputs, panelId }),
  auditLog: (limit) => call("audit_log", { limit }),
  verifyAuditLog: (noted) => call("verify_audit_log", { noted }),
  auditHead: () => call("audit_head"),
  retentionDue: () => call("retention_due"),
  deleteDueCases: (caseIds) => call("delete_due_cases", { input: { case_ids: caseIds } }),
  } satisfies Partial<Backend>;
}
