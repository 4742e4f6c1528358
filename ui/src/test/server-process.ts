// Starting and stopping `roundtable-server` for the component tests, and the
// one plumbing the tests add: Node's fetch given what a browser has
// (the page's address, a cookie jar). Nothing here knows a rule of the core.
import { spawn, type ChildProcess } from "node:child_process";
import { createServer, connect } from "node:net";

/** The account every test signs in as. */
export const COORDINATOR = { username: "yusuf", name: "Yusuf Ali", password: "violet harbour kettle lantern" };
/** The login role the servers connect as: granted only roundtable_app, as in a borough. */
export const SERVER_ROLE = "rt_ui_server";

export function connectionSettings(database: string, user: string, password: string): string {
  return `host=${process.env.PGHOST ?? ""} port=${process.env.PGPORT ?? ""} dbname=${database} user=${user} password=${password}`;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
}

/** `roundtable-server serve` on `database`, on a free port; resolves once it listens. */
export async function startServer(binary: string, database: string, data: string): Promise<RunningServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    binary,
    ["serve", "--database", connectionSettings(database, SERVER_ROLE, "ui-tests"), "--listen", `127.0.0.1:${port}`, "--data", data, "--connections", "4"],
    { stdio: ["ignore", "ignore", "inherit"] },
  );
  let exited = false;
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  void gone.then(() => (exited = true));
  const deadline = Date.now() + 30_000;
  while (!(await listening(port))) {
    if (exited) throw new Error(`roundtable-server stopped at its start (exit ${child.exitCode})`);
    if (Date.now() > deadline) throw new Error("roundtable-server did not start within 30 s");
    await new Promise((r) => setTimeout(r, 25));
  }
  return {
    url: `https://127.0.0.1:${port}`,
    stop: async () => {
      if (!exited) child.kill("SIGKILL");
      await gone;
    },
  };
}

/** Node's own, kept before any test puts a page's in its place. */
const nodeFetch = globalThis.fetch;

const inFlight = new Set<Promise<Response>>();

/** Resolves once every request sent so far is answered (a test's last save, before its server stops). */
export async function requestsAnswered(): Promise<void> {
  // An answer may lead to another request (a save, then a reading again).
  for (let round = 0; round < 20; round++) {
    await Promise.allSettled([...inFlight]);
    await new Promise((r) => setTimeout(r, 10));
    if (inFlight.size === 0) return;
  }
}

/**
 * Node's fetch as the page's would be: paths resolve against the server,
 * and the session cookie the server sets is sent back. Bodies made by
 * jsdom's Blob are read into bytes first (Node's fetch knows only its own).
 */
export function browserLikeFetch(base: string): typeof fetch {
  const jar = new Map<string, string>();
  return async (input, init = {}) => {
    const url = typeof input === "string" ? new URL(input, base) : input instanceof URL ? input : new URL(input.url, base);
    const headers = new Headers(init.headers);
    if (jar.size) headers.set("cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    let body = init.body;
    if (body && typeof body === "object" && "arrayBuffer" in body && typeof body.arrayBuffer === "function") {
      body = new Uint8Array(await (body as Blob).arrayBuffer());
    }
    const sent = nodeFetch(url, { ...init, body, headers });
    inFlight.add(sent);
    void sent.catch(() => undefined).finally(() => inFlight.delete(sent));
    const response = await sent;
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = "", ...attributes] = cookie.split(";");
      const [name = "", value = ""] = pair.split("=");
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === "";
      if (expired) jar.delete(name.trim());
      else jar.set(name.trim(), value.trim());
    }
    return response;
  };
}

/** Signs in (choosing `chosen` in place of a one-time password when given) with its own cookie jar. */
export async function signIn(base: string, username: string, password: string, chosen?: string): Promise<typeof fetch> {
  const f = browserLikeFetch(base);
  const send = (path: string, method: string, body: unknown) =>
    f(path, { method, headers: { "content-type": "application/json", "x-roundtable": "1" }, body: JSON.stringify(body) });
  const signedIn = await send("/api/session", "POST", { username, password, code: null });
  if (!signedIn.ok) throw new Error(`signing in: ${signedIn.status} ${await signedIn.text()}`);
  if (chosen) {
    const changed = await send("/api/password", "POST", { current: password, password: chosen });
    if (!changed.ok) throw new Error(`choosing a password: ${changed.status} ${await changed.text()}`);
  }
  return f;
}
