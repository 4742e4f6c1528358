// Component-test helpers. Each test gets the real core: a database copied
// from the run's template (see server.global.ts), `roundtable-server` on it,
// signed in as a coordinator, and the UI's own web backend talking to it.
// The only stand-ins are plumbing jsdom lacks (fetch's page address and
// cookies, EventSource, object URLs). axe-core checks what was rendered
// (jsdom cannot judge colour contrast; the e2e run does).
import { execFileSync } from "node:child_process";
import axe from "axe-core";
import { EventSource as NodeEventSource } from "eventsource";
import { inject } from "vitest";
import { useBackend, type Backend } from "../lib/backend";
import { webBackend } from "../lib/backend/web";
import { COORDINATOR, browserLikeFetch, requestsAnswered, signIn, startServer, type RunningServer } from "./server-process";

const nodeFetch = globalThis.fetch;
const running: { server: RunningServer; database: string }[] = [];
let made = 0;

export interface TestServer {
  /** The UI's web backend, signed in: the screens' and the test's way in. */
  api: Backend;
  url: string;
  /**
   * Runs SQL on the test's database as its owner, behind Roundtable's back:
   * the past a test needs (a case closed years ago) or an intruder's edit.
   */
  sql(statement: string): string;
  /** The page forgets its session cookie, as a new browser would (the session itself stays). */
  forgetSession(): void;
  /** Another browser signed in as the same coordinator (another person at the meeting): a command sent from it. */
  otherBrowser(): Promise<<T>(command: string, args: Record<string, unknown>) => Promise<T>>;
}

/** A new store with its own server, signed in; installed as the screens' backend. */
export async function signedInBackend(store: "empty" | "demo" = "empty"): Promise<TestServer> {
  const { server, template, demoTemplate, data } = inject("roundtable");
  const database = `rt_ui_${process.pid}_${++made}_${Date.now()}`;
  execFileSync("createdb", ["-T", store === "demo" ? demoTemplate : template, database]);
  const started = await startServer(server, database, data);
  running.push({ server: started, database });
  globalThis.fetch = (await signIn(started.url, COORDINATOR.username, COORDINATOR.password)) as typeof fetch;
  const f = globalThis.fetch;
  globalThis.EventSource = class extends NodeEventSource {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(new URL(url, started.url), { ...init, fetch: f });
    }
  } as unknown as typeof EventSource;
  useBackend(webBackend);
  return {
    api: webBackend,
    url: started.url,
    sql: (statement) => execFileSync("psql", ["-X", "-q", "-At", "-v", "ON_ERROR_STOP=1", "-d", database, "-c", statement], { encoding: "utf8" }),
    forgetSession: () => {
      globalThis.fetch = browserLikeFetch(started.url);
    },
    otherBrowser: async () => {
      const other = await signIn(started.url, COORDINATOR.username, COORDINATOR.password);
      return async <T>(command: string, args: Record<string, unknown>) => {
        const response = await other(`/api/call/${command}`, {
          method: "POST",
          headers: { "x-roundtable": "1", "content-type": "application/json" },
          body: JSON.stringify(args),
        });
        if (!response.ok) throw new Error(`${command}: ${response.status} ${await response.text()}`);
        return (await response.json()) as T;
      };
    },
  };
}

/** A server with no one signed in: the sign-in page's. */
export async function signedOutBackend(): Promise<TestServer> {
  const test = await signedInBackend();
  test.forgetSession();
  return test;
}

/** After each test: its servers killed, their databases dropped. */
export async function stopServers(): Promise<void> {
  await requestsAnswered();
  globalThis.fetch = nodeFetch;
  for (const { server, database } of running.splice(0)) {
    await server.stop();
    execFileSync("dropdb", ["--force", database]);
  }
}

/** A day counted from today, as a user types it ("05/12/2026"), and as the core stores it. */
export function day(fromToday: number): { typed: string; iso: string } {
  const d = new Date();
  d.setDate(d.getDate() + fromToday);
  const [dd, mm, yyyy] = [d.getDate(), d.getMonth() + 1, d.getFullYear()].map((n) => String(n).padStart(2, "0"));
  return { typed: `${dd}/${mm}/${yyyy}`, iso: `${yyyy}-${mm}-${dd}` };
}

export async function axeViolations(container: Element): Promise<string[]> {
  const result = await axe.run(container, { rules: { "color-contrast": { enabled: false } } });
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

type TestUser = { type(el: Element, text: string): Promise<void>; click(el: Element): Promise<void> };

/** Chooses a password on an invitation's page (opened by its link or its code). */
export async function chooseInvitedPassword(user: TestUser, username: string): Promise<void> {
  const { screen } = await import("@testing-library/svelte");
  await screen.findByText(username, { selector: "[data-testid=invited-username]" });
  await user.type(screen.getByLabelText("Choose a password"), `${username}'s own long passphrase`);
  await user.type(screen.getByLabelText("The same password again"), `${username}'s own long passphrase`);
  await user.click(screen.getByRole("button", { name: "Choose my password and sign in" }));
}

/** From the sign-in page: "I have an invitation code", the code typed, a password chosen. */
export async function acceptInvitationByCode(user: TestUser, code: string, username: string): Promise<void> {
  const { screen } = await import("@testing-library/svelte");
  await screen.findByRole("heading", { name: "Sign in to Roundtable" });
  await user.click(screen.getByRole("button", { name: "I have an invitation code" }));
  await user.type(screen.getByLabelText("Invitation code"), code);
  await user.click(screen.getByRole("button", { name: "Open the invitation" }));
  await chooseInvitedPassword(user, username);
}
