// A panel form's values as typed (numbers as text), and their conversion to
// the PanelInput the core validates.
import type { FieldError, Panel, PanelInput } from "./bindings";
import { parseWholeNumber } from "./errors";

export type PanelDraft = Omit<PanelInput, "meeting_minutes" | "minutes_per_case" | "repeat_window_months"> & {
  meeting_minutes: string;
  minutes_per_case: string;
  repeat_window_months: string;
};

export function toDraft(input: PanelInput | Panel): PanelDraft {
  return {
    name: input.name,
    kind: input.kind,
    meeting_minutes: String(input.meeting_minutes),
    minutes_per_case: String(input.minutes_per_case),
    confidentiality_statement: input.confidentiality_statement,
    protective_marking: input.protective_marking,
    repeat_window_months: String(input.repeat_window_months),
  };
}

const NUMBER_FIELDS = [
  ["meeting_minutes", "Meeting length must be a whole number of minutes, like 180."],
  ["minutes_per_case", "Minutes per case must be a whole number, like 12."],
  ["repeat_window_months", "Repeat window must be a whole number of months, like 12."],
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
    },
  };
}
