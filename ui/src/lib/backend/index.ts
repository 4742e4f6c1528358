// The one way the UI talks to Rust. Screens call `backend()`; the desktop app
// installs the Tauri implementation, component tests install the fake.
import type {
  Agency,
  AgencyInput,
  ApiError,
  AppStatus,
  Panel,
  PanelInput,
  PanelKind,
  SetupInput,
} from "../bindings";

export interface Backend {
  appStatus(): Promise<AppStatus>;
  setUp(input: SetupInput): Promise<AppStatus>;
  unlock(passphrase: string): Promise<AppStatus>;
  lock(): Promise<AppStatus>;

  listPanels(): Promise<Panel[]>;
  newPanelDefaults(kind: PanelKind): Promise<PanelInput>;
  createPanel(input: PanelInput): Promise<Panel>;
  updatePanel(id: string, input: PanelInput): Promise<Panel>;
  setPanelArchived(id: string, archived: boolean): Promise<Panel>;
  setPanelMembership(panelId: string, agencyId: string, member: boolean): Promise<Panel>;

  listAgencies(): Promise<Agency[]>;
  createAgency(input: AgencyInput): Promise<Agency>;
  updateAgency(id: string, input: AgencyInput): Promise<Agency>;
  setAgencyArchived(id: string, archived: boolean): Promise<Agency>;

  loadDemoData(): Promise<void>;
}

let current: Backend | undefined;

export function useBackend(impl: Backend): void {
  current = impl;
}

export function backend(): Backend {
  if (!current) throw new Error("No backend installed");
  return current;
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === "object" &&
    value !== null &&
    "code" in value &&
    "message" in value &&
    typeof (value as { message: unknown }).message === "string"
  );
}

/** Anything a backend call rejects with, as an ApiError the screens can show. */
export function toApiError(err: unknown): ApiError {
  if (isApiError(err)) {
    return { code: err.code, message: err.message, fields: Array.isArray(err.fields) ? err.fields : [] };
  }
  return {
    code: "storage",
    message: "Roundtable could not do that. Try again; if it keeps happening, restart Roundtable.",
    fields: [],
  };
}
