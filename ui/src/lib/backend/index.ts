// The one way the UI talks to Rust. Screens call `backend()`; the desktop app
// installs the Tauri implementation, the web build (and the component tests,
// against a real server) the HTTP one.
import type {
  ActionFilter,
  AgencyLateness,
  LateReport,
  PeriodChoice,
  ReportInput,
  ReportRequest,
  Statistics,
  StatisticsRequest,
  TimelineEntry,
  TrackerPage,
  Document,
  MinutesStatus,
  PlannedFile,
  WrittenFile,
  Encryption,
  TransferRequest,
  ReceiveRequest,
  ReceiptRequest,
  Received,
  ReceiptRecorded,
  SafeLivesReturn,
  PopulationInput,
  Action,
  ActionInput,
  ActionSaved,
  ActionStatus,
  AssessmentInput,
  CaseInMeeting,
  HearingRecord,
  OutcomeInput,
  ProjectorView,
  ShareInput,
  AgencyAttendance,
  Agency,
  AgencyInput,
  ApiError,
  AppStatus,
  AttendanceStatus,
  Attendee,
  AttendeeInput,
  CaseAction,
  CaseDetail,
  DashChecklist,
  DashInput,
  ReferralDetails,
  CaseFilter,
  CaseInput,
  CaseSummary,
  AgencyColumn,
  AgencyImportPreview,
  AgencyImportResult,
  ImportChoices,
  ImportPreview,
  ImportResult,
  MeetingDetail,
  MeetingInput,
  MeetingNow,
  MeetingSummary,
  Panel,
  PanelInput,
  PanelKind,
  SetupInput,
  AuditAnchor,
  AuditPage,
  AuditVerification,
  BackupInput,
  BackupSummary,
  ChangePassphraseInput,
  DeletedCases,
  DueCase,
  LockReason,
  RestoreInput,
} from "../bindings";

/** From the desktop shell (not a core type). */
export interface About {
  version: string;
  build: string;
  data_dir: string;
  licences: { title: string; text: string }[];
}

export interface Backend {
  /** The desktop app (a local vault, folders, windows) or a browser on a server (accounts, downloads). */
  platform: "desktop" | "web";
  /**
   * Calls `handler` whenever someone else changes the meeting (a browser on
   * the server), and `connection` when the way to the server is lost or back
   * (back: `handler` is called too, for what was missed); returns the unsubscribe.
   */
  onMeetingChanged(meetingId: string, handler: () => void, connection?: (connected: boolean) => void): () => void;
  appStatus(): Promise<AppStatus>;
  /** The first screen has been drawn: the support log records how long the start took. */
  firstScreenShown(): Promise<void>;
  setUp(input: SetupInput): Promise<AppStatus>;
  unlock(passphrase: string): Promise<AppStatus>;
  lock(reason: LockReason): Promise<AppStatus>;
  /** Minutes without input before the app locks itself. */
  idleLockMinutes(): Promise<number>;
  changePassphrase(input: ChangePassphraseInput): Promise<AppStatus>;
  /** The system's folder chooser; null when cancelled. */
  chooseBackupFolder(): Promise<string | null>;
  /** The system's file chooser for a backup; null when cancelled. */
  chooseBackupFile(): Promise<string | null>;
  /** Writes a backup; the file's path. */
  backUp(input: BackupInput): Promise<string>;
  restoreBackup(input: RestoreInput): Promise<BackupSummary>;
  auditLog(limit: number): Promise<AuditPage>;
  /** Checks the chain, the anchors kept beside the data, and `noted` (an anchor typed as printed; "" for none). */
  verifyAuditLog(noted: string): Promise<AuditVerification>;
  /** The audit log's head now, to note down. */
  auditHead(): Promise<AuditAnchor | null>;
  /** Tells the core there was keyboard, pointer or wheel input (its idle lock's clock). */
  noteInput(): Promise<void>;
  /** Calls `handler` when the core locked itself (idle); returns the unsubscribe. */
  onLocked(handler: () => void): () => void;
  retentionDue(): Promise<DueCase[]>;
  deleteDueCases(caseIds: string[]): Promise<DeletedCases>;

  listPanels(): Promise<Panel[]>;
  newPanelDefaults(kind: PanelKind): Promise<PanelInput>;
  createPanel(input: PanelInput): Promise<Panel>;
  updatePanel(id: string, input: PanelInput): Promise<Panel>;
  setPanelArchived(id: string, archived: boolean): Promise<Panel>;
  setPanelMembership(panelId: string, agencyId: string, member: boolean): Promise<Panel>;

  listAgencies(): Promise<Agency[]>;
  createAgency(input: AgencyInput): Promise<Agency>;
  updateAgency(id: string, input: AgencyInput): Promise<Agency>;
  setAgencyArchived(id: string, archived: boolean): Promise<Agency>;

  loadDemoData(): Promise<void>;

  listCases(filter: CaseFilter): Promise<CaseSummary[]>;
  getCase(id: string): Promise<CaseDetail>;
  newCaseDefaults(panelId: string): Promise<CaseInput>;
  createCase(input: CaseInput): Promise<CaseDetail>;
  updateCase(id: string, input: CaseInput): Promise<CaseDetail>;
  caseAction(id: string, action: CaseAction): Promise<CaseDetail>;
  decideRepeat(caseId: string, otherCaseId: string, samePerson: boolean): Promise<CaseDetail>;
  /** The Dash checklists (adult and young person's), as the core holds them. */
  dashChecklists(): Promise<DashChecklist[]>;
  /** Records a completed Dash checklist (first or re-assessment) on a case. */
  recordDash(caseId: string, input: DashInput): Promise<CaseDetail>;
  /** Keeps the checklist being filled in, as typed. */
  saveDashDraft(caseId: string, input: DashInput): Promise<void>;
  discardDashDraft(caseId: string): Promise<CaseDetail>;
  /** Saves the rest of the referral form as typed (perpetrators, children, safe contact...). */
  saveReferralDetails(caseId: string, input: ReferralDetails): Promise<CaseDetail>;
  /** Confirms or dismisses another panel's case as holding one of this case's people. */
  decideOtherPanel(caseId: string, otherCaseId: string, who: string, same: boolean): Promise<CaseDetail>;
  triageCases(caseIds: string[], action: CaseAction, triageMeetingId: string | null): Promise<number>;
  panelConcerns(panelId: string): Promise<string[]>;
  setPanelConcerns(panelId: string, labels: string[]): Promise<string[]>;

  listMeetings(panelId: string | null): Promise<MeetingSummary[]>;
  getMeeting(id: string): Promise<MeetingDetail>;
  createMeeting(input: MeetingInput): Promise<MeetingDetail>;
  createEmergencyMeeting(caseId: string, input: MeetingInput): Promise<MeetingDetail>;
  moveAgendaItem(itemId: string, position: number): Promise<MeetingDetail>;
  setAgendaItemMinutes(itemId: string, minutes: number): Promise<MeetingDetail>;
  removeAgendaItem(itemId: string): Promise<MeetingDetail>;

  meetingNow(meetingId: string): Promise<MeetingNow>;
  setAgencyAttendance(meetingId: string, agencyId: string, status: AttendanceStatus): Promise<AgencyAttendance[]>;
  addAttendee(meetingId: string, input: AttendeeInput): Promise<Attendee[]>;
  updateAttendee(attendeeId: string, input: AttendeeInput): Promise<Attendee[]>;

  caseInMeeting(meetingId: string, caseId: string): Promise<CaseInMeeting>;
  /** Makes the item current (the one before it is done) and starts its timer. */
  goToItem(meetingId: string, itemId: string): Promise<void>;
  /** Starts or pauses the current item's timer; resolves to whether it runs. */
  toggleTimer(meetingId: string): Promise<boolean>;
  shareInformation(meetingId: string, caseId: string, agencyId: string, input: ShareInput): Promise<HearingRecord>;
  assessCase(meetingId: string, caseId: string, input: AssessmentInput): Promise<HearingRecord>;
  decideCase(meetingId: string, caseId: string, input: OutcomeInput): Promise<HearingRecord>;
  addAction(input: ActionInput): Promise<ActionSaved>;
  updateAction(id: string, input: ActionInput): Promise<ActionSaved>;
  removeAction(id: string): Promise<void>;
  reportAction(id: string, status: ActionStatus, note: string, meetingId: string | null): Promise<Action>;
  actionsForReview(meetingId: string): Promise<Action[]>;
  /** Actions agreed at this meeting (for any case, and for other business). */
  meetingActions(meetingId: string): Promise<Action[]>;
  /** Ends the meeting: the timer stops and the meeting is held. */
  closeMeeting(meetingId: string): Promise<void>;

  /** Opens the projector window on this meeting. */
  openProjector(meetingId: string): Promise<void>;
  /** What the projector shows: reference, initials, timing and actions only. */
  projectorView(): Promise<ProjectorView | null>;

  /** The minutes as they would be exported, for the preview. */
  minutesPreview(meetingId: string): Promise<Document>;
  minutesStatus(meetingId: string): Promise<MinutesStatus>;
  approveMinutes(meetingId: string, approver: string): Promise<MinutesStatus>;
  startAmendment(meetingId: string, why: string): Promise<MinutesStatus>;
  finishAmendment(meetingId: string, what: string): Promise<MinutesStatus>;
  defaultExportFolder(): Promise<string>;
  /** The OS folder chooser; null when cancelled. */
  chooseExportFolder(): Promise<string | null>;
  /** The files an export to `folder` would write, and which already exist. */
  exportPlan(meetingId: string, folder: string): Promise<PlannedFile[]>;
  /** `encryption` null: as before; otherwise the file leaves encrypted. */
  exportMinutes(meetingId: string, folder: string, replace: boolean, encryption?: Encryption | null): Promise<WrittenFile>;
  exportActionPlan(meetingId: string, agencyId: string, folder: string, replace: boolean, encryption?: Encryption | null): Promise<WrittenFile>;

  /** The action tracker: actions matching the filter, soonest due first. */
  listActions(filter: ActionFilter): Promise<TrackerPage>;
  /** One report (status, update, date reported) on one or several actions: all or none. */
  reportActions(ids: string[], input: ReportInput): Promise<Action[]>;
  /** Open and overdue actions by agency, for one panel or all. */
  actionLateness(panelId: string | null): Promise<AgencyLateness[]>;
  /** The steering group's late-actions report (references and dates only). */
  lateReport(panelId: string | null): Promise<LateReport>;
  statisticsPeriods(): Promise<PeriodChoice[]>;
  /** Exact figures, for the screen only. */
  panelStatistics(request: StatisticsRequest): Promise<Statistics>;
  /** The SafeLives quarterly return: exact counts by meeting and for the period. */
  safelivesReturn(request: StatisticsRequest): Promise<SafeLivesReturn>;
  /** Records the panel's population (women aged 16 and over); returns the return again. */
  setPanelPopulation(input: PopulationInput, request: StatisticsRequest): Promise<SafeLivesReturn>;
  /** Everything that happened to the person in this case, in order. */
  caseTimeline(caseId: string): Promise<TimelineEntry[]>;
  /** Makes a case's transfer bundle (encrypted) and saves it to the folder (a download, in a browser). */
  transferCase(request: TransferRequest, folder: string): Promise<WrittenFile>;
  /** Imports a transfer bundle as a new case; its receipt is saved to the folder (downloaded, in a browser). */
  receiveTransfer(bytes: Uint8Array, request: ReceiveRequest, folder: string): Promise<Received>;
  /** Imports the receipt the receiving area sent back. */
  closeTransfer(bytes: Uint8Array, request: ReceiptRequest): Promise<ReceiptRecorded>;
  /** Writes a report to the folder; a "conflict" error when the file exists and replace is false. */
  exportReport(request: ReportRequest, folder: string, replace: boolean, encryption?: Encryption | null): Promise<WrittenFile>;

  /** Version, build, where the data lives, and the licences of what ships with the app. */
  about(): Promise<About>;
  /** Opens an exported file with the desktop's program for it. */
  openFile(path: string): Promise<void>;
  /** Shows an exported file in the desktop's file manager. */
  showInFolder(path: string): Promise<void>;
  /** The window's title: where the user is (never a person's name). */
  setTitle(title: string): Promise<void>;

  /** Calls `handler` with the id of each menu choice ("projector", "shortcuts", "guide", "about"); returns a way to stop. */
  onMenu(handler: (id: string) => void): () => void;

  /** Reads a referral list; writes nothing. */
  importPreview(panelId: string, fileName: string, bytes: Uint8Array, choices: ImportChoices | null): Promise<ImportPreview>;
  /** Imports every row of the list, or none. */
  importCommit(panelId: string, fileName: string, bytes: Uint8Array, choices: ImportChoices): Promise<ImportResult>;
  /** Reads a list of agencies and their representatives; writes nothing. */
  agencyImportPreview(fileName: string, bytes: Uint8Array, columns: AgencyColumn[] | null): Promise<AgencyImportPreview>;
  /** Adds every agency in the list, or none, seated on the panel when one is given. */
  agencyImportCommit(fileName: string, bytes: Uint8Array, columns: AgencyColumn[], panelId: string | null): Promise<AgencyImportResult>;
  /** The agencies a panel of this kind usually seats, to edit before adding. */
  usualAgencies(kind: PanelKind): Promise<AgencyInput[]>;
  /** Adds several agencies at once, all or none; a problem names `agencies.{i}.{field}`. */
  createAgencies(inputs: AgencyInput[], panelId: string | null): Promise<Agency[]>;
}

let current: Backend | undefined;

export function useBackend(impl: Backend): void {
  current = impl;
}

export function backend(): Backend {
  if (!current) throw new Error("No backend installed");
  return current;
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === "object" &&
    value !== null &&
    "code" in value &&
    "message" in value &&
    typeof (value as { message: unknown }).message === "string"
  );
}

/** Anything a backend call rejects with, as an ApiError the screens can show. */
export function toApiError(err: unknown): ApiError {
  if (isApiError(err)) {
    return { code: err.code, message: err.message, fields: Array.isArray(err.fields) ? err.fields : [] };
  }
  return {
    code: "storage",
    message: "Roundtable could not do that. Try again; if it keeps happening, restart Roundtable.",
    fields: [],
  };
}
