// Requests to the Roundtable server: JSON in and out, the session in its
// cookie, and the `X-Roundtable` header the server requires of every change
// (a cross-site form cannot send it). A refusal arrives as the server's
// `{code, message, fields}`; anything else as a clear ApiError.
import type { ApiError } from "../bindings";
import { toApiError } from "../backend";

const ended = new Set<() => void>();

/** Calls `handler` when the server says the session has ended; returns the unsubscribe. */
export function onSessionEnded(handler: () => void): () => void {
  ended.add(handler);
  return () => ended.delete(handler);
}

const UNREACHABLE: ApiError = {
  code: "storage",
  message: "Roundtable's server could not be reached. Check the connection and try again.",
  fields: [],
};

async function refusal(response: Response, quiet: boolean): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON: a proxy's page, or the connection dropped.
  }
  const err = body ? toApiError(body) : { ...UNREACHABLE, message: `The server answered ${response.status}. Try again.` };
  if (err.code === "not_signed_in" && !quiet) for (const handler of [...ended]) handler();
  return err;
}

/**
 * Sends a request; rejects with an ApiError on any refusal. A refusal for
 * want of a session tells the screens the session has ended, unless
 * `quiet` (asking whether there is a session at all).
 */
export async function send(path: string, init: RequestInit = {}, quiet = false): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      credentials: "same-origin",
      headers: { "x-roundtable": "1", ...(init.headers ?? {}) },
    });
  } catch {
    throw UNREACHABLE;
  }
  if (!response.ok) throw await refusal(response, quiet);
  return response;
}

/** A JSON request and its JSON answer (none for 204). */
export async function json<T>(path: string, method: string, body?: unknown, quiet = false): Promise<T> {
  const response = await send(
    path,
    {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    },
    quiet,
  );
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** One of the core's commands, as the desktop would invoke it. */
export function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  return json<T>(`/api/call/${command}`, "POST", args ?? {});
}
