// The cockpit's keyboard shortcuts: single keys, so none may fire while the
// user is typing text. The same list feeds the in-app reference screen.

export interface Shortcut {
  keys: string;
  /** The aria-keyshortcuts value for the control it triggers. */
  aria: string;
  what: string;
}

export const COCKPIT_SHORTCUTS: Shortcut[] = [
  { keys: "N", aria: "N", what: "Next agenda item" },
  { keys: "B", aria: "B", what: "Back to the previous agenda item" },
  { keys: "1 – 99", aria: "1", what: "Jump to agenda item by its number (type the number)" },
  { keys: "G", aria: "G", what: "Go to the agenda list to choose an item" },
  { keys: "T", aria: "T", what: "Start or pause the item timer" },
  { keys: "S", aria: "S", what: "Information sharing: pick an agency by typing its short code or name" },
  { keys: "K", aria: "K", what: "Mark the agency being heard as \"not known to us\"" },
  { keys: "A", aria: "A", what: "Focus the action line (agency, action, due date, officer; Enter adds it)" },
  { keys: "P", aria: "P", what: "Open the projector window (the shared screen); also Ctrl+Shift+P or the Meeting menu" },
  { keys: "?", aria: "Shift+?", what: "Show this list of shortcuts (also Ctrl+/)" },
  { keys: "Esc", aria: "Escape", what: "Leave the text field you are typing in, so shortcuts work again" },
  { keys: "Ctrl+L", aria: "Control+L", what: "Lock Roundtable" },
];

/** Whether a key press is typing (into a text field, a text area, a select or anything editable). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !["checkbox", "radio", "button", "submit", "reset", "file", "range", "color"].includes(target.type);
  }
  return target.getAttribute("role") === "combobox";
}

/** A plain key press (no Ctrl, Alt or Meta) outside a text field. */
export function isShortcut(event: KeyboardEvent): boolean {
  return !event.ctrlKey && !event.altKey && !event.metaKey && !event.isComposing && !isTyping(event.target);
}
