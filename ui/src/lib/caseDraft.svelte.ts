// A case form's values as typed (numbers and lists as text), and their
// conversion to the CaseInput the core validates.
import type { CaseInput, FieldError } from "./bindings";
import { parseWholeNumber } from "./errors";

export type CaseDraft = Omit<CaseInput, "aliases" | "approximate_age" | "children_count"> & {
  aliases: string;
  approximate_age: string;
  children_count: string;
};

export function toCaseDraft(input: CaseInput): CaseDraft {
  // `input` may be reactive state (a proxy), which structuredClone refuses.
  const plain = $state.snapshot(input) as CaseInput;
  return {
    ...plain,
    aliases: input.aliases.join(", "),
    approximate_age: input.approximate_age === null ? "" : String(input.approximate_age),
    children_count: String(input.children_count),
  };
}

export function fromCaseDraft(draft: CaseDraft): { input: CaseInput } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const age = draft.approximate_age.trim() === "" ? null : parseWholeNumber(draft.approximate_age);
  if (draft.approximate_age.trim() !== "" && age === null)
    errors.push({ field: "approximate_age", message: "Approximate age must be a whole number of years, like 15." });
  const children = draft.children_count.trim() === "" ? 0 : parseWholeNumber(draft.children_count);
  if (children === null) errors.push({ field: "children_count", message: "Number of children must be a whole number, like 2." });
  if (errors.length) return { errors };
  return {
    input: {
      ...($state.snapshot(draft) as CaseDraft),
      aliases: draft.aliases.split(",").map((a) => a.trim()).filter(Boolean),
      approximate_age: age,
      children_count: children ?? 0,
    },
  };
}
