// Vitest's global setup: the component tests run against the real core, as
// the web build does: `roundtable-server` on PostgreSQL. Once per run this
// makes a template database (migrated, with a signed-in coordinator's
// password chosen) and a certificate; each test then gets a database
// copied from the template and a server of its own (see `server.ts`).
//
// It needs what the README's test command provides: a throwaway cluster
// (pg_virtualenv's PG* variables) and the built server (ROUNDTABLE_SERVER).
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { COORDINATOR, SERVER_ROLE, connectionSettings, startServer } from "./server-process";

declare module "vitest" {
  export interface ProvidedContext {
    roundtable: { server: string; template: string; demoTemplate: string; data: string };
  }
}

const TEMPLATE = `rt_ui_template_${process.pid}`;
/** The same, with the demo borough loaded (dated from today, as `roundtable-server demo` does). */
const DEMO_TEMPLATE = `${TEMPLATE}_demo`;

function psql(sql: string): void {
  execFileSync("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", "postgres", "-c", sql], { stdio: ["ignore", "ignore", "inherit"] });
}

/** One JSON POST trusting `ca` (this process started before the certificate was made); its session cookie. */
function request(url: string, ca: Buffer, cookie: string, body: unknown): Promise<{ cookie: string }> {
  return new Promise((resolve, reject) => {
    const sent = httpsRequest(
      url,
      { method: "POST", ca, headers: { "content-type": "application/json", "x-roundtable": "1", ...(cookie ? { cookie } : {}) } },
      (response) => {
        let text = "";
        response.on("data", (chunk) => (text += chunk));
        response.on("end", () => {
          if ((response.statusCode ?? 500) >= 300) reject(new Error(`${url}: ${response.statusCode} ${text}`));
          else resolve({ cookie: (response.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ") || cookie });
        });
      },
    );
    sent.on("error", reject);
    sent.end(JSON.stringify(body));
  });
}

export default async function setup(project: TestProject): Promise<() => void> {
  const server = process.env.ROUNDTABLE_SERVER;
  if (!server || !process.env.PGHOST) {
    throw new Error(
      "The component tests run against roundtable-server on a throwaway PostgreSQL cluster: run them with `bash .ci/ui-test.sh` (the README's test command does).",
    );
  }
  const data = mkdtempSync(join(tmpdir(), "roundtable-ui-"));
  psql(`CREATE DATABASE ${TEMPLATE}`);
  const runOn = (database: string, ...args: string[]) =>
    execFileSync(server, args, { env: { ...process.env, ROUNDTABLE_DATABASE: connectionSettings(database, process.env.PGUSER ?? "", process.env.PGPASSWORD ?? "") }, encoding: "utf8" });
  runOn(TEMPLATE, "migrate");
  psql(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${SERVER_ROLE}') THEN CREATE ROLE ${SERVER_ROLE} LOGIN PASSWORD 'ui-tests' IN ROLE roundtable_app; END IF; END $$`);
  const made = runOn(TEMPLATE, "admin", "create", "--username", COORDINATOR.username, "--name", COORDINATOR.name);
  const once = /One-time password[^:]*: (\S+)/.exec(made)?.[1];
  if (!once) throw new Error(`roundtable-server admin create printed no password:\n${made}`);

  // The first start makes the certificate every test's server then uses;
  // the coordinator chooses a password, as at a first sign-in.
  const first = await startServer(server, TEMPLATE, data);
  const certificate = join(data, "certificate.pem");
  try {
    const ca = readFileSync(certificate);
    const signedIn = await request(`${first.url}/api/session`, ca, "", { username: COORDINATOR.username, password: once, code: null });
    await request(`${first.url}/api/password`, ca, signedIn.cookie, { current: once, password: COORDINATOR.password });
  } finally {
    await first.stop();
  }
  // Node trusts the self-signed certificate in the test workers it starts next.
  process.env.NODE_EXTRA_CA_CERTS = certificate;
  psql(`CREATE DATABASE ${DEMO_TEMPLATE} TEMPLATE ${TEMPLATE}`);
  runOn(DEMO_TEMPLATE, "demo");
  project.provide("roundtable", { server, template: TEMPLATE, demoTemplate: DEMO_TEMPLATE, data });

  return () => {
    for (const database of [DEMO_TEMPLATE, TEMPLATE]) psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    rmSync(data, { recursive: true, force: true });
  };
}
