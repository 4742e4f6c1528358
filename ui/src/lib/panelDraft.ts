// A panel form's values as typed (numbers as text), and their conversion to
// the PanelInput the core validates.
import type { FieldError, Panel, PanelInput } from "./bindings";
import { parseWholeNumber } from "./errors";

type NumberField = "meeting_minutes" | "minutes_per_case" | "repeat_window_months" | "idle_lock_minutes" | "retention_years";

export type PanelDraft = Omit<PanelInput, NumberField> & Record<NumberField, string>;

export function toDraft(input: PanelInput | Panel): PanelDraft {
  return {
    name: input.name,
    kind: input.kind,
    meeting_minutes: String(input.meeting_minutes),
    minutes_per_case: String(input.minutes_per_case),
    confidentiality_statement: input.confidentiality_statement,
    protective_marking: input.protective_marking,
    repeat_window_months: String(input.repeat_window_months),
    idle_lock_minutes: String(input.idle_lock_minutes),
    retention_years: String(input.retention_years),
  };
}

const NUMBER_FIELDS = [
  ["meeting_minutes", "Meeting length must be a whole number of minutes, like 180."],
  ["minutes_per_case", "Minutes per case must be a whole number, like 12."],
  ["repeat_window_months", "Repeat window must be a whole number of months, like 12."],
  ["idle_lock_minutes", "Idle lock must be a whole number of minutes, like 10."],
  ["retention_years", "Retention must be a whole number of years, like 6."],
] as const;

/** The input to send, or the number fields that are not whole numbers. */
export function fromDraft(draft: PanelDraft): { input: PanelInput } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const numbers: Record<string, number> = {};
  for (const [field, message] of NUMBER_FIELDS) {
    const value = parseWholeNumber(draft[field]);
    if (value === null) errors.push({ field, message });
    else numbers[field] = value;
  }
  if (errors.length) return { errors };
  return {
    input: {
      ...draft,
      meeting_minutes: numbers.meeting_minutes ?? 0,
      minutes_per_case: numbers.minutes_per_case ?? 0,
      repeat_window_months: numbers.repeat_window_months ?? 0,
      idle_lock_minutes: numbers.idle_lock_minutes ?? 0,
      retention_years: numbers.retention_years ?? 0,
    },
  };
}
