// The Backend over HTTPS to a Roundtable server (the UI's web build): the
// store's commands go to /api/call/<command> with the desktop's names and
// arguments; what the desktop does with folders and windows becomes what a
// browser does: files are downloaded and uploaded, the projector is a page
// of its own, and locking is signing out. The server's account, not a
// local passphrase, opens the data.
import type { AgencyColumn, AppStatus, ImportChoices, Received, ReportRequest, WrittenFile } from "../bindings";
import type { Backend } from "./index";
import { storeCommands } from "./commands";
import { call, json, onSessionEnded, send } from "../web/http";
import { currentSession, lastSession, noteSignOutReason, signOut, statusOf } from "../web/session";

const SIGNED_OUT: AppStatus = statusOf(null);

async function status(): Promise<AppStatus> {
  return statusOf(await currentSession());
}

/** Not offered in a browser: the server's administrator does these on the server. */
function onTheServer(what: string): Promise<never> {
  return Promise.reject({ code: "forbidden", message: `${what} is done on the server by its administrator.`, fields: [] });
}

/** The file name the server gave (`filename*=UTF-8''...`). */
function fileName(response: Response, fallback: string): string {
  const disposition = response.headers.get("content-disposition") ?? "";
  const match = /filename\*=UTF-8''([^;]+)/.exec(disposition);
  return match?.[1] ? decodeURIComponent(match[1]) : fallback;
}

/** Hands a file to the browser to save. */
function save(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Asks the server for a document and hands it to the browser to save. */
async function download(wanted: Record<string, unknown>): Promise<WrittenFile> {
  const response = await send("/api/download", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(wanted),
  });
  const blob = await response.blob();
  const name = fileName(response, "roundtable.pdf");
  save(blob, name);
  // A password the server made for an encrypted copy: shown once, never kept.
  const password = response.headers.get("x-roundtable-password");
  return { file_name: name, path: "", bytes: blob.size, password };
}

/** A list's bytes as the body, its details in headers (as the desktop's IPC). */
async function upload<T>(command: string, bytes: Uint8Array, headers: Record<string, string>): Promise<T> {
  const response = await send(`/api/upload/${command}`, {
    method: "POST",
    headers: { "content-type": "application/octet-stream", ...headers },
    body: new Blob([bytes as BlobPart]),
  });
  return (await response.json()) as T;
}

const encode = (value: unknown) => (value == null ? "" : encodeURIComponent(typeof value === "string" ? value : JSON.stringify(value)));

function listHeaders(fileName: string, panelId: string | null, extra: Record<string, string>) {
  return { "x-file-name": encode(fileName), "x-panel-id": panelId ?? "", ...extra };
}

/** The projector page names its meeting in its address (`?view=projector&meeting=`). */
function projectorMeeting(): string | null {
  return new URLSearchParams(window.location.search).get("meeting");
}

/**
 * Follows a meeting's events. The browser reconnects a dropped stream by
 * itself (the server ends each after a few minutes, or may be restarting);
 * a stream refused outright (signed out) is opened again after a pause, and
 * the re-read that follows finds out why. Each return reads again.
 */
function follow(meetingId: string, handler: () => void, connection?: (connected: boolean) => void): () => void {
  let source: EventSource | null = null;
  let lost = false;
  let stopped = false;
  let retry: ReturnType<typeof setTimeout> | undefined;
  const open = () => {
    source = new EventSource(`/api/events?meeting=${encodeURIComponent(meetingId)}`);
    source.addEventListener("changed", () => handler());
    source.onopen = () => {
      if (!lost) return;
      lost = false;
      connection?.(true);
      handler();
    };
    source.onerror = () => {
      if (!lost) {
        lost = true;
        connection?.(false);
      }
      if (source?.readyState === EventSource.CLOSED && !stopped) {
        handler();
        retry = setTimeout(open, 2000);
      }
    };
  };
  open();
  return () => {
    stopped = true;
    clearTimeout(retry);
    source?.close();
  };
}

export const webBackend: Backend = {
  ...storeCommands(call),
  platform: "web",
  appStatus: status,
  firstScreenShown: async () => undefined,
  setUp: () => onTheServer("Setting up"),
  unlock: () => status(),
  lock: async (reason) => {
    await signOut().catch(() => undefined);
    if (reason.kind === "idle") noteSignOutReason(`You were signed out after ${reason.minutes} minutes without use. Sign in again to go on.`);
    return SIGNED_OUT;
  },
  idleLockMinutes: async () => lastSession()?.idleMinutes ?? 30,
  changePassphrase: () => onTheServer("Changing the passphrase"),
  chooseBackupFolder: async () => null,
  chooseBackupFile: async () => null,
  backUp: () => onTheServer("Backing up"),
  restoreBackup: () => onTheServer("Restoring"),
  // Every request keeps the server's session alive; typing saves as it goes.
  noteInput: async () => undefined,
  onLocked: (handler) =>
    onSessionEnded(() => {
      noteSignOutReason("Your session ended (signed out elsewhere, timed out, or the account was disabled). Sign in again to go on.");
      handler();
    }),
  loadDemoData: () => onTheServer("Loading the demo"),
  transferCase: (request) => download({ kind: "transfer", request }),
  receiveTransfer: async (bytes, request) => {
    const received = await upload<Received>("receive_transfer", bytes, { "x-request": encode(request) });
    save(new Blob([new Uint8Array(received.receipt)]), received.receipt_file_name);
    return received;
  },
  closeTransfer: (bytes, request) => upload("close_transfer", bytes, { "x-request": encode(request) }),
  exportReport: (request: ReportRequest, _folder, _replace, encryption) => download({ kind: "report", request, encryption: encryption ?? null }),
  about: () => json("/api/about", "GET"),
  openFile: () => onTheServer("Opening a file"),
  showInFolder: () => onTheServer("Showing a folder"),
  setTitle: async (title) => {
    document.title = title;
  },
  openProjector: async (meetingId) => {
    window.open(`/?view=projector&meeting=${encodeURIComponent(meetingId)}`, "_blank", "noopener");
  },
  projectorView: async () => {
    const meetingId = projectorMeeting();
    return meetingId ? call("projector_view_of", { meetingId }) : null;
  },
  defaultExportFolder: async () => "",
  chooseExportFolder: async () => null,
  exportPlan: (meetingId) => call("export_files", { meetingId }),
  exportMinutes: (meetingId, _folder, _replace, encryption) => download({ kind: "minutes", meetingId, encryption: encryption ?? null }),
  exportActionPlan: (meetingId, agencyId, _folder, _replace, encryption) =>
    download({ kind: "action_plan", meetingId, agencyId, encryption: encryption ?? null }),
  onMenu: () => () => undefined,
  onMeetingChanged: (meetingId, handler, connection) => follow(meetingId, handler, connection),
  importPreview: (panelId, fileName, bytes, choices: ImportChoices | null) =>
    upload("import_preview", bytes, listHeaders(fileName, panelId, { "x-choices": encode(choices) })),
  importCommit: (panelId, fileName, bytes, choices) =>
    upload("import_commit", bytes, listHeaders(fileName, panelId, { "x-choices": encode(choices) })),
  agencyImportPreview: (fileName, bytes, columns: AgencyColumn[] | null) =>
    upload("agency_import_preview", bytes, listHeaders(fileName, null, { "x-columns": encode(columns) })),
  agencyImportCommit: (fileName, bytes, columns, panelId) =>
    upload("agency_import_commit", bytes, listHeaders(fileName, panelId, { "x-columns": encode(columns) })),
};

