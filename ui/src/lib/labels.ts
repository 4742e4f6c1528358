// Words the panels themselves use for each enum value.
import type { PanelKind, Sector, UserRole } from "./bindings";

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

export function options<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}
