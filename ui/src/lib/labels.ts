// Words the panels themselves use for each enum value.
import type {
  AccountRole,
  ActionStatus,
  HearingOutcome,
  Rag,
  RiskLevel,
  ShareState,
  AgendaItemKind,
  AttendanceStatus,
  PanelKind,
  Sector,
  UserRole,
  CaseStatus,
  Consent,
  Ethnicity,
  Gender,
  ImportField,
  MeetingKind,
  ReferralRoute,
  Relationship,
  YesNoUnknown,
  AgencyField,
  ChildRelationship,
  LawfulGround,
  PerpetratorRelationship,
} from "./bindings";

export const PANEL_KINDS: Record<PanelKind, string> = {
  marac: "MARAC",
  youth_marac: "Youth MARAC",
  mace: "MACE / MET panel",
  offender_management: "Offender management panel",
  other: "Other panel",
};

export const SECTORS: Record<Sector, string> = {
  police: "Police",
  childrens_social_care: "Children's social care",
  adult_social_care: "Adult social care",
  health: "Health",
  mental_health: "Mental health",
  housing: "Housing",
  probation: "Probation",
  youth_offending: "Youth offending service",
  education: "Education",
  substance_misuse: "Substance misuse",
  voluntary_sector: "Voluntary sector",
  advocacy: "Advocacy / IDVA",
  other: "Other",
};

export const ROLES: Record<UserRole, string> = {
  chair: "Chair",
  coordinator: "Coordinator or minute-taker",
  other: "Other",
};

export const ACCOUNT_ROLES: Record<AccountRole, string> = {
  administrator: "Administrator",
  coordinator: "Coordinator",
  chair: "Chair",
  minute_taker: "Minute-taker",
  agency: "Agency representative",
};

export function options<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

export const CASE_STATUSES: Record<CaseStatus, string> = {
  referred: "Referred: awaiting triage",
  accepted: "Accepted onto an agenda",
  redirected: "Redirected",
  deferred: "Deferred",
  heard: "Heard",
  under_review: "Under review",
  closed: "Closed",
};

export const ROUTES: Record<ReferralRoute, string> = {
  automatic: "Automatic, by incident type (e.g. stabbing, shooting)",
  risk_score: "Risk score over the threshold (e.g. DASH)",
  professional_judgement: "Professional judgement",
  escalation: "Escalation (e.g. 3 incidents in 12 months)",
  repeat: "Repeat referral",
};

export const CONSENTS: Record<Consent, string> = {
  given: "Given",
  not_given: "Not given: sharing on a lawful ground",
  not_sought: "Not sought",
};

export const GENDERS: Record<Gender, string> = {
  female: "Female",
  male: "Male",
  non_binary: "Non-binary",
  self_described: "Self-described",
  not_known: "Not known",
};

export const PERPETRATOR_RELATIONSHIPS: Record<PerpetratorRelationship, string> = {
  current_partner: "Current partner",
  former_partner: "Former partner",
  family_member: "Family member",
  other: "Other",
};

export const CHILD_RELATIONSHIPS: Record<ChildRelationship, string> = {
  child: "Child",
  stepchild: "Stepchild",
  grandchild: "Grandchild",
  sibling: "Sibling",
  other_relative: "Other relative",
  none: "No relation",
  not_known: "Not known",
};

export const LAWFUL_GROUNDS: Record<LawfulGround, string> = {
  risk_of_serious_harm: "Risk of serious harm",
  prevention_or_detection_of_crime: "Prevention or detection of crime",
  child_protection: "Child protection",
  public_interest: "Public interest",
  vital_interests: "Vital interests (life at risk)",
};

export const YES_NO: Record<YesNoUnknown, string> = { yes: "Yes", no: "No", not_known: "Not known" };

// The 2021 census ethnic groups for England and Wales, in the census's order.
export const ETHNICITIES: Record<Ethnicity, string> = {
  asian_bangladeshi: "Asian: Bangladeshi",
  asian_chinese: "Asian: Chinese",
  asian_indian: "Asian: Indian",
  asian_pakistani: "Asian: Pakistani",
  asian_other: "Asian: any other Asian background",
  black_african: "Black: African",
  black_caribbean: "Black: Caribbean",
  black_other: "Black: any other Black, Black British or Caribbean background",
  mixed_white_asian: "Mixed: White and Asian",
  mixed_white_black_african: "Mixed: White and Black African",
  mixed_white_black_caribbean: "Mixed: White and Black Caribbean",
  mixed_other: "Mixed: any other mixed or multiple ethnic background",
  white_british: "White: English, Welsh, Scottish, Northern Irish or British",
  white_irish: "White: Irish",
  white_gypsy_irish_traveller: "White: Gypsy or Irish Traveller",
  white_roma: "White: Roma",
  white_other: "White: any other White background",
  other_arab: "Other: Arab",
  other_any: "Other: any other ethnic group",
  not_stated: "Not stated",
};

export const RELATIONSHIPS: Record<Relationship, string> = {
  perpetrator: "Perpetrator",
  peer: "Peer",
  sibling: "Sibling",
  associate: "Associate",
  parent: "Parent or carer",
  other: "Other",
};

export const MEETING_KINDS: Record<MeetingKind, string> = {
  scheduled: "Scheduled panel meeting",
  emergency: "Emergency panel",
  triage: "Triage meeting",
};

export const AGENDA_KINDS: Record<AgendaItemKind, string> = {
  introductions: "Introductions",
  action_review: "Action review",
  new_case: "New case",
  review_case: "Review case",
  anniversary_notice: "For notice",
  triage: "Triage",
  other_business: "Other business",
};

/** "2026-03-14" as "14 Mar 2026"; anything else as it is. */
export function ukDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  return `${Number(m[3])} ${months[Number(m[2]) - 1] ?? ""} ${m[1]}`;
}

/** Minutes as "2 h 05 min". */
export function duration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h ? `${h} h ${String(m).padStart(2, "0")} min` : `${m} min`;
}


export const IMPORT_FIELDS: Record<ImportField, string> = {
  subject_name: "Name (whole)",
  forename: "Forename(s)",
  middle_name: "Middle name(s)",
  surname: "Surname",
  aliases: "Aliases",
  date_of_birth: "Date of birth",
  approximate_age: "Approximate age",
  gender: "Gender",
  ethnicity: "Ethnicity",
  disability: "Disability",
  lgbt: "LGBT+",
  address: "Address",
  postcode: "Postcode",
  school: "School or setting",
  referring_agency: "Referring agency",
  referring_officer: "Referring officer",
  referral_date: "Referral date",
  referral_route: "Referral route",
  referral_reason: "Reason for referral",
  concerns: "Categories of concern",
  consent: "Consent",
  lawful_ground: "Lawful ground",
  children_count: "Children in household",
  children_details: "About the children",
  lead_professional: "Lead professional",
  dash_score: "Dash score",
};

export const AGENCY_FIELDS: Record<AgencyField, string> = {
  name: "Agency name",
  short_code: "Short code",
  sector: "Sector",
  secure_email: "Secure email",
  representative_name: "Representative's name",
  representative_role: "Representative's role",
  representative_email: "Representative's email",
};

export const ATTENDANCE: Record<AttendanceStatus, string> = {
  present: "Present",
  apologies: "Apologies",
  sent_in_writing: "Sent information in writing",
  absent: "Absent",
};

export const SHARE_STATES: Record<ShareState, string> = {
  known: "Known to us",
  not_known: "Not known to us",
  not_present: "Not present",
  sent_in_writing: "Sent in writing",
};

export const RISK_LEVELS: Record<RiskLevel, string> = {
  standard: "Standard",
  medium: "Medium",
  high: "High",
};

export const RAGS: Record<Rag, string> = { red: "Red", amber: "Amber", green: "Green" };

export const OUTCOMES: Record<HearingOutcome, string> = {
  continue: "Continue, with a review date",
  close: "Close",
  escalate: "Escalate",
  redirect: "Redirect to another panel or service",
  defer: "Defer to a later meeting",
};

export const ACTION_STATUSES: Record<ActionStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  not_done_circumstances: "Not done: circumstances changed",
  not_done_agency: "Not done by the agency",
};

/** 1..3 on the 3 x 3 matrix. */
export const LIKELIHOODS = ["Unlikely", "Possible", "Likely"];
export const IMPACTS = ["Low", "Moderate", "Serious"];

/** Seconds as "m:ss" (or "h:mm:ss"). */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${rest}` : `${m}:${rest}`;
}
