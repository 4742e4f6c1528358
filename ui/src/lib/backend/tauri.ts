// The Backend over Tauri IPC: each method is one command in
// src-tauri/src/commands/. Argument names are camelCase here; Tauri maps them
// to the commands' snake_case parameters.
import { invoke } from "@tauri-apps/api/core";
import type { Backend } from "./index";
import { toApiError } from "./index";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    throw toApiError(err);
  }
}

export const tauriBackend: Backend = {
  appStatus: () => call("app_status"),
  setUp: (input) => call("set_up", { input }),
  unlock: (passphrase) => call("unlock", { passphrase }),
  lock: () => call("lock"),

  listPanels: () => call("list_panels"),
  newPanelDefaults: (kind) => call("new_panel_defaults", { kind }),
  createPanel: (input) => call("create_panel", { input }),
  updatePanel: (id, input) => call("update_panel", { id, input }),
  setPanelArchived: (id, archived) => call("set_panel_archived", { id, archived }),
  setPanelMembership: (panelId, agencyId, member) =>
    call("set_panel_membership", { panelId, agencyId, member }),

  listAgencies: () => call("list_agencies"),
  createAgency: (input) => call("create_agency", { input }),
  updateAgency: (id, input) => call("update_agency", { id, input }),
  setAgencyArchived: (id, archived) => call("set_agency_archived", { id, archived }),

  loadDemoData: () => call("load_demo_data"),
};
