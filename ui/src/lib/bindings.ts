// Generated from the Rust types in src-tauri/crates/core by `bindings::typescript()`.
// Do not edit: change the Rust type, then run
//   UPDATE_BINDINGS=1 cargo test -p roundtable-core bindings

export type ErrorCode = "validation" | "wrong_passphrase" | "not_set_up" | "already_set_up" | "locked" | "already_open" | "newer_schema" | "not_found" | "conflict" | "storage" | "io";

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
repeat_window_months: number, };

export type Panel = { id: string, name: string, kind: PanelKind, meeting_minutes: number, minutes_per_case: number, confidentiality_statement: string, protective_marking: string, repeat_window_months: number, archived: boolean, 
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
