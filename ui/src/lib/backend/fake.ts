// An in-memory Backend for component tests and for `npm run dev` in a browser.
// It keeps the few rules screens need to show errors (required names, unique
// short codes, the passphrase); the real rules live in the Rust core.
import type {
  AuditEntry,
  BackupInput,
  ChangePassphraseInput,
  DueCase,
  LockReason,
  RestoreInput,
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
  Action,
  ActionInput,
  ActionSaved,
  ActionStatus,
  AssessmentInput,
  CaseInMeeting,
  HearingRecord,
  ItemTiming,
  OutcomeInput,
  ProjectorView,
  Share,
  ShareInput,
  AgencyAttendance,
  AgendaItem,
  Agency,
  AgencyInput,
  AgencyColumn,
  AgencyImportPreview,
  AgencyImportResult,
  ApiError,
  AppStatus,
  AttendanceStatus,
  Attendee,
  AttendeeInput,
  CaseAction,
  CaseDetail,
  CaseFilter,
  CaseInput,
  CaseStatus,
  CaseSummary,
  ImportChoices,
  FieldError,
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
  CaseStep,
  UserProfile,
} from "../bindings";
import type { Backend } from "./index";

/**
 * Plumbing for the component tests until they run against the real core
 * (issue 17): the steps the core's `CaseStatus::allows` offers per status,
 * copied so the fake's cases carry the `next_steps` the core sends.
 */
const NEXT_STEPS: Record<CaseStatus, CaseStep[]> = {
  referred: ["accept", "redirect", "defer", "close", "emergency"],
  accepted: ["defer", "close", "emergency"],
  redirected: [],
  deferred: ["accept", "redirect", "close", "emergency"],
  heard: ["close", "emergency"],
  under_review: ["close", "emergency"],
  closed: [],
};

const DEFAULT_STATEMENT =
  "Information shared at this meeting is confidential. It must not be shared outside this meeting without the agreement of the agency that gave it.";

function invalid(fields: FieldError[]): ApiError {
  const message = fields.length === 1 ? (fields[0]?.message ?? "") : `There are ${fields.length} problems to fix.`;
  return { code: "validation", message, fields };
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

export class FakeBackend implements Backend {
  platform = "desktop" as const;
  /** Changes announced by "another browser" (the tests call it). */
  meetingListeners = new Map<string, Set<() => void>>();
  onMeetingChanged(meetingId: string, handler: () => void): () => void {
    const set = this.meetingListeners.get(meetingId) ?? new Set();
    set.add(handler);
    this.meetingListeners.set(meetingId, set);
    return () => set.delete(handler);
  }
  passphrase: string | null = null;
  unlocked = false;
  user: UserProfile | null = null;
  panels: Panel[] = [];
  agencies: Agency[] = [];
  calls: string[] = [];
  private nextId = 1;

  private id(): string {
    const n = (this.nextId++).toString(16).padStart(12, "0");
    return `00000000-0000-4000-8000-${n}`;
  }

  private status(): AppStatus {
    const state = this.unlocked ? "unlocked" : this.passphrase === null ? "needs_setup" : "locked";
    return { state, user: this.unlocked ? this.user : null, data_dir: "/home/user/.local/share/roundtable" };
  }

  private requireUnlocked(): void {
    if (!this.unlocked) throw { code: "locked", message: "Roundtable is locked.", fields: [] } satisfies ApiError;
  }

  async appStatus() {
    return this.status();
  }

  async firstScreenShown() {
    // The browser preview has no start to time.
  }

  async setUp(input: SetupInput) {
    this.calls.push("setUp");
    const errors: FieldError[] = [];
    if (input.passphrase.length < 12)
      errors.push({ field: "passphrase", message: "Passphrase must be at least 12 characters." });
    if (input.confirm_passphrase !== input.passphrase)
      errors.push({ field: "confirm_passphrase", message: "The passphrases do not match." });
    if (!input.name.trim()) errors.push({ field: "name", message: "Enter your name." });
    if (!input.role) errors.push({ field: "role", message: "Select your role." });
    if (errors.length) throw invalid(errors);
    this.passphrase = input.passphrase;
    this.user = { name: input.name.trim(), role: input.role ?? "other" };
    this.unlocked = true;
    return this.status();
  }

  async unlock(passphrase: string) {
    this.calls.push("unlock");
    if (passphrase !== this.passphrase)
      throw invalid([{ field: "passphrase", message: "That passphrase is not right. Check it and try again." }]);
    this.unlocked = true;
    return this.status();
  }

  locks: LockReason[] = [];
  idleMinutes = 10;
  audit: AuditEntry[] = [];
  auditIntact = true;
  dueCases: DueCase[] = [];
  backups: string[] = [];

  private auditEntry(action: string, entity: string, detail: string | null = null) {
    this.audit.push({
      seq: this.audit.length + 1,
      at: new Date().toISOString(),
      actor: this.user?.name ?? null,
      action,
      entity,
      entity_id: null,
      detail,
    });
  }

  async lock(reason: LockReason) {
    this.locks.push(reason);
    this.auditEntry("lock", "session", reason.kind === "idle" ? `locked after ${reason.minutes} minutes without input` : "locked by the user");
    this.unlocked = false;
    return this.status();
  }

  async idleLockMinutes() {
    this.requireUnlocked();
    return this.idleMinutes;
  }

  async changePassphrase(input: ChangePassphraseInput) {
    this.requireUnlocked();
    const errors: FieldError[] = [];
    if (input.current_passphrase !== this.passphrase)
      errors.push({ field: "current_passphrase", message: "That passphrase is not right. Check it and try again." });
    if (input.new_passphrase.length < 12)
      errors.push({ field: "new_passphrase", message: "Passphrase must be at least 12 characters." });
    if (input.confirm_passphrase !== input.new_passphrase)
      errors.push({ field: "confirm_passphrase", message: "The passphrases do not match." });
    if (errors.length) throw invalid(errors);
    this.passphrase = input.new_passphrase;
    this.auditEntry("change passphrase", "session");
    return this.status();
  }

  async chooseBackupFolder() {
    return "/home/user/Backups";
  }

  async chooseBackupFile() {
    return this.backups.at(-1) ?? null;
  }

  async backUp(input: BackupInput) {
    this.requireUnlocked();
    const errors: FieldError[] = [];
    if (!input.folder.trim()) errors.push({ field: "folder", message: "Choose the folder the backup goes to." });
    if (input.passphrase.length < 12) errors.push({ field: "passphrase", message: "Passphrase must be at least 12 characters." });
    if (input.confirm_passphrase !== input.passphrase)
      errors.push({ field: "confirm_passphrase", message: "The passphrases do not match." });
    if (errors.length) throw invalid(errors);
    const path = `${input.folder}/roundtable-backup-2026-11-23-1015.rtbackup`;
    this.backups.push(path);
    this.auditEntry("backup", "backup", "roundtable-backup-2026-11-23-1015.rtbackup");
    return path;
  }

  async restoreBackup(input: RestoreInput) {
    this.requireUnlocked();
    const errors: FieldError[] = [];
    if (!this.backups.includes(input.file)) errors.push({ field: "file", message: "Choose the backup file to restore." });
    if (input.backup_passphrase.length < 12)
      errors.push({ field: "backup_passphrase", message: "That passphrase does not open this backup." });
    if (input.current_passphrase !== this.passphrase)
      errors.push({ field: "current_passphrase", message: "That passphrase is not right. Check it and try again." });
    if (errors.length) throw invalid(errors);
    this.auditEntry("restore", "session");
    return { file: input.file, made_at: "2026-11-23T10:15:00.000Z", cases: 12, meetings: 3, head: await this.auditHead() };
  }

  async auditLog(limit: number) {
    this.requireUnlocked();
    return { entries: clone(this.audit).reverse().slice(0, limit), total: this.audit.length };
  }

  verifiedWith: string[] = [];
  async verifyAuditLog(noted: string) {
    this.requireUnlocked();
    this.verifiedWith.push(noted);
    const entries = this.audit.length;
    const head = await this.auditHead();
    return this.auditIntact
      ? { entries, intact: true, first_bad_seq: null, anchors_checked: 1, head, message: `The audit log is intact: all ${entries} entries check out.` }
      : {
          entries,
          intact: false,
          first_bad_seq: 4,
          anchors_checked: 1,
          head: null,
          message: "The audit log has been tampered with: entry 4 has been changed since it was written. Entries before it are intact.",
        };
  }

  async auditHead() {
    this.requireUnlocked();
    const seq = this.audit.length;
    return seq ? { seq, hash: seq.toString(16).padStart(64, "0") } : null;
  }

  inputsNoted = 0;
  async noteInput() {
    this.inputsNoted += 1;
  }

  private lockedHandlers: (() => void)[] = [];
  onLocked(handler: () => void) {
    this.lockedHandlers.push(handler);
    return () => {
      this.lockedHandlers = this.lockedHandlers.filter((h) => h !== handler);
    };
  }

  /** As the core's idle timer does: locks, then tells the windows. */
  lockFromCore(minutes: number) {
    this.locks.push({ kind: "idle", minutes });
    this.unlocked = false;
    for (const handler of this.lockedHandlers) handler();
  }

  async retentionDue() {
    this.requireUnlocked();
    return clone(this.dueCases);
  }

  async deleteDueCases(caseIds: string[]) {
    this.requireUnlocked();
    if (!caseIds.length) throw invalid([{ field: "case_ids", message: "Choose at least one case to delete." }]);
    this.dueCases = this.dueCases.filter((c) => !caseIds.includes(c.id));
    for (const id of caseIds) this.auditEntry("delete (retention)", "person_case", `deleted ${id}`);
    return { deleted: caseIds.length };
  }

  async listPanels() {
    this.requireUnlocked();
    return clone(this.panels);
  }

  async newPanelDefaults(kind: PanelKind): Promise<PanelInput> {
    return {
      name: "",
      kind,
      meeting_minutes: 180,
      minutes_per_case: 12,
      confidentiality_statement: DEFAULT_STATEMENT,
      protective_marking: "OFFICIAL-SENSITIVE",
      repeat_window_months: 12,
      idle_lock_minutes: 10,
      retention_years: 6,
    };
  }

  private checkPanel(input: PanelInput, except?: string): void {
    const name = input.name.trim();
    if (!name) throw invalid([{ field: "name", message: "Enter the panel's name." }]);
    const clash = this.panels.find((p) => p.id !== except && p.name.toLowerCase() === name.toLowerCase());
    if (clash) throw invalid([{ field: "name", message: `There is already a panel called ${clash.name}. Choose another name.` }]);
  }

  async createPanel(input: PanelInput) {
    this.requireUnlocked();
    this.checkPanel(input);
    const panel: Panel = { ...input, name: input.name.trim(), id: this.id(), archived: false, member_agency_ids: [] };
    this.panels.push(panel);
    return clone(panel);
  }

  private panel(id: string): Panel {
    const panel = this.panels.find((p) => p.id === id);
    if (!panel) throw { code: "not_found", message: "That panel was not found.", fields: [] } satisfies ApiError;
    return panel;
  }

  async updatePanel(id: string, input: PanelInput) {
    this.requireUnlocked();
    this.checkPanel(input, id);
    Object.assign(this.panel(id), input, { name: input.name.trim() });
    return clone(this.panel(id));
  }

  async setPanelArchived(id: string, archived: boolean) {
    this.requireUnlocked();
    this.panel(id).archived = archived;
    return clone(this.panel(id));
  }

  async setPanelMembership(panelId: string, agencyId: string, member: boolean) {
    this.requireUnlocked();
    const panel = this.panel(panelId);
    const agency = this.agency(agencyId);
    panel.member_agency_ids = panel.member_agency_ids.filter((id) => id !== agencyId);
    agency.panel_ids = agency.panel_ids.filter((id) => id !== panelId);
    if (member) {
      panel.member_agency_ids.push(agencyId);
      agency.panel_ids.push(panelId);
    }
    return clone(panel);
  }

  async listAgencies() {
    this.requireUnlocked();
    return clone(this.agencies);
  }

  private agency(id: string): Agency {
    const agency = this.agencies.find((a) => a.id === id);
    if (!agency) throw { code: "not_found", message: "That agency was not found.", fields: [] } satisfies ApiError;
    return agency;
  }

  private checkAgency(input: AgencyInput, except?: string): void {
    const errors: FieldError[] = [];
    if (!input.name.trim()) errors.push({ field: "name", message: "Enter the agency's name." });
    const code = input.short_code.trim().toUpperCase();
    if (!code) errors.push({ field: "short_code", message: "Enter a short code." });
    const owner = this.agencies.find((a) => a.id !== except && a.short_code === code);
    if (owner)
      errors.push({ field: "short_code", message: `This short code is already used by ${owner.name}. Choose another.` });
    if (!input.sector) errors.push({ field: "sector", message: "Select the agency's sector." });
    input.representatives.forEach((rep, i) => {
      if (!rep.name.trim())
        errors.push({ field: `representatives.${i}.name`, message: "Enter the representative's name." });
    });
    if (errors.length) throw invalid(errors);
  }

  private toAgency(input: AgencyInput, id: string, existing?: Agency): Agency {
    return {
      id,
      name: input.name.trim(),
      short_code: input.short_code.trim().toUpperCase(),
      sector: input.sector ?? "other",
      secure_email: input.secure_email.trim() || null,
      representatives: input.representatives.map((r) => ({
        id: r.id ?? this.id(),
        name: r.name.trim(),
        role: r.role.trim() || null,
        email: r.email.trim() || null,
      })),
      panel_ids: existing?.panel_ids ?? [],
      archived: existing?.archived ?? false,
    };
  }

  async createAgency(input: AgencyInput) {
    this.requireUnlocked();
    this.checkAgency(input);
    const agency = this.toAgency(input, this.id());
    this.agencies.push(agency);
    return clone(agency);
  }

  async updateAgency(id: string, input: AgencyInput) {
    this.requireUnlocked();
    this.checkAgency(input, id);
    const updated = this.toAgency(input, id, this.agency(id));
    this.agencies = this.agencies.map((a) => (a.id === id ? updated : a));
    return clone(updated);
  }

  async setAgencyArchived(id: string, archived: boolean) {
    this.requireUnlocked();
    this.agency(id).archived = archived;
    return clone(this.agency(id));
  }

  async loadDemoData() {
    this.requireUnlocked();
    const panel = await this.createPanel({ ...(await this.newPanelDefaults("youth_marac")), name: "Lowbridge Youth MARAC" });
    for (const [name, code] of [
      ["Lowbridge Police", "POL"],
      ["Children's Social Care", "CSC"],
      ["Youth Justice Service", "YJS"],
    ] as const) {
      const agency = await this.createAgency({ name, short_code: code, sector: "other", secure_email: "", representatives: [] });
      await this.setPanelMembership(panel.id, agency.id, true);
    }
  }

  // ---- Cases -------------------------------------------------------------

  cases: CaseDetail[] = [];
  meetings: MeetingDetail[] = [];
  concerns = new Map<string, string[]>();

  private today(): string {
    return new Date().toISOString().slice(0, 10);
  }

  private caseById(id: string): CaseDetail {
    const found = this.cases.find((c) => c.id === id);
    if (!found) throw { code: "not_found", message: "That case was not found.", fields: [] } satisfies ApiError;
    return found;
  }

  private summary(c: CaseDetail): CaseSummary {
    return {
      id: c.id,
      panel_id: c.panel_id,
      reference: c.reference,
      status: c.status,
      subject_name: c.input.subject_name,
      date_of_birth: c.input.date_of_birth || null,
      postcode: c.input.postcode || null,
      referral_date: c.input.referral_date,
      children_count: c.input.children_count,
      is_repeat: c.repeat_of !== null && c.repeat_of.within_repeat_window,
      possible_repeat: c.possible_repeats.length > 0,
    };
  }

  async listCases(filter: CaseFilter) {
    this.requireUnlocked();
    const q = filter.query.trim().toLowerCase();
    return this.cases
      .filter((c) => !filter.panel_id || c.panel_id === filter.panel_id)
      .filter((c) => !filter.status || c.status === filter.status)
      .filter((c) => !q || [c.input.subject_name, c.reference, c.input.postcode].join(" ").toLowerCase().includes(q))
      .map((c) => this.summary(c));
  }

  async getCase(id: string) {
    this.requireUnlocked();
    return clone(this.caseById(id));
  }

  async newCaseDefaults(panelId: string): Promise<CaseInput> {
    return {
      panel_id: panelId, subject_name: "", aliases: [], date_of_birth: "", approximate_age: null, gender: null,
      ethnicity: null, disability: null, lgbt: null, address: "", postcode: "", school: "", referring_agency_id: null,
      referring_officer: "", referral_date: this.today(), referral_route: null, referral_reason: "", concerns: [],
      consent: null, lawful_ground: "", children_count: 0, children_details: "", linked_people: [], lead_professional: "",
    };
  }

  private checkCase(input: CaseInput): void {
    const errors: FieldError[] = [];
    if (!input.subject_name.trim()) errors.push({ field: "subject_name", message: "Enter the person's name." });
    if (!input.referral_route) errors.push({ field: "referral_route", message: "Select how the case was referred." });
    if (!input.referral_reason.trim()) errors.push({ field: "referral_reason", message: "Enter the reason for the referral." });
    if (!input.consent) errors.push({ field: "consent", message: "Select whether the person consented to their information being shared." });
    if (errors.length) throw invalid(errors);
  }

  private event(c: CaseDetail, kind: string, detail: string): void {
    c.history.push({ at: new Date().toISOString(), kind, detail, recorded_by: this.user?.name ?? "" });
  }

  async createCase(input: CaseInput) {
    this.requireUnlocked();
    this.checkCase(input);
    const id = this.id();
    const same = this.cases.filter((c) => c.input.subject_name.toLowerCase() === input.subject_name.trim().toLowerCase());
    const created: CaseDetail = {
      id,
      panel_id: input.panel_id,
      reference: `YM-${(this.cases.length + 10).toString(36).toUpperCase().padStart(5, "Q")}`,
      status: "referred",
      input: { ...clone(input), subject_name: input.subject_name.trim() },
      age: null,
      referring_agency_name: this.agencies.find((a) => a.id === input.referring_agency_id)?.name ?? null,
      linked_people: [],
      repeat_of: null,
      possible_repeats: same.map((c) => ({
        case_id: c.id, reference: c.reference, subject_name: c.input.subject_name, date_of_birth: c.input.date_of_birth || null,
        last_heard_on: null, within_repeat_window: false, strength: "probable", reason: "Same name; date of birth not known for both",
      })),
      history: [],
      next_steps: NEXT_STEPS.referred,
    };
    this.event(created, "referred", "Referral recorded.");
    this.cases.push(created);
    return clone(created);
  }

  async updateCase(id: string, input: CaseInput) {
    this.requireUnlocked();
    this.checkCase(input);
    const c = this.caseById(id);
    c.input = { ...clone(input), panel_id: c.panel_id };
    this.event(c, "edited", "Case details edited.");
    return clone(c);
  }

  async caseAction(id: string, action: CaseAction) {
    this.requireUnlocked();
    const c = this.caseById(id);
    const next: Record<CaseAction["action"], CaseStatus> = { accept: "accepted", redirect: "redirected", defer: "deferred", close: "closed" };
    c.status = next[action.action];
    c.next_steps = NEXT_STEPS[c.status];
    this.event(c, c.status, action.action === "accept" ? "Accepted onto the panel's next agenda." : `${c.status}: ${"reason" in action ? action.reason : ""}`);
    return clone(c);
  }

  async decideRepeat(caseId: string, otherCaseId: string, samePerson: boolean) {
    this.requireUnlocked();
    const c = this.caseById(caseId);
    const offer = c.possible_repeats.find((r) => r.case_id === otherCaseId);
    c.possible_repeats = samePerson ? [] : c.possible_repeats.filter((r) => r.case_id !== otherCaseId);
    if (samePerson && offer) c.repeat_of = offer;
    this.event(c, samePerson ? "repeat_confirmed" : "repeat_rejected", samePerson ? "Confirmed as the same person." : "Not the same person.");
    return clone(c);
  }

  async triageCases(caseIds: string[], action: CaseAction) {
    for (const id of caseIds) await this.caseAction(id, action);
    return caseIds.length;
  }

  async panelConcerns(panelId: string) {
    return this.concerns.get(panelId) ?? ["Serious youth violence", "Knife crime", "Criminal exploitation", "County lines", "Missing"];
  }

  async setPanelConcerns(panelId: string, labels: string[]) {
    this.concerns.set(panelId, labels);
    return labels;
  }

  // ---- Meetings ----------------------------------------------------------

  private retime(m: MeetingDetail): MeetingDetail {
    const [h, min] = m.start_time.split(":").map(Number);
    let at = (h ?? 9) * 60 + (min ?? 30);
    const clock = (t: number) => `${String(Math.floor(t / 60)).padStart(2, "0")}:${String(t % 60).padStart(2, "0")}`;
    m.items.forEach((item, i) => {
      item.position = i;
      item.planned_start = clock(at);
      at += item.planned_minutes;
    });
    m.total_minutes = m.items.reduce((sum, i) => sum + i.planned_minutes, 0);
    m.projected_end = clock(at);
    m.over_by_minutes = Math.max(0, m.total_minutes - m.meeting_minutes);
    return m;
  }

  private fixedItem(kind: AgendaItem["kind"], title: string, minutes: number): AgendaItem {
    return { id: this.id(), position: 0, kind, title, case: null, planned_minutes: minutes, planned_start: "" };
  }

  async listMeetings(panelId: string | null): Promise<MeetingSummary[]> {
    this.requireUnlocked();
    return this.meetings
      .filter((m) => !panelId || m.panel_id === panelId)
      .map((m) => ({
        id: m.id, panel_id: m.panel_id, panel_name: m.panel_name, kind: m.kind, date: m.date, start_time: m.start_time,
        status: m.status, case_count: m.items.filter((i) => i.case).length,
      }));
  }

  private meeting(id: string): MeetingDetail {
    const found = this.meetings.find((m) => m.id === id);
    if (!found) throw { code: "not_found", message: "That meeting was not found.", fields: [] } satisfies ApiError;
    return found;
  }

  async getMeeting(id: string) {
    return clone(this.meeting(id));
  }

  async createMeeting(input: MeetingInput, caseIds?: string[]) {
    this.requireUnlocked();
    const errors: FieldError[] = [];
    if (!/^\d{4}-\d{2}-\d{2}$|^\d{1,2}\/\d{1,2}\/\d{4}$/.test(input.date.trim())) errors.push({ field: "date", message: "Enter the meeting's date as a real date, like 04/12/2026." });
    if (!/^\d{1,2}[:.]\d{2}$/.test(input.start_time.trim())) errors.push({ field: "start_time", message: "Enter the start time on the 24-hour clock, like 09:30." });
    if (errors.length) throw invalid(errors);
    const panel = this.panel(input.panel_id);
    const accepted = this.cases
      .filter((c) => (caseIds ? caseIds.includes(c.id) : c.panel_id === panel.id && c.status === "accepted"))
      .sort((a, b) => Number(b.input.children_count > 0) - Number(a.input.children_count > 0) || a.input.referral_date.localeCompare(b.input.referral_date));
    const items: AgendaItem[] = [
      this.fixedItem("introductions", "Introductions, attendance and confidentiality statement", 5),
      this.fixedItem("action_review", "Review of open actions from earlier meetings", 10),
      ...accepted.map((c) => ({
        ...this.fixedItem("new_case", "New case", panel.minutes_per_case),
        case: { id: c.id, reference: c.reference, subject_name: c.input.subject_name, status: c.status, children_count: c.input.children_count, is_repeat: false, possible_repeat: c.possible_repeats.length > 0 },
      })),
      this.fixedItem("other_business", "Any other business", 5),
    ];
    const [h, m] = input.start_time.trim().replace(".", ":").split(":");
    const meeting: MeetingDetail = this.retime({
      id: this.id(), panel_id: panel.id, panel_name: panel.name, kind: input.kind, date: input.date.trim(),
      start_time: `${(h ?? "9").padStart(2, "0")}:${m ?? "30"}`, venue: input.venue || null, chair: input.chair || null,
      minute_taker: input.minute_taker || null, status: "planned", expected_agency_ids: panel.member_agency_ids,
      items, total_minutes: 0, projected_end: "", meeting_minutes: panel.meeting_minutes, over_by_minutes: 0,
    });
    this.meetings.push(meeting);
    return clone(meeting);
  }

  async createEmergencyMeeting(caseId: string, input: MeetingInput) {
    return this.createMeeting({ ...input, kind: "emergency" }, [caseId]);
  }

  private meetingOfItem(itemId: string): MeetingDetail {
    const found = this.meetings.find((m) => m.items.some((i) => i.id === itemId));
    if (!found) throw { code: "not_found", message: "That agenda item was not found.", fields: [] } satisfies ApiError;
    return found;
  }

  async moveAgendaItem(itemId: string, position: number) {
    const m = this.meetingOfItem(itemId);
    const from = m.items.findIndex((i) => i.id === itemId);
    const [item] = m.items.splice(from, 1);
    if (item) m.items.splice(Math.min(position, m.items.length), 0, item);
    return clone(this.retime(m));
  }

  async setAgendaItemMinutes(itemId: string, minutes: number) {
    if (minutes > 240) throw invalid([{ field: "planned_minutes", message: "Planned minutes must be between 0 and 240." }]);
    const m = this.meetingOfItem(itemId);
    const item = m.items.find((i) => i.id === itemId);
    if (item) item.planned_minutes = minutes;
    return clone(this.retime(m));
  }

  async removeAgendaItem(itemId: string) {
    const m = this.meetingOfItem(itemId);
    m.items = m.items.filter((i) => i.id !== itemId);
    return clone(this.retime(m));
  }

  // ---- Attendance --------------------------------------------------------

  attendanceByMeeting = new Map<string, Map<string, AttendanceStatus>>();
  attendeesByMeeting = new Map<string, Attendee[]>();

  private attendanceOf(meetingId: string): AgencyAttendance[] {
    const m = this.meeting(meetingId);
    const statuses = this.attendanceByMeeting.get(meetingId) ?? new Map<string, AttendanceStatus>();
    return this.agencies
      .filter((a) => m.expected_agency_ids.includes(a.id) || statuses.has(a.id))
      .map((a) => ({ agency_id: a.id, agency_name: a.name, short_code: a.short_code, status: statuses.get(a.id) ?? null, heard_from: false }))
      .map((a, _, all) => ({ ...a, heard_from: a.status === null ? all.every((o) => o.status === null) : a.status === "present" || a.status === "sent_in_writing" }));
  }

  currentItem = new Map<string, string>();
  doneItems = new Set<string>();
  timerRunning = new Map<string, boolean>();

  async meetingNow(meetingId: string): Promise<MeetingNow> {
    const m = this.meeting(meetingId);
    const current = this.currentItem.get(meetingId) ?? null;
    const timings: ItemTiming[] = m.items.map((i) => ({
      item_id: i.id,
      status: i.id === current ? "current" : this.doneItems.has(i.id) ? "done" : "to_come",
      planned_minutes: i.planned_minutes,
      spent_seconds: 0,
      overrun_seconds: 0,
    }));
    return clone({
      meeting: m,
      timings,
      current_item_id: current,
      timer_running: this.timerRunning.get(meetingId) ?? false,
      projected_end: m.projected_end,
      attendance: this.attendanceOf(meetingId),
      attendees: this.attendeesByMeeting.get(meetingId) ?? [],
    });
  }

  async setAgencyAttendance(meetingId: string, agencyId: string, status: AttendanceStatus) {
    const statuses = this.attendanceByMeeting.get(meetingId) ?? new Map<string, AttendanceStatus>();
    statuses.set(agencyId, status);
    this.attendanceByMeeting.set(meetingId, statuses);
    return clone(this.attendanceOf(meetingId));
  }

  private checkAttendee(input: AttendeeInput): Attendee {
    const errors: FieldError[] = [];
    if (!input.name.trim()) errors.push({ field: "name", message: "Enter the attendee's name." });
    for (const field of ["arrived_at", "left_at"] as const) {
      if (input[field].trim() && !/^\d{1,2}[:.]\d{2}$/.test(input[field].trim()))
        errors.push({ field, message: "Enter the time on the 24-hour clock, like 10:45." });
    }
    if (errors.length) throw invalid(errors);
    return {
      id: this.id(), agency_id: input.agency_id, name: input.name.trim(), role: input.role.trim() || null,
      acknowledged: input.acknowledged, arrived_at: input.arrived_at.trim() || null, left_at: input.left_at.trim() || null,
    };
  }

  async addAttendee(meetingId: string, input: AttendeeInput) {
    const list = this.attendeesByMeeting.get(meetingId) ?? [];
    list.push(this.checkAttendee(input));
    this.attendeesByMeeting.set(meetingId, list);
    return clone(list);
  }

  async updateAttendee(attendeeId: string, input: AttendeeInput) {
    for (const list of this.attendeesByMeeting.values()) {
      const i = list.findIndex((a) => a.id === attendeeId);
      if (i >= 0) {
        list[i] = { ...this.checkAttendee(input), id: attendeeId };
        return clone(list);
      }
    }
    throw { code: "not_found", message: "That attendee was not found.", fields: [] } satisfies ApiError;
  }

  // ---- Running a meeting -------------------------------------------------

  shares = new Map<string, Share[]>();
  records = new Map<string, HearingRecord>();
  actions: Action[] = [];
  projected: string | null = null;

  private record(meetingId: string, caseId: string): HearingRecord {
    const key = `${meetingId}/${caseId}`;
    let record = this.records.get(key);
    if (!record) {
      record = {
        summary: null, risk_level: null, risk_rag: null, likelihood: null, impact: null, risk_score: null,
        decisions: null, who_tells: null, outcome: null, outcome_reason: null, review_due: null, shares: [], not_yet_heard: [],
      };
      this.records.set(key, record);
    }
    const shares = this.shares.get(key) ?? [];
    record.shares = shares;
    record.not_yet_heard = this.attendanceOf(meetingId).filter((a) => a.heard_from && !shares.some((s) => s.agency_id === a.agency_id));
    return record;
  }

  async caseInMeeting(meetingId: string, caseId: string): Promise<CaseInMeeting> {
    const today = this.today();
    return clone({
      case: this.caseById(caseId),
      history: [],
      record: this.record(meetingId, caseId),
      open_actions: this.actions.filter((a) => a.case_id === caseId && a.meeting_id !== meetingId && (a.status === "open" || a.status === "in_progress")),
      agreed_here: this.actions.filter((a) => a.case_id === caseId && a.meeting_id === meetingId).map((a) => ({ ...a, overdue: !!a.due_date && a.due_date < today })),
    });
  }

  async goToItem(meetingId: string, itemId: string) {
    const m = this.meeting(meetingId);
    if (!m.items.some((i) => i.id === itemId)) throw { code: "not_found", message: "That agenda item was not found.", fields: [] } satisfies ApiError;
    const previous = this.currentItem.get(meetingId);
    if (previous) this.doneItems.add(previous);
    this.doneItems.delete(itemId);
    this.currentItem.set(meetingId, itemId);
    this.timerRunning.set(meetingId, true);
  }

  async toggleTimer(meetingId: string) {
    if (!this.currentItem.get(meetingId)) throw { code: "conflict", message: "Start the meeting first: choose an agenda item.", fields: [] } satisfies ApiError;
    const running = !(this.timerRunning.get(meetingId) ?? false);
    this.timerRunning.set(meetingId, running);
    return running;
  }

  /** How long each share takes to save, to test saves that overlap (a slow disk). */
  shareDelayMs = 0;

  async shareInformation(meetingId: string, caseId: string, agencyId: string, input: ShareInput) {
    if (this.shareDelayMs) await new Promise((done) => setTimeout(done, this.shareDelayMs));
    const key = `${meetingId}/${caseId}`;
    const agency = this.agency(agencyId);
    const list = (this.shares.get(key) ?? []).filter((s) => s.agency_id !== agencyId);
    if (input.withheld.trim() && !input.withheld_reason.trim())
      throw invalid([{ field: "withheld_reason", message: "Say why it was not shared." }]);
    list.push({
      agency_id: agencyId, agency_name: agency.name, short_code: agency.short_code, state: input.state,
      facts: input.facts || null, opinion: input.opinion || null, withheld: input.withheld || null,
      withheld_reason: input.withheld_reason || null, updated_by: this.user?.name ?? "",
      version: new Date().toISOString(),
    });
    this.shares.set(key, list);
    return clone(this.record(meetingId, caseId));
  }

  async assessCase(meetingId: string, caseId: string, input: AssessmentInput) {
    const record = this.record(meetingId, caseId);
    Object.assign(record, {
      summary: input.summary || null, risk_level: input.risk_level, risk_rag: input.risk_rag,
      likelihood: input.likelihood, impact: input.impact,
      risk_score: input.likelihood && input.impact ? input.likelihood * input.impact : null,
      decisions: input.decisions || null, who_tells: input.who_tells || null,
    });
    return clone(record);
  }

  async decideCase(meetingId: string, caseId: string, input: OutcomeInput) {
    if (input.outcome === "continue" && !input.review.trim())
      throw invalid([{ field: "review", message: "Say when the panel reviews this case, like +6w or next meeting." }]);
    if (input.outcome !== "continue" && !input.reason.trim())
      throw invalid([{ field: "reason", message: "Give the reason." }]);
    const record = this.record(meetingId, caseId);
    Object.assign(record, { outcome: input.outcome, outcome_reason: input.reason || null, review_due: input.review || null });
    return clone(record);
  }

  private toAction(input: ActionInput, id: string): ActionSaved {
    const errors: FieldError[] = [];
    if (!input.agency_id) errors.push({ field: "agency_id", message: "Choose the agency that owns this action." });
    if (!input.text.trim()) errors.push({ field: "text", message: "Enter what is to be done." });
    if (input.due.trim() && !/^(\+\d+[dwm]|next meeting|today|tomorrow|\d{1,2}\/\d{1,2}\/\d{4})$/i.test(input.due.trim()))
      errors.push({ field: "due", message: "Enter the due date like 04/12/2026, +2w or next meeting." });
    if (errors.length) throw invalid(errors);
    const agency = this.agency(input.agency_id ?? "");
    const m = this.meeting(input.meeting_id);
    const c = input.case_id ? this.caseById(input.case_id) : null;
    const hints: string[] = [];
    if (!input.due.trim()) hints.push("This action has no due date: add one so it can be checked at the next meeting.");
    if (input.text.trim().split(/\s+/).length < 3) hints.push("Say what will be done, by whom and how the panel will know it is done.");
    return {
      action: {
        id, meeting_id: m.id, meeting_date: m.date, panel_id: m.panel_id, panel_name: m.panel_name, case_id: input.case_id,
        case_reference: c?.reference ?? null, agency_id: agency.id, agency_name: agency.name, agency_code: agency.short_code,
        officer: input.officer.trim() || null, text: input.text.trim(), due_date: input.due.trim() || null, status: "open",
        completed_on: null, overdue: false, updates: [],
      },
      hints,
    };
  }

  async addAction(input: ActionInput) {
    const saved = this.toAction(input, this.id());
    this.actions.push(saved.action);
    return clone(saved);
  }

  async updateAction(id: string, input: ActionInput) {
    const i = this.actions.findIndex((a) => a.id === id);
    if (i < 0) throw { code: "not_found", message: "That action was not found.", fields: [] } satisfies ApiError;
    const saved = this.toAction(input, id);
    this.actions[i] = saved.action;
    return clone(saved);
  }

  async removeAction(id: string) {
    this.actions = this.actions.filter((a) => a.id !== id);
  }

  async reportAction(id: string, status: ActionStatus, note: string, meetingId: string | null) {
    const action = this.actions.find((a) => a.id === id);
    if (!action) throw { code: "not_found", message: "That action was not found.", fields: [] } satisfies ApiError;
    if ((status === "not_done_circumstances" || status === "not_done_agency") && !note.trim())
      throw invalid([{ field: "note", message: "Say why it was not done." }]);
    action.status = status;
    const at = new Date().toISOString();
    const update = { at, reported_on: at.slice(0, 10), meeting_id: meetingId, status, note: note.trim() || null, recorded_by: this.user?.name ?? "" };
    const same = action.updates.findIndex((u) => meetingId !== null && u.meeting_id === meetingId);
    if (same >= 0) action.updates[same] = update;
    else action.updates.push(update);
    return clone(action);
  }

  async actionsForReview(meetingId: string) {
    return clone(this.actions.filter((a) => a.meeting_id !== meetingId));
  }

  async meetingActions(meetingId: string) {
    return clone(this.actions.filter((a) => a.meeting_id === meetingId));
  }

  async closeMeeting(meetingId: string) {
    const m = this.meeting(meetingId);
    const current = this.currentItem.get(meetingId);
    if (current) this.doneItems.add(current);
    this.currentItem.delete(meetingId);
    this.timerRunning.set(meetingId, false);
    m.status = "held";
  }

  async openProjector(meetingId: string) {
    this.meeting(meetingId);
    this.projected = meetingId;
  }

  // ---- Minutes and action plans (the PDFs themselves need the desktop app) --

  minutes = new Map<string, MinutesStatus>();
  written: string[] = [];

  private minutesOf(meetingId: string): MinutesStatus {
    const m = this.meeting(meetingId);
    const found = this.minutes.get(meetingId) ?? { held: false, approved_by: null, approved_at: null, version: 0, amending: null, amendments: [] };
    found.held = m.status === "held";
    this.minutes.set(meetingId, found);
    return found;
  }

  async minutesPreview(meetingId: string): Promise<Document> {
    const m = this.meeting(meetingId);
    const status = this.minutesOf(meetingId);
    return {
      title: status.version > 1 ? `Minutes, version ${status.version}` : "Minutes",
      subtitle: `${m.panel_name}, ${m.date}`,
      marking: "OFFICIAL-SENSITIVE",
      author: m.panel_name,
      draft: status.approved_by === null,
      created_unix: 0,
      footer: "",
      keywords: [],
      blocks: [
        { type: "heading", level: 1, text: "The meeting" },
        { type: "key_value", pairs: [["Panel", m.panel_name], ["Venue", m.venue ?? ""]] },
        ...m.items.filter((i) => i.case).map((i) => ({ type: "heading" as const, level: 1, text: `${i.case!.reference} ${i.case!.subject_name}` })),
        { type: "table", columns: [{ title: "Agency", share: 0.3 }, { title: "Action", share: 0.7 }], rows: this.actions.filter((a) => a.meeting_id === meetingId).map((a) => [a.agency_code, a.text]) },
      ],
    };
  }

  async minutesStatus(meetingId: string) {
    return clone(this.minutesOf(meetingId));
  }

  async approveMinutes(meetingId: string, approver: string) {
    const s = this.minutesOf(meetingId);
    if (!approver.trim()) throw invalid([{ field: "approver", message: "Enter the name of the person approving." }]);
    if (!s.held) throw { code: "conflict", message: "Close the meeting before approving its minutes.", fields: [] } satisfies ApiError;
    Object.assign(s, { approved_by: approver.trim(), approved_at: new Date().toISOString(), version: 1 });
    return clone(s);
  }

  async startAmendment(meetingId: string, why: string) {
    const s = this.minutesOf(meetingId);
    if (!why.trim()) throw invalid([{ field: "why", message: "Enter why the minutes are being changed." }]);
    const a = { version: s.version + 1, opened_by: this.user?.name ?? "", opened_at: new Date().toISOString(), why, what: null, closed_at: null };
    s.amendments.push(a);
    s.amending = a;
    return clone(s);
  }

  async finishAmendment(meetingId: string, what: string) {
    const s = this.minutesOf(meetingId);
    if (!what.trim()) throw invalid([{ field: "what", message: "Enter what was changed." }]);
    const open = s.amendments.find((a) => !a.closed_at);
    if (open) Object.assign(open, { what, closed_at: new Date().toISOString() });
    s.version = open?.version ?? s.version;
    s.amending = null;
    return clone(s);
  }

  async defaultExportFolder() {
    return "/home/chair/Documents";
  }

  async chooseExportFolder() {
    return null;
  }

  async exportPlan(meetingId: string, folder: string): Promise<PlannedFile[]> {
    if (!folder.trim()) throw invalid([{ field: "folder", message: "Choose the folder to save the files in." }]);
    const m = this.meeting(meetingId);
    const owners = [...new Set(this.actions.filter((a) => a.meeting_id === meetingId).map((a) => a.agency_id))];
    const name = (what: string) => `panel_${m.date}_${what}.pdf`;
    return [
      { agency_id: null, label: "Minutes", file_name: name("minutes"), exists: this.written.includes(name("minutes")) },
      ...owners.map((id) => {
        const a = this.agency(id);
        const file = name(`action-plan-${a.short_code.toLowerCase()}`);
        return { agency_id: id, label: a.name, file_name: file, exists: this.written.includes(file) };
      }),
    ];
  }

  private write(file: string, replace: boolean, folder: string): WrittenFile {
    if (this.written.includes(file) && !replace) throw { code: "conflict", message: `${file} is already in that folder.`, fields: [] } satisfies ApiError;
    this.written.push(file);
    return { file_name: file, path: `${folder}/${file}`, bytes: 20_000 };
  }

  async exportMinutes(meetingId: string, folder: string, replace: boolean) {
    const plan = await this.exportPlan(meetingId, folder);
    return this.write(plan[0]!.file_name, replace, folder);
  }

  async exportActionPlan(meetingId: string, agencyId: string, folder: string, replace: boolean) {
    const plan = await this.exportPlan(meetingId, folder);
    const file = plan.find((p) => p.agency_id === agencyId);
    if (!file) throw { code: "not_found", message: "That agency has no action plan here.", fields: [] } satisfies ApiError;
    return this.write(file.file_name, replace, folder);
  }

  menuHandlers = new Set<(id: string) => void>();

  onMenu(handler: (id: string) => void) {
    this.menuHandlers.add(handler);
    return () => void this.menuHandlers.delete(handler);
  }

  /** Test helper: a choice from the app's menu. */
  chooseMenu(id: string) {
    for (const handler of this.menuHandlers) handler(id);
  }

  async projectorView(): Promise<ProjectorView | null> {
    if (!this.projected) return null;
    const now = await this.meetingNow(this.projected);
    const initials = (name: string) => {
      const parts = name.trim().split(/\s+/);
      const picked = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : parts;
      return picked.map((p) => `${(p ?? "").charAt(0).toUpperCase()}.`).join("");
    };
    const items = now.meeting.items.map((i, n) => ({
      number: n + 1,
      label: i.case ? `Case: ${i.case.reference} (${initials(i.case.subject_name)})` : i.title,
      status: now.timings[n]?.status ?? "to_come",
      planned_minutes: i.planned_minutes,
    }));
    const currentIndex = now.meeting.items.findIndex((i) => i.id === now.current_item_id);
    const currentCase = now.meeting.items[currentIndex]?.case?.id ?? null;
    return {
      title: now.meeting.panel_name, items, current: items[currentIndex] ?? null, spent_seconds: 0, overrun_seconds: 0,
      timer_running: now.timer_running, projected_end: now.projected_end,
      actions: this.actions
        .filter((a) => a.meeting_id === this.projected && a.case_id === currentCase)
        .map((a) => ({ agency_name: a.agency_name, agency_code: a.agency_code, text: a.text, due_date: a.due_date })),
    };
  }

  // ---- Between meetings -----------------------------------------------------

  /** "Today" for the tracker's overdue and due-soon filters. */
  trackerToday = "2026-11-23";

  async listActions(filter: ActionFilter): Promise<TrackerPage> {
    const open = (a: Action) => a.status === "open" || a.status === "in_progress";
    const soon = filter.due_within_days === null ? null : new Date(Date.parse(this.trackerToday) + filter.due_within_days * 86_400_000).toISOString().slice(0, 10);
    const list = this.actions
      .map((a) => ({ ...a, overdue: open(a) && !!a.due_date && a.due_date < this.trackerToday }))
      .filter((a) => !filter.panel_id || a.panel_id === filter.panel_id)
      .filter((a) => !filter.agency_id || a.agency_id === filter.agency_id)
      .filter((a) =>
        filter.status === "all" ? true : filter.status === "open" ? open(a) : filter.status === "done" ? a.status === "done" : a.status.startsWith("not_done"),
      )
      .filter((a) => !filter.overdue || a.overdue)
      .filter((a) => soon === null || (!!a.due_date && a.due_date <= soon))
      .filter((a) => !filter.case_reference.trim() || (a.case_reference ?? "").toLowerCase().startsWith(filter.case_reference.trim().toLowerCase()))
      .sort((a, b) => (a.due_date ?? "9999").localeCompare(b.due_date ?? "9999"));
    return clone({ actions: list, total: list.length });
  }

  async reportActions(ids: string[], input: ReportInput): Promise<Action[]> {
    const errors: FieldError[] = [];
    if (!ids.length) errors.push({ field: "actions", message: "Choose at least one action to update." });
    if (input.status.startsWith("not_done") && !input.note.trim()) errors.push({ field: "note", message: "Say why it was not done." });
    const typed = input.reported_on.trim();
    const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(typed);
    const on = typed === "" ? this.trackerToday : m ? `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}` : null;
    if (on === null) errors.push({ field: "reported_on", message: "Enter the date it was reported, for example 12/11/2026." });
    else if (on > this.trackerToday) errors.push({ field: "reported_on", message: "The date it was reported cannot be in the future." });
    if (errors.length) throw invalid(errors);
    return ids.map((id) => {
      const a = this.actions.find((x) => x.id === id);
      if (!a) throw { code: "not_found", message: "That action was not found.", fields: [] } satisfies ApiError;
      a.status = input.status;
      a.completed_on = input.status === "done" ? on : null;
      a.updates.push({ at: `${on}T12:00:00Z`, reported_on: on!, meeting_id: null, status: input.status, note: input.note.trim() || null, recorded_by: this.user?.name ?? "" });
      return clone(a);
    });
  }

  async actionLateness(panelId: string | null): Promise<AgencyLateness[]> {
    const page = await this.listActions({ panel_id: panelId, agency_id: null, status: "open", overdue: false, due_within_days: null, case_reference: "" });
    const by = new Map<string, AgencyLateness>();
    for (const a of page.actions) {
      const row = by.get(a.agency_id) ?? {
        agency_id: a.agency_id, agency_name: a.agency_name, agency_code: a.agency_code, open: 0, overdue: 0,
        overdue_over_four_weeks: 0, most_days_late: 0, done_last_year: 0, done_on_time_last_year: 0,
      };
      row.open += 1;
      if (a.overdue) {
        row.overdue += 1;
        const days = Math.round((Date.parse(this.trackerToday) - Date.parse(a.due_date!)) / 86_400_000);
        row.most_days_late = Math.max(row.most_days_late, days);
        if (days > 28) row.overdue_over_four_weeks += 1;
      }
      by.set(a.agency_id, row);
    }
    return [...by.values()].sort((x, y) => y.overdue - x.overdue);
  }

  async lateReport(panelId: string | null): Promise<LateReport> {
    const agencies = await this.actionLateness(panelId);
    const overdue = (await this.listActions({ panel_id: panelId, agency_id: null, status: "open", overdue: true, due_within_days: null, case_reference: "" })).actions;
    return {
      panel_name: panelId ? (this.panels.find((p) => p.id === panelId)?.name ?? null) : null,
      on: this.trackerToday,
      agencies,
      overdue: overdue.map((a) => ({
        agency_code: a.agency_code, panel_name: a.panel_name, case_reference: a.case_reference, agreed_on: a.meeting_date,
        due_date: a.due_date!, days_late: Math.round((Date.parse(this.trackerToday) - Date.parse(a.due_date!)) / 86_400_000),
      })),
    };
  }

  async statisticsPeriods(): Promise<PeriodChoice[]> {
    return [
      { label: "October to December 2026 (Q4) so far", from: "2026-10-01", to: "2026-11-23" },
      { label: "July to September 2026 (Q3)", from: "2026-07-01", to: "2026-09-30" },
      { label: "April to June 2026 (Q2)", from: "2026-04-01", to: "2026-06-30" },
      { label: "The last twelve months", from: "2025-11-24", to: "2026-11-23" },
    ];
  }

  /** Test hook: the figures the fake reports (set by component tests). */
  statistics: Statistics | null = null;

  async panelStatistics(request: StatisticsRequest): Promise<Statistics> {
    const months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
    const date = (typed: string) => {
      const t = typed.trim();
      if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t;
      if (/^\d{2}\/\d{2}\/\d{4}$/.test(t)) return t.split("/").reverse().join("-");
      const m = /^(\d{1,2}) ([A-Za-z]{3})[a-z]* (\d{4})$/.exec(t);
      const month = m ? months.indexOf(m[2]!.toLowerCase()) + 1 : 0;
      return m && month ? `${m[3]}-${String(month).padStart(2, "0")}-${m[1]!.padStart(2, "0")}` : null;
    };
    const from = date(request.from);
    const to = date(request.to);
    const errors: FieldError[] = [];
    if (!from) errors.push({ field: "from", message: "Enter a real date, for example 01/07/2026." });
    if (!to) errors.push({ field: "to", message: "Enter a real date, for example 01/07/2026." });
    if (from && to && to < from) errors.push({ field: "to", message: "The end of the period is before its start." });
    if (errors.length) throw invalid(errors);
    const panel = this.panels.find((p) => p.id === request.panel_id);
    if (!panel) throw { code: "not_found", message: "That panel was not found.", fields: [] } satisfies ApiError;
    const base = this.statistics ?? {
      panel_id: panel.id, panel_name: panel.name, from: from!, to: to!, meetings: 0, cases_heard: 0, repeat_cases: 0, new_cases: 0,
      first_heard: 0, reviewed: 0, not_from_police: 0, cases_with_children: 0, children: 0, hearings: 0, timed_hearings: 0,
      mean_seconds: null, median_seconds: null, timing_by_meeting: [], breakdowns: [], actions: [],
    };
    return clone({ ...base, panel_id: panel.id, panel_name: panel.name, from: from!, to: to! });
  }

  async caseTimeline(caseId: string): Promise<TimelineEntry[]> {
    const c = this.caseById(caseId);
    return c.history.map((e) => ({ at: e.at, case_reference: c.reference, kind: e.kind, text: e.detail, recorded_by: e.recorded_by }));
  }

  async exportReport(request: ReportRequest, folder: string, replace: boolean): Promise<WrittenFile> {
    if (!folder.trim()) throw invalid([{ field: "folder", message: "Choose the folder to save the files in." }]);
    const name =
      request.kind === "subject_access" ? `subject-access_${this.trackerToday}_${this.caseById(request.case_id).reference.toLowerCase()}.pdf`
      : request.kind === "late_actions" ? `late-actions_${this.trackerToday}.pdf`
      : `statistics_${request.request.from}.${request.kind === "statistics_csv" ? "csv" : "pdf"}`;
    return this.write(name, replace, folder);
  }

  title = "";
  opened: string[] = [];

  async about() {
    return {
      version: "0.1.0",
      build: "test build",
      data_dir: "/home/user/.local/share/roundtable",
      licences: [{ title: "SIL Open Font License 1.1 (Noto fonts)", text: "Copyright 2012 Google Inc." }],
    };
  }

  async openFile(path: string) {
    this.opened.push(`open ${path}`);
  }

  async showInFolder(path: string) {
    this.opened.push(`show ${path}`);
  }

  async setTitle(title: string) {
    this.title = title;
  }

  // Reading CSV and XLSX is the core's job; the browser preview cannot.
  async agencyImportPreview(_fileName: string, _bytes: Uint8Array, _columns: AgencyColumn[] | null): Promise<AgencyImportPreview> {
    throw { code: "io", message: "Importing needs the desktop app.", fields: [] } satisfies ApiError;
  }

  async agencyImportCommit(_fileName: string, _bytes: Uint8Array, _columns: AgencyColumn[], _panelId: string | null): Promise<AgencyImportResult> {
    throw { code: "io", message: "Importing needs the desktop app.", fields: [] } satisfies ApiError;
  }

  async usualAgencies(_kind: PanelKind): Promise<AgencyInput[]> {
    throw { code: "io", message: "The usual agencies come from the desktop app.", fields: [] } satisfies ApiError;
  }

  async createAgencies(inputs: AgencyInput[], panelId: string | null): Promise<Agency[]> {
    this.requireUnlocked();
    const before = this.agencies;
    const added: Agency[] = [];
    const fields: FieldError[] = [];
    inputs.forEach((input, i) => {
      try {
        this.checkAgency(input);
        const agency = this.toAgency(input, this.id());
        this.agencies = [...this.agencies, agency];
        added.push(agency);
      } catch (err) {
        for (const f of (err as ApiError).fields) fields.push({ field: `agencies.${i}.${f.field}`, message: f.message });
      }
    });
    if (fields.length) {
      this.agencies = before;
      throw invalid(fields);
    }
    for (const agency of added) if (panelId) await this.setPanelMembership(panelId, agency.id, true);
    return added.map((a) => clone(this.agency(a.id)));
  }

  async importPreview(_panelId: string, _fileName: string, _bytes: Uint8Array, _choices: ImportChoices | null): Promise<ImportPreview> {
    throw { code: "io", message: "Importing needs the desktop app.", fields: [] } satisfies ApiError;
  }

  async importCommit(_panelId: string, _fileName: string, _bytes: Uint8Array, _choices: ImportChoices): Promise<ImportResult> {
    throw { code: "io", message: "Importing needs the desktop app.", fields: [] } satisfies ApiError;
  }
}
