// The Backend over Tauri IPC: each method is one command in
// src-tauri/src/commands/. Argument names are camelCase here; Tauri maps them
// to the commands' snake_case parameters.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { getCurrentWindow } from "@tauri-apps/api/window";
import type { AgencyColumn, ImportChoices } from "../bindings";
import type { Backend } from "./index";
import { toApiError } from "./index";
import { storeCommands } from "./commands";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (err) {
    throw toApiError(err);
  }
}

/** Sends a file's bytes as the raw request body; details go in headers. */
async function upload<T>(
  command: string,
  panelId: string,
  fileName: string,
  bytes: Uint8Array,
  choices: ImportChoices | null,
): Promise<T> {
  try {
    return await invoke<T>(command, bytes, {
      headers: {
        "x-panel-id": panelId,
        "x-file-name": encodeURIComponent(fileName),
        "x-choices": choices ? encodeURIComponent(JSON.stringify(choices)) : "",
      },
    });
  } catch (err) {
    throw toApiError(err);
  }
}

/** A transfer's file as the raw request body, its details as JSON in a header. */
async function sendFile<T>(command: string, bytes: Uint8Array, details: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, bytes, { headers: { "x-request": encodeURIComponent(JSON.stringify(details)) } });
  } catch (err) {
    throw toApiError(err);
  }
}

/** An agency list's bytes as the raw request body, like `upload`. */
async function uploadAgencies<T>(
  command: string,
  fileName: string,
  bytes: Uint8Array,
  columns: AgencyColumn[] | null,
  panelId: string | null,
): Promise<T> {
  try {
    return await invoke<T>(command, bytes, {
      headers: {
        "x-file-name": encodeURIComponent(fileName),
        "x-columns": columns ? encodeURIComponent(JSON.stringify(columns)) : "",
        "x-panel-id": panelId ?? "",
      },
    });
  } catch (err) {
    throw toApiError(err);
  }
}

export const tauriBackend: Backend = {
  ...storeCommands(call),
  platform: "desktop",
  // One window writes; the projector reads the meeting every second.
  onMeetingChanged: () => () => undefined,
  appStatus: () => call("app_status"),
  firstScreenShown: () => call("first_screen_shown"),
  setUp: (input) => call("set_up", { input }),
  unlock: (passphrase) => call("unlock", { passphrase }),
  lock: (reason) => call("lock", { reason }),
  idleLockMinutes: () => call("idle_lock_minutes"),
  changePassphrase: (input) => call("change_passphrase", { input }),
  chooseBackupFolder: () => call("choose_backup_folder"),
  chooseBackupFile: () => call("choose_backup_file"),
  backUp: (input) => call("back_up", { input }),
  restoreBackup: (input) => call("restore_backup", { input }),
  noteInput: () => call("note_input"),
  onLocked: (handler) => {
    const stop = listen("roundtable://locked", () => handler());
    return () => void stop.then((unlisten) => unlisten());
  },
  loadDemoData: () => call("load_demo_data"),
  transferCase: (request, folder) => call("transfer_case", { request, folder, replace: false }),
  receiveTransfer: (bytes, request, folder) => sendFile("receive_transfer", bytes, { ...request, folder }),
  closeTransfer: (bytes, request) => sendFile("close_transfer", bytes, { ...request }),
  exportReport: (request, folder, replace, encryption) => call("export_report", { request, folder, replace, encryption: encryption ?? null }),
  about: () => call("about"),
  openFile: (path) => call("open_file", { path }),
  showInFolder: (path) => call("show_in_folder", { path }),
  setTitle: async (title) => {
    try {
      await getCurrentWindow().setTitle(title);
    } catch {
      // A title is a nicety: never let it break a screen.
    }
  },
  openProjector: (meetingId) => call("open_projector", { meetingId }),
  projectorView: () => call("projector_view"),
  defaultExportFolder: () => call("default_export_folder"),
  chooseExportFolder: () => call("choose_export_folder"),
  exportPlan: (meetingId, folder) => call("export_plan", { meetingId, folder }),
  exportMinutes: (meetingId, folder, replace, encryption) =>
    call("export_minutes", { meetingId, folder, replace, encryption: encryption ?? null }),
  exportActionPlan: (meetingId, agencyId, folder, replace, encryption) =>
    call("export_action_plan", { meetingId, agencyId, folder, replace, encryption: encryption ?? null }),
  onMenu: (handler) => {
    const stop = listen<string>("menu", (event) => handler(event.payload));
    return () => void stop.then((unlisten) => unlisten());
  },
  importPreview: (panelId, fileName, bytes, choices) => upload("import_preview", panelId, fileName, bytes, choices),
  importCommit: (panelId, fileName, bytes, choices) => upload("import_commit", panelId, fileName, bytes, choices),
  agencyImportPreview: (fileName, bytes, columns) => uploadAgencies("agency_import_preview", fileName, bytes, columns, null),
  agencyImportCommit: (fileName, bytes, columns, panelId) => uploadAgencies("agency_import_commit", fileName, bytes, columns, panelId),
};
