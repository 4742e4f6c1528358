// The Backend over Tauri IPC: each method is one command in
// src-tauri/src/commands/. Argument names are camelCase here; Tauri maps them
// to the commands' snake_case parameters.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";
import type { AgencyColumn, ImportChoices } from "../bindings";
import type { Backend } from "./index";
import { toApiError } from "./index";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    throw toApiError(err);
  }
}

/** Sends a file's bytes as the raw request body; details go in headers. */
async function upload<T>(
  command: string,
  panelId: string,
  fileName: string,
  bytes: Uint8Array,
  choices: ImportChoices | null,
): Promise<T> {
  try {
    return await invoke<T>(command, bytes, {
      headers: {
        "x-panel-id": panelId,
        "x-file-name": encodeURIComponent(fileName),
        "x-choices": choices ? encodeURIComponent(JSON.stringify(choices)) : "",
      },
    });
  } catch (err) {
    throw toApiError(err);
  }
}

/** An agency list's bytes as the raw request body, like `upload`. */
async function uploadAgencies<T>(
  command: string,
  fileName: string,
  bytes: Uint8Array,
  columns: AgencyColumn[] | null,
  panelId: string | null,
): Promise<T> {
  try {
    return await invoke<T>(command, bytes, {
      headers: {
        "x-file-name": encodeURIComponent(fileName),
        "x-columns": columns ? encodeURIComponent(JSON.stringify(columns)) : "",
        "x-panel-id": panelId ?? "",
      },
    });
  } catch (err) {
    throw toApiError(err);
  }
}

export const tauriBackend: Backend = {
  appStatus: () => call("app_status"),
  firstScreenShown: () => call("first_screen_shown"),
  setUp: (input) => call("set_up", { input }),
  unlock: (passphrase) => call("unlock", { passphrase }),
  lock: (reason) => call("lock", { reason }),
  idleLockMinutes: () => call("idle_lock_minutes"),
  changePassphrase: (input) => call("change_passphrase", { input }),
  chooseBackupFolder: () => call("choose_backup_folder"),
  chooseBackupFile: () => call("choose_backup_file"),
  backUp: (input) => call("back_up", { input }),
  restoreBackup: (input) => call("restore_backup", { input }),
  auditLog: (limit) => call("audit_log", { limit }),
  verifyAuditLog: (noted) => call("verify_audit_log", { noted }),
  auditHead: () => call("audit_head"),
  noteInput: () => call("note_input"),
  onLocked: (handler) => {
    const stop = listen("roundtable://locked", () => handler());
    return () => void stop.then((unlisten) => unlisten());
  },
  retentionDue: () => call("retention_due"),
  deleteDueCases: (caseIds) => call("delete_due_cases", { input: { case_ids: caseIds } }),

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

  loadDemoData: () => call("load_demo_data"),

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
  exportReport: (request, folder, replace) => call("export_report", { request, folder, replace }),
  about: () => call("about"),
  openFile: (path) => call("open_file", { path }),
  showInFolder: (path) => call("show_in_folder", { path }),
  setTitle: async (title) => {
    try {
      await getCurrentWindow().setTitle(title);
    } catch {
      // A title is a nicety: never let it break a screen.
    }
  },
  meetingActions: (meetingId) => call("meeting_actions", { meetingId }),
  closeMeeting: (meetingId) => call("close_meeting", { meetingId }),

  openProjector: (meetingId) => call("open_projector", { meetingId }),
  projectorView: () => call("projector_view"),

  minutesPreview: (meetingId) => call("minutes_preview", { meetingId }),
  minutesStatus: (meetingId) => call("minutes_status", { meetingId }),
  approveMinutes: (meetingId, approver) => call("approve_minutes", { meetingId, approver }),
  startAmendment: (meetingId, why) => call("start_amendment", { meetingId, why }),
  finishAmendment: (meetingId, what) => call("finish_amendment", { meetingId, what }),
  defaultExportFolder: () => call("default_export_folder"),
  chooseExportFolder: () => call("choose_export_folder"),
  exportPlan: (meetingId, folder) => call("export_plan", { meetingId, folder }),
  exportMinutes: (meetingId, folder, replace) => call("export_minutes", { meetingId, folder, replace }),
  exportActionPlan: (meetingId, agencyId, folder, replace) =>
    call("export_action_plan", { meetingId, agencyId, folder, replace }),

  onMenu: (handler) => {
    const stop = listen<string>("menu", (event) => handler(event.payload));
    return () => void stop.then((unlisten) => unlisten());
  },

  importPreview: (panelId, fileName, bytes, choices) => upload("import_preview", panelId, fileName, bytes, choices),
  importCommit: (panelId, fileName, bytes, choices) => upload("import_commit", panelId, fileName, bytes, choices),
  agencyImportPreview: (fileName, bytes, columns) => uploadAgencies("agency_import_preview", fileName, bytes, columns, null),
  agencyImportCommit: (fileName, bytes, columns, panelId) => uploadAgencies("agency_import_commit", fileName, bytes, columns, panelId),
  usualAgencies: (kind) => call("usual_agencies_for", { kind }),
  createAgencies: (inputs, panelId) => call("create_agencies", { inputs, panelId }),
};
