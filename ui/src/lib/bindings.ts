// Generated from the Rust types in src-tauri/crates/core by `bindings::typescript()`.
// Do not edit: change the Rust type, then run
//   UPDATE_BINDINGS=1 cargo test -p roundtable-core bindings

export type ErrorCode = "validation" | "wrong_passphrase" | "not_set_up" | "already_set_up" | "locked" | "already_open" | "newer_schema" | "not_found" | "conflict" | "storage" | "io" | "not_signed_in" | "sign_in_failed" | "forbidden" | "too_many_attempts";

export type FieldError = { field: string, message: string, };

export type ApiError = { code: ErrorCode, message: string, fields: Array<FieldError>, };

export type UserRole = "chair" | "coordinator" | "other";

export type UserProfile = { name: string, role: UserRole, };

export type SetupInput = { passphrase: string, confirm_passphrase: string, name: string, role: UserRole | null, };

export type AppState = "needs_setup" | "locked" | "unlocked";

export type AppStatus = { state: AppState, 
/**
 * Known only once unlocked.
 */
user: UserProfile | null, 
/**
 * Where the encrypted data file lives, shown on the first-run screen.
 */
data_dir: string, };

export type AccountRole = "administrator" | "coordinator" | "chair" | "minute_taker" | "agency";

export type Account = { id: string, username: string, display_name: string, role: AccountRole, agency_id: string | null, must_change_password: boolean, disabled: boolean, 
/**
 * Whether signing in also needs a code from an authenticator app.
 */
totp_enabled: boolean, };

export type AccountInput = { username: string, display_name: string, role: AccountRole | null, agency_id: string | null, };

export type Invitation = { account: Account, code: string, expires_at: string, };

export type InvitationView = { username: string, display_name: string, expires_at: string, };

export type AgencyPlan = { meeting_id: string, panel_name: string, meeting_date: string, 
/**
 * How many actions were agreed for the agency there.
 */
actions: number, };

export type ResearchRequestInput = { due_on: string, };

export type ResearchMeeting = { meeting_id: string, panel_name: string, meeting_date: string, 
/**
 * The last day answers are taken (ISO date).
 */
due_on: string, 
/**
 * Answers are still taken: the deadline has not passed and the meeting
 * has not been held.
 */
open: boolean, cases: number, 
/**
 * How many of them this agency has answered.
 */
researched: number, 
/**
 * When the coordinator last reminded this agency, if ever.
 */
reminded_at: string | null, };

export type ResearchAnswer = { state: ShareState, facts: string | null, opinion: string | null, withheld: string | null, withheld_reason: string | null, updated_by: string, 
/**
 * What an edit of it says it started from (as a share's version).
 */
version: string, };

export type ResearchSubject = { case_id: string, reference: string, subject_name: string, aliases: Array<string>, date_of_birth: string | null, address: string | null, postcode: string | null, answer: ResearchAnswer | null, };

export type ResearchList = { meeting: ResearchMeeting, cases: Array<ResearchSubject>, };

export type ResearchAgency = { agency_id: string, agency_name: string, short_code: string, researched: number, reminded_at: string | null, };

export type ResearchRow = { case_id: string, reference: string, subject_name: string, answers: Array<ShareState | null>, };

export type ResearchGrid = { meeting_id: string, 
/**
 * None until the case list is published.
 */
due_on: string | null, published_at: string | null, published_by: string | null, open: boolean, agencies: Array<ResearchAgency>, cases: Array<ResearchRow>, };

export type PanelKind = "marac" | "youth_marac" | "mace" | "offender_management" | "other";

export type PanelInput = { name: string, kind: PanelKind, 
/**
 * Planned length of a meeting, in minutes.
 */
meeting_minutes: number, 
/**
 * Planned minutes for each case on the agenda.
 */
minutes_per_case: number, confidentiality_statement: string, protective_marking: string, 
/**
 * A case referred again within this many months of its last hearing is a repeat.
 */
repeat_window_months: number, 
/**
 * Minutes without input before Roundtable locks itself (the strictest
 * active panel's setting applies to the whole app).
 */
idle_lock_minutes: number, 
/**
 * Years a closed case is kept before it is due for deletion.
 */
retention_years: number, };

export type Panel = { id: string, name: string, kind: PanelKind, meeting_minutes: number, minutes_per_case: number, confidentiality_statement: string, protective_marking: string, repeat_window_months: number, idle_lock_minutes: number, retention_years: number, archived: boolean, 
/**
 * The agencies that sit on this panel.
 */
member_agency_ids: Array<string>, };

export type Sector = "police" | "childrens_social_care" | "adult_social_care" | "health" | "mental_health" | "housing" | "probation" | "youth_offending" | "education" | "substance_misuse" | "voluntary_sector" | "advocacy" | "other";

export type RepresentativeInput = { 
/**
 * Present when editing someone already listed; absent for a new person.
 */
id: string | null, name: string, role: string, email: string, };

export type AgencyInput = { name: string, 
/**
 * A few letters people type to pick the agency in a meeting (e.g. "CSC").
 */
short_code: string, sector: Sector | null, secure_email: string, representatives: Array<RepresentativeInput>, };

export type Representative = { id: string, name: string, role: string | null, email: string | null, };

export type Agency = { id: string, name: string, short_code: string, sector: Sector, secure_email: string | null, representatives: Array<Representative>, 
/**
 * The panels this agency sits on.
 */
panel_ids: Array<string>, archived: boolean, };

export type CaseStatus = "referred" | "accepted" | "redirected" | "deferred" | "heard" | "under_review" | "closed";

export type ReferralRoute = "automatic" | "risk_score" | "professional_judgement" | "escalation" | "repeat";

export type Consent = "given" | "not_given" | "not_sought";

export type Gender = "female" | "male" | "non_binary" | "self_described" | "not_known";

export type YesNoUnknown = "yes" | "no" | "not_known";

export type Ethnicity = "asian_bangladeshi" | "asian_chinese" | "asian_indian" | "asian_pakistani" | "asian_other" | "black_african" | "black_caribbean" | "black_other" | "mixed_white_asian" | "mixed_white_black_african" | "mixed_white_black_caribbean" | "mixed_other" | "white_british" | "white_irish" | "white_gypsy_irish_traveller" | "white_roma" | "white_other" | "other_arab" | "other_any" | "not_stated";

export type Relationship = "perpetrator" | "peer" | "sibling" | "associate" | "parent" | "other";

export type LinkedPersonInput = { id: string | null, name: string, relationship: Relationship | null, 
/**
 * Must not be seen or placed with the subject (e.g. a perpetrator).
 */
keep_apart: boolean, };

export type CaseInput = { panel_id: string, subject_name: string, aliases: Array<string>, 
/**
 * As typed: "14/03/2009", "2009-03-14", ... Empty when not known.
 */
date_of_birth: string, 
/**
 * When the date of birth is not known.
 */
approximate_age: number | null, gender: Gender | null, ethnicity: Ethnicity | null, disability: YesNoUnknown | null, lgbt: YesNoUnknown | null, address: string, postcode: string, school: string, referring_agency_id: string | null, referring_officer: string, referral_date: string, referral_route: ReferralRoute | null, 
/**
 * Why the referral was made, in words (professional judgement must be written down).
 */
referral_reason: string, concerns: Array<string>, consent: Consent | null, 
/**
 * Required when consent was not given: the lawful ground for sharing.
 */
lawful_ground: string, children_count: number, children_details: string, linked_people: Array<LinkedPersonInput>, lead_professional: string, };

export type LinkedPerson = { id: string, name: string, relationship: Relationship, keep_apart: boolean, };

export type MatchStrength = "probable" | "strong";

export type RepeatCandidate = { case_id: string, reference: string, subject_name: string, date_of_birth: string | null, 
/**
 * The earlier case's last hearing, if it was ever heard.
 */
last_heard_on: string | null, 
/**
 * Heard within the panel's repeat window before this referral: a repeat.
 */
within_repeat_window: boolean, strength: MatchStrength, reason: string, 
/**
 * A perpetrator of this referral who is a perpetrator of the earlier
 * case too (by name and date of birth), by this referral's name.
 */
same_perpetrator: string | null, 
/**
 * The same person and perpetrator referred within twelve months of
 * the earlier referral: a repeat as SafeLives counts it (the panel's
 * own rule is `within_repeat_window`).
 */
safelives_repeat: boolean, };

export type CaseEvent = { at: string, kind: string, detail: string, recorded_by: string, };

export type DashVersion = "adult" | "young_person";

export type DashQuestion = { number: number, section: string, text: string, };

export type DashChecklist = { version: DashVersion, label: string, questions: Array<DashQuestion>, high_risk_from: number, credit: string, };

export type DashAnswer = { answer: YesNoUnknown | null, source: string, };

export type DashInput = { version: DashVersion, 
/**
 * As typed, like every date.
 */
completed_on: string, 
/**
 * Who completed it with the person: name, role and agency.
 */
completed_by: string, 
/**
 * One per question, in the checklist's order.
 */
answers: Array<DashAnswer>, };

export type DashAssessment = { id: string, version: DashVersion, completed_on: string, completed_by: string, answers: Array<DashAnswer>, score: number, 
/**
 * How many questions its checklist has (the score is "out of" this).
 */
questions: number, 
/**
 * A score that came in a referral list, without its answers.
 */
from_list: boolean, visible_high_risk: boolean, 
/**
 * The first assessment of the case, or a later re-assessment.
 */
reassessment: boolean, recorded_by: string, };

export type PerpetratorRelationship = "current_partner" | "former_partner" | "family_member" | "other";

export type ChildRelationship = "child" | "stepchild" | "grandchild" | "sibling" | "other_relative" | "none" | "not_known";

export type LawfulGround = "risk_of_serious_harm" | "prevention_or_detection_of_crime" | "child_protection" | "public_interest" | "vital_interests";

export type PerpetratorInput = { id: string | null, name: string, aliases: Array<string>, 
/**
 * As typed; empty when not known.
 */
date_of_birth: string, relationship: PerpetratorRelationship | null, };

export type ChildInput = { id: string | null, 
/**
 * May be empty for an unborn child.
 */
name: string, 
/**
 * As typed: the date of birth, or empty for an unborn child.
 */
date_of_birth: string, 
/**
 * As typed: the expected date, for an unborn child only.
 */
due_date: string, relationship_to_person: ChildRelationship | null, relationship_to_perpetrator: ChildRelationship | null, 
/**
 * Whose care the child is in, as the referrer says it.
 */
lives_with: string, school: string, };

export type ReferralDetails = { perpetrators: Array<PerpetratorInput>, children: Array<ChildInput>, safe_phone: string, safe_to_call: YesNoUnknown | null, best_time_to_call: string, safe_to_leave_message: YesNoUnknown | null, knows_of_referral: YesNoUnknown | null, 
/**
 * The ground for sharing without consent, from the recognised list.
 */
lawful_ground: LawfulGround | null, 
/**
 * Any conditions the person set on sharing.
 */
consent_conditions: string, earlier_marac: YesNoUnknown | null, 
/**
 * Where and when, if there was one.
 */
earlier_marac_where: string, risk_to_professionals: string, };

export type OtherPanelMatch = { other_case_id: string, 
/**
 * Its reference and panel: nothing else of it is shown.
 */
reference: string, panel_name: string, 
/**
 * Who of this case: "The person", "Perpetrator Darren Cole", "Linked
 * person Kyle Brown".
 */
who: string, strength: MatchStrength, 
/**
 * Confirmed as the same person by the coordinator (dismissed ones are
 * not listed).
 */
confirmed: boolean, };

export type CaseStep = "accept" | "redirect" | "defer" | "close" | "emergency";

export type CaseDetail = { id: string, panel_id: string, reference: string, status: CaseStatus, 
/**
 * The form's values, as stored (dates as YYYY-MM-DD).
 */
input: CaseInput, 
/**
 * Age today, from the date of birth or the approximate age.
 */
age: number | null, referring_agency_name: string | null, linked_people: Array<LinkedPerson>, 
/**
 * The confirmed earlier case of the same person, if any.
 */
repeat_of: RepeatCandidate | null, 
/**
 * Offered matches not yet confirmed or rejected.
 */
possible_repeats: Array<RepeatCandidate>, history: Array<CaseEvent>, 
/**
 * The steps its status allows now (the page offers these and no others).
 */
next_steps: Array<CaseStep>, 
/**
 * Its Dash checklists, the first and any re-assessments, oldest first.
 */
dash: Array<DashAssessment>, 
/**
 * A checklist being filled in, as last typed.
 */
dash_draft: DashInput | null, 
/**
 * The checklist to offer first, by the person's age (young person's
 * from 13 to 17).
 */
dash_suggested: DashVersion, 
/**
 * The rest of the referral form, as records.
 */
referral: ReferralDetails, 
/**
 * Other panels' cases that may hold one of its people (reference and
 * panel only).
 */
other_panels: Array<OtherPanelMatch>, };

export type CaseSummary = { id: string, panel_id: string, reference: string, status: CaseStatus, subject_name: string, date_of_birth: string | null, postcode: string | null, referral_date: string, children_count: number, 
/**
 * A confirmed repeat within the panel's window.
 */
is_repeat: boolean, 
/**
 * Unconfirmed matches waiting for the coordinator.
 */
possible_repeat: boolean, };

export type CaseAction = { "action": "accept" } | { "action": "redirect", service: string, reason: string, } | { "action": "defer", reason: string, } | { "action": "close", reason: string, };

export type CaseFilter = { panel_id: string | null, status: CaseStatus | null, 
/**
 * Name, alias, date of birth, postcode or case reference.
 */
query: string, };

export type MeetingKind = "scheduled" | "emergency" | "triage";

export type AgendaItemKind = "introductions" | "action_review" | "new_case" | "review_case" | "anniversary_notice" | "triage" | "other_business";

export type HearingOutcome = "continue" | "close" | "escalate" | "redirect" | "defer";

export type MeetingInput = { panel_id: string, kind: MeetingKind, 
/**
 * As typed, e.g. "04/12/2026".
 */
date: string, 
/**
 * As typed, e.g. "09:30" or "9.30".
 */
start_time: string, venue: string, chair: string, minute_taker: string, 
/**
 * Agencies expected to attend; empty means every agency on the panel.
 */
expected_agency_ids: Array<string>, };

export type AgendaCase = { id: string, reference: string, subject_name: string, status: CaseStatus, children_count: number, is_repeat: boolean, possible_repeat: boolean, 
/**
 * The other cases on this agenda it must be kept apart from (a
 * keep-apart linked person or a perpetrator is their person), by
 * reference.
 */
keep_apart_with: Array<string>, };

export type AgendaItem = { id: string, position: number, kind: AgendaItemKind, title: string, case: AgendaCase | null, planned_minutes: number, 
/**
 * "HH:MM", from the meeting's start and the items before it.
 */
planned_start: string, };

export type MeetingDetail = { id: string, panel_id: string, panel_name: string, kind: MeetingKind, date: string, start_time: string, venue: string | null, chair: string | null, minute_taker: string | null, status: string, expected_agency_ids: Array<string>, items: Array<AgendaItem>, total_minutes: number, 
/**
 * "HH:MM" when every item takes its planned time.
 */
projected_end: string, 
/**
 * The panel's planned meeting length.
 */
meeting_minutes: number, 
/**
 * How far the plan runs past the panel's meeting length (0 when it fits).
 */
over_by_minutes: number, };

export type MeetingSummary = { id: string, panel_id: string, panel_name: string, kind: MeetingKind, date: string, start_time: string, status: string, case_count: number, };

export type ImportField = "subject_name" | "forename" | "middle_name" | "surname" | "aliases" | "date_of_birth" | "approximate_age" | "gender" | "ethnicity" | "disability" | "lgbt" | "address" | "postcode" | "school" | "referring_agency" | "referring_officer" | "referral_date" | "referral_route" | "referral_reason" | "concerns" | "consent" | "lawful_ground" | "children_count" | "children_details" | "lead_professional" | "dash_score";

export type ColumnMapping = { field: ImportField, 
/**
 * The file's column header, or none when the file has no such column.
 */
header: string | null, 
/**
 * Read as every row's cell when `header` is none (only for fields that
 * `takes_file_value`), written as a user would type it in the list.
 */
value: string | null, };

export type AgencyWord = { text: string, agency_id: string | null, };

export type ImportChoices = { columns: Array<ColumnMapping>, agencies: Array<AgencyWord>, };

export type RowProblem = { 
/**
 * The row number as a spreadsheet shows it (the header is row 1).
 */
row: number, 
/**
 * The file's column header, or "(not in the file)".
 */
column: string, message: string, };

export type ImportRepeat = { row: number, subject_name: string, matches_reference: string, matches_name: string, reason: string, };

export type ImportRowPreview = { row: number, subject_name: string, date_of_birth: string, postcode: string, referral_date: string, 
/**
 * The directory agency the row's referrer was read as.
 */
referring_agency: string, has_problem: boolean, };

export type AgencyWordUse = { text: string, rows: number, 
/**
 * The agency chosen for it (remembered from an earlier list, or sent).
 */
agency_id: string | null, };

export type ImportPreview = { file_name: string, headers: Array<string>, mapping: Array<ColumnMapping>, 
/**
 * The fields that a value chosen for the whole file may stand for.
 */
file_value_fields: Array<ImportField>, 
/**
 * Every referring-agency text that is not a directory agency.
 */
agency_words: Array<AgencyWordUse>, total_rows: number, 
/**
 * The first rows, as they will be read.
 */
rows: Array<ImportRowPreview>, 
/**
 * Every problem (up to `PROBLEM_LIMIT`), in row order.
 */
problems: Array<RowProblem>, problem_count: number, 
/**
 * Rows that may be people the panel already knows: offered after import.
 */
repeats: Array<ImportRepeat>, 
/**
 * How the file was read (e.g. its encoding).
 */
notes: Array<string>, can_import: boolean, };

export type ImportResult = { imported: number, repeats_offered: number, };

export type AgencyField = "name" | "short_code" | "sector" | "secure_email" | "representative_name" | "representative_role" | "representative_email";

export type AgencyColumn = { field: AgencyField, 
/**
 * The file's column header, or none when the file has no such column.
 */
header: string | null, };

export type AgencyImportRow = { 
/**
 * The row that first names the agency.
 */
row: number, name: string, short_code: string, 
/**
 * Whether the short code was made from the name (the list gave none).
 */
code_made: boolean, sector: Sector | null, secure_email: string, representatives: Array<string>, };

export type AgencyImportPreview = { file_name: string, headers: Array<string>, columns: Array<AgencyColumn>, total_rows: number, agencies: Array<AgencyImportRow>, 
/**
 * Every problem (up to `PROBLEM_LIMIT`), in row order.
 */
problems: Array<RowProblem>, problem_count: number, notes: Array<string>, can_import: boolean, };

export type AgencyImportResult = { agencies: number, representatives: number, };

export type ActionStatus = "open" | "in_progress" | "done" | "not_done_circumstances" | "not_done_agency";

export type ActionInput = { meeting_id: string, 
/**
 * The case it belongs to; none for any other business.
 */
case_id: string | null, agency_id: string | null, text: string, 
/**
 * As typed: a date ("04/12/2026"), "+2w", "+10d", "+1m", "next meeting",
 * "today", "tomorrow", or empty.
 */
due: string, officer: string, };

export type ActionUpdate = { at: string, 
/**
 * The day the agency reported it (YYYY-MM-DD).
 */
reported_on: string, 
/**
 * The meeting it was reported at; none when reported between meetings.
 */
meeting_id: string | null, status: ActionStatus, note: string | null, recorded_by: string, };

export type Action = { id: string, meeting_id: string, 
/**
 * The date of the meeting that agreed it.
 */
meeting_date: string, panel_id: string, panel_name: string, case_id: string | null, case_reference: string | null, agency_id: string, agency_name: string, agency_code: string, officer: string | null, text: string, due_date: string | null, status: ActionStatus, 
/**
 * The day it was reported done (YYYY-MM-DD), while it is done.
 */
completed_on: string | null, 
/**
 * Open or in progress and past its due date.
 */
overdue: boolean, updates: Array<ActionUpdate>, };

export type ActionSaved = { action: Action, hints: Array<string>, };

export type AttendanceStatus = "present" | "apologies" | "sent_in_writing" | "absent";

export type ShareState = "known" | "not_known" | "not_present" | "sent_in_writing";

export type RiskLevel = "standard" | "medium" | "high";

export type Rag = "red" | "amber" | "green";

export type AttendeeInput = { agency_id: string | null, name: string, role: string, 
/**
 * Acknowledged the confidentiality statement the chair read.
 */
acknowledged: boolean, 
/**
 * "HH:MM" when they arrived late; empty if on time.
 */
arrived_at: string, 
/**
 * "HH:MM" when they left early; empty if they stayed.
 */
left_at: string, };

export type Attendee = { id: string, agency_id: string | null, name: string, role: string | null, acknowledged: boolean, arrived_at: string | null, left_at: string | null, };

export type AgencyAttendance = { agency_id: string, agency_name: string, short_code: string, 
/**
 * None until the coordinator records it.
 */
status: AttendanceStatus | null, 
/**
 * The chair hears from it at each case: it is present or sent
 * information in writing; before attendance is taken, every expected
 * agency is.
 */
heard_from: boolean, };

export type ShareInput = { state: ShareState, 
/**
 * What the agency holds, as fact.
 */
facts: string, 
/**
 * The agency's professional opinion, kept apart from fact.
 */
opinion: string, 
/**
 * What the agency deliberately did not share...
 */
withheld: string, 
/**
 * ...and why.
 */
withheld_reason: string, 
/**
 * The version of the share this edit started from ([`Share::version`]);
 * when given and someone else has saved since, the edit is refused
 * and nothing is overwritten. None: a first share, or no check.
 */
based_on?: string, };

export type Share = { agency_id: string, agency_name: string, short_code: string, state: ShareState, facts: string | null, opinion: string | null, withheld: string | null, withheld_reason: string | null, updated_by: string, 
/**
 * When it was last saved: what an edit of it says it started from.
 */
version: string, 
/**
 * When the agency researched it before the meeting (through its own
 * account on the server); none if it was shared in the meeting.
 */
researched_at: string | null, };

export type AssessmentInput = { 
/**
 * The chair's summary of the case.
 */
summary: string, risk_level: RiskLevel | null, risk_rag: Rag | null, 
/**
 * 1 (unlikely) to 3 (likely), on the 3 x 3 matrix.
 */
likelihood: number | null, 
/**
 * 1 (low) to 3 (serious).
 */
impact: number | null, decisions: string, 
/**
 * Who will tell the young person or victim the plan.
 */
who_tells: string, };

export type OutcomeInput = { outcome: HearingOutcome, 
/**
 * For "continue": when to review, as typed ("+6w", "next meeting", a date).
 */
review: string, 
/**
 * Why it closes, where it escalates or is redirected to, why deferred.
 */
reason: string, };

export type HearingRecord = { summary: string | null, risk_level: RiskLevel | null, risk_rag: Rag | null, likelihood: number | null, impact: number | null, 
/**
 * likelihood x impact, 1..9.
 */
risk_score: number | null, decisions: string | null, who_tells: string | null, outcome: HearingOutcome | null, outcome_reason: string | null, review_due: string | null, shares: Array<Share>, 
/**
 * Agencies present (or expected) that have not yet said anything.
 */
not_yet_heard: Array<AgencyAttendance>, };

export type ItemTiming = { item_id: string, 
/**
 * "done", "current" or "to_come".
 */
status: string, planned_minutes: number, spent_seconds: number, 
/**
 * Seconds past the planned time (0 while within it).
 */
overrun_seconds: number, };

export type MeetingNow = { meeting: MeetingDetail, timings: Array<ItemTiming>, current_item_id: string | null, timer_running: boolean, 
/**
 * "HH:MM": now plus what is left of the current item and the items to come.
 */
projected_end: string, attendance: Array<AgencyAttendance>, attendees: Array<Attendee>, };

export type PastHearing = { heard_on: string, outcome: HearingOutcome | null, risk_level: RiskLevel | null, risk_rag: Rag | null, };

export type CaseInMeeting = { case: CaseDetail, 
/**
 * Earlier hearings, oldest first: risk over time and outcomes.
 */
history: Array<PastHearing>, record: HearingRecord, 
/**
 * Open actions on this case from earlier meetings.
 */
open_actions: Array<Action>, 
/**
 * Actions agreed for this case at this meeting.
 */
agreed_here: Array<Action>, };

export type ProjectorItem = { number: number, 
/**
 * "Case YM-2026-0001 (A.O.)" for a case; the item's heading otherwise.
 */
label: string, 
/**
 * "done", "current" or "to_come".
 */
status: string, planned_minutes: number, };

export type ProjectorAction = { agency_name: string, agency_code: string, text: string, due_date: string | null, };

export type ProjectorView = { title: string, items: Array<ProjectorItem>, current: ProjectorItem | null, spent_seconds: number, overrun_seconds: number, timer_running: boolean, projected_end: string, 
/**
 * Actions agreed at this meeting for the current item's case (or, at
 * other business, those that belong to no case).
 */
actions: Array<ProjectorAction>, };

export type Amendment = { 
/**
 * The minutes' version this amendment made.
 */
version: number, opened_by: string, opened_at: string, why: string, 
/**
 * What was changed; none while the amendment is open.
 */
what: string | null, closed_at: string | null, };

export type MinutesStatus = { held: boolean, approved_by: string | null, approved_at: string | null, 
/**
 * 0 until approved; 1 when approved; +1 for each finished amendment.
 */
version: number, 
/**
 * An amendment under way: the record may be changed until it is finished.
 */
amending: Amendment | null, 
/**
 * Every amendment, oldest first (the open one included).
 */
amendments: Array<Amendment>, };

export type PlannedFile = { 
/**
 * None for the minutes; the agency for an action plan.
 */
agency_id: string | null, 
/**
 * "Minutes" or the agency's name.
 */
label: string, file_name: string, 
/**
 * A file of that name is already in the folder.
 */
exists: boolean, };

export type WrittenFile = { file_name: string, path: string, bytes: number, 
/**
 * The password Roundtable made for an encrypted copy, shown this once
 * and never kept; None when unencrypted or the password was typed.
 */
password: string | null, };

export type Encryption = { 
/**
 * The password the coordinator typed; empty for one Roundtable makes.
 */
password: string, 
/**
 * The same password again, when typed.
 */
confirm: string, 
/**
 * Whom the copy is for, for the audit log. For an action plan it may
 * be left empty: the plan's agency.
 */
recipient: string, };

export type ReportInput = { status: ActionStatus, 
/**
 * The update in words; required when the action was not done.
 */
note: string, 
/**
 * The day it was reported, as typed; empty means today.
 */
reported_on: string, };

export type StatusFilter = "open" | "done" | "not_done" | "all";

export type ActionFilter = { panel_id: string | null, agency_id: string | null, status: StatusFilter, 
/**
 * Only those open past their due date.
 */
overdue: boolean, 
/**
 * Only those due within this many days from today (overdue ones included).
 */
due_within_days: number | null, 
/**
 * A case's reference, or its start.
 */
case_reference: string, };

export type TrackerPage = { actions: Array<Action>, total: number, };

export type AgencyLateness = { agency_id: string, agency_name: string, agency_code: string, 
/**
 * Open or in progress now.
 */
open: number, 
/**
 * Of those, past their due date.
 */
overdue: number, 
/**
 * Overdue by more than four weeks.
 */
overdue_over_four_weeks: number, 
/**
 * Days the most overdue one is late by.
 */
most_days_late: number, 
/**
 * Done in the last twelve months (with a due date), and of those, on time.
 */
done_last_year: number, done_on_time_last_year: number, };

export type OverdueAction = { agency_code: string, panel_name: string, case_reference: string | null, agreed_on: string, due_date: string, days_late: number, };

export type LateReport = { panel_name: string | null, on: string, 
/**
 * Agencies with open actions or done ones in the last year, most overdue first.
 */
agencies: Array<AgencyLateness>, overdue: Array<OverdueAction>, };

export type StatisticsRequest = { panel_id: string, 
/**
 * First day of the period, as typed (04/07/2026 or 2026-07-04).
 */
from: string, 
/**
 * Last day of the period, included.
 */
to: string, };

export type PeriodChoice = { label: string, from: string, to: string, };

export type Count = { label: string, count: number, };

export type Breakdown = { 
/**
 * Stable name for CSV and tests: "referring_agency", "gender", ...
 */
key: string, title: string, 
/**
 * What is counted: "cases" or "hearings".
 */
of: string, rows: Array<Count>, };

export type AgencyActions = { agency_name: string, agency_code: string, due: number, 
/**
 * Reported done on or before the due date.
 */
on_time: number, 
/**
 * Reported done after the due date.
 */
late: number, not_done: number, 
/**
 * Still open or in progress.
 */
open: number, 
/**
 * `on_time` as a percentage of `due` ([`share`]).
 */
on_time_share: number | null, };

export type MeetingTiming = { date: string, cases_timed: number, mean_seconds: number, };

export type Statistics = { panel_id: string, panel_name: string, from: string, to: string, 
/**
 * Meetings held in the period (those with at least one hearing).
 */
meetings: number, 
/**
 * Distinct cases heard at least once in the period.
 */
cases_heard: number, 
/**
 * Of those, confirmed repeats (referred again within the repeat window).
 */
repeat_cases: number, 
/**
 * Of those, not repeats.
 */
new_cases: number, 
/**
 * Of the cases heard, heard for the first time in the period.
 */
first_heard: number, 
/**
 * Of the cases heard, heard before the period too (reviews).
 */
reviewed: number, 
/**
 * `repeat_cases` as a percentage of `cases_heard` ([`share`]).
 */
repeat_rate: number | null, 
/**
 * Of the cases heard, referred by an agency that is not the police.
 */
not_from_police: number, 
/**
 * `not_from_police` as a percentage of `cases_heard`.
 */
not_from_police_share: number | null, 
/**
 * Cases heard with children in the household, and how many children.
 * Children are counted from each case's children records (born
 * children; the number typed for a case recorded before those).
 */
cases_with_children: number, children: number, 
/**
 * Unborn children on the records, counted apart.
 */
unborn_children: number, 
/**
 * Perpetrators aged 17 or under at the referral.
 */
young_perpetrators: number, 
/**
 * Hearings in the period (a case heard twice counts twice).
 */
hearings: number, 
/**
 * Hearings whose time was kept in the cockpit, and the time per case.
 */
timed_hearings: number, mean_seconds: number | null, median_seconds: number | null, timing_by_meeting: Array<MeetingTiming>, 
/**
 * referring_agency, gender, ethnicity, disability, lgbt, age_band, outcome
 */
breakdowns: Array<Breakdown>, actions: Array<AgencyActions>, };

export type ReturnRow = { 
/**
 * "14 November 2026", or "Quarter" for the whole period.
 */
label: string, 
/**
 * The meeting's date (YYYY-MM-DD); None for the quarter.
 */
meeting_date: string | null, cases: number, 
/**
 * Referred again within the panel's repeat window.
 */
repeat_cases: number, referred_by_police: number, referred_by_others: number, cases_with_children: number, 
/**
 * Children in the households (born; unborn are counted apart).
 */
children: number, 
/**
 * People who are Black, Asian or of another racially minoritised group
 * (every recorded ethnicity but White British, White Irish and any
 * other White background; not stated and not recorded are not counted).
 */
minoritised: number, lgbt: number, disabled: number, male: number, aged_16_to_17: number, 
/**
 * Perpetrators aged 17 or under at the referral.
 */
young_perpetrators: number, };

export type SafeLivesReturn = { panel_id: string, panel_name: string, from: string, to: string, meetings: Array<ReturnRow>, quarter: ReturnRow, 
/**
 * Cases heard in the period by the agency that referred them.
 */
referrals_by_agency: Array<Count>, 
/**
 * Women aged 16 and over in the panel's area, as entered.
 */
women_16_plus: number | null, 
/**
 * Where that figure came from, as entered.
 */
population_source: string, 
/**
 * Cases in the period per 10,000 of them, to one decimal place.
 */
cases_per_10000_women: string | null, };

export type PopulationInput = { panel_id: string, 
/**
 * "112,400" or "112400".
 */
women_16_plus: string, 
/**
 * e.g. "ONS mid-2024 estimate".
 */
source: string, };

export type TransferRequest = { case_id: string, 
/**
 * The receiving panel, as it is named there ("Northtown MARAC").
 */
to_panel: string, passphrase: string, confirm: string, };

export type ReceiveRequest = { panel_id: string, passphrase: string, };

export type ReceiptRequest = { passphrase: string, };

export type Received = { case: CaseDetail, receipt_file_name: string, receipt: Array<number>, };

export type ReceiptRecorded = { case_id: string, received_by_panel: string, reference: string, };

export type TimelineEntry = { 
/**
 * When it happened: a date (YYYY-MM-DD) or a time (RFC 3339).
 */
at: string, case_reference: string, 
/**
 * referral, status, hearing, risk, outcome, action, action_update,
 * repeat, edited, subject_access
 */
kind: string, text: string, recorded_by: string, };

export type ReportRequest = { "kind": "statistics_pdf", request: StatisticsRequest, } | { "kind": "statistics_csv", request: StatisticsRequest, } | { "kind": "late_actions", panel_id: string | null, } | { "kind": "subject_access", case_id: string, } | { "kind": "safelives_return_csv", request: StatisticsRequest, } | { "kind": "safelives_return_xlsx", request: StatisticsRequest, };

export type ChangePassphraseInput = { current_passphrase: string, new_passphrase: string, confirm_passphrase: string, };

export type BackupInput = { folder: string, passphrase: string, confirm_passphrase: string, };

export type RestoreInput = { file: string, backup_passphrase: string, current_passphrase: string, };

export type BackupSummary = { 
/**
 * The backup's audit log head: note it down; the restored data's log
 * must still hold it.
 */
head: AuditAnchor | null, file: string, 
/**
 * When the backup was made (from its own audit log).
 */
made_at: string | null, cases: number, meetings: number, };

export type LockReason = { "kind": "by_user" } | { "kind": "idle", minutes: number, };

export type AuditEntry = { seq: number, at: string, actor: string | null, action: string, entity: string, entity_id: string | null, detail: string | null, };

export type AuditAnchor = { seq: number, hash: string, };

export type AuditPage = { entries: Array<AuditEntry>, total: number, };

export type AuditVerification = { 
/**
 * Entries checked.
 */
entries: number, intact: boolean, 
/**
 * The first entry that does not match the chain (or an anchor), if any.
 */
first_bad_seq: number | null, 
/**
 * How many anchors kept outside the database were checked.
 */
anchors_checked: number, 
/**
 * The chain's head now, to note down.
 */
head: AuditAnchor | null, 
/**
 * In words, for the screen.
 */
message: string, };

export type DueCase = { id: string, reference: string, subject_name: string, panel_name: string, 
/**
 * YYYY-MM-DD
 */
closed_on: string, 
/**
 * YYYY-MM-DD: the day the retention period ended.
 */
due_on: string, retention_years: number, };

export type DeleteDueInput = { case_ids: Array<string>, };

export type DeletedCases = { deleted: number, };

export type Style = "regular" | "bold" | "italic";

export type Column = { title: string, 
/**
 * Share of the page's width (the shares of a table need not sum to 1).
 */
share: number, };

export type Block = { "type": "heading", level: number, text: string, } | { "type": "paragraph", text: string, style: Style, } | { "type": "key_value", pairs: Array<[string, string]>, } | { "type": "table", columns: Array<Column>, rows: Array<Array<string>>, } | { "type": "page_break" };

export type Document = { 
/**
 * "Minutes" or "Action plan: Children's Social Care".
 */
title: string, 
/**
 * Shown beside the title on every page, e.g. "Lowbridge Youth MARAC, 4 December 2026".
 */
subtitle: string, 
/**
 * The protective marking, top and bottom of every page.
 */
marking: string, 
/**
 * The PDF's author (the panel).
 */
author: string, 
/**
 * A "DRAFT" mark on every page.
 */
draft: boolean, 
/**
 * Creation time, seconds since 1970 (UTC).
 */
created_unix: number, 
/**
 * A line at the foot of every page, left of the page number (empty for
 * none): exported documents carry the audit log's anchor here.
 */
footer: string, 
/**
 * The PDF's keywords (metadata), e.g. the full audit anchor.
 */
keywords: Array<string>, blocks: Array<Block>, };
