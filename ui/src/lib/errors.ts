// Helpers to show an ApiError the GOV.UK way: beside each field and in a summary.
import type { ApiError, FieldError } from "./bindings";

/** The message for one field, if the error names it. */
export function fieldError(error: ApiError | null, field: string): string | undefined {
  return error?.fields.find((f) => f.field === field)?.message;
}

/** What the error summary lists: each field error, or the error itself. */
export function summaryItems(error: ApiError | null): FieldError[] {
  if (!error) return [];
  return error.fields.length ? error.fields : [{ field: "", message: error.message }];
}

/** The id of the input for a field, so summary links can move focus to it. */
export function inputId(prefix: string, field: string): string {
  return `${prefix}-${field.replaceAll(".", "-")}`;
}

/** Parses a whole number typed into a text box; `null` if it is not one. */
export function parseWholeNumber(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{1,6}$/.test(trimmed)) return null;
  return Number(trimmed);
}

/** The error shown when typed numbers are not whole numbers (checked before saving). */
export function numbersError(fields: FieldError[]): ApiError {
  return { code: "validation", message: "Check the numbers.", fields };
}
