import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CaseInput } from "../lib/bindings";
import Safety from "../screens/Safety.svelte";
import WebApp from "../screens/web/WebApp.svelte";
import { axeViolations, signedInBackend, type TestServer } from "./render";
import { COORDINATOR } from "./server-process";

/** A panel with two referrals on it. */
async function withCases(): Promise<TestServer & { ids: string[] }> {
  const test = await signedInBackend();
  const { api } = test;
  const panel = await api.createPanel({ ...(await api.newPanelDefaults("marac")), name: "Riverside MARAC" });
  const ids: string[] = [];
  for (const name of ["Zofia Quartermaine", "Oluwaseun Brightwater"]) {
    const input: CaseInput = {
      ...(await api.newCaseDefaults(panel.id)),
      subject_name: name,
      referral_route: "automatic",
      referral_reason: "Threats to kill.",
      consent: "given",
    };
    ids.push((await api.createCase(input)).id);
  }
  return { ...test, ids };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("signing out when idle", () => {
  it("signs out after the session's idle minutes without input, and the page then holds no case data", async () => {
    await withCases();
    vi.useFakeTimers({ shouldAdvanceTime: true, toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] });
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    render(WebApp);
    await user.click(await screen.findByRole("link", { name: "Cases" }));
    await screen.findByText("Zofia Quartermaine");
    const idle = (await (await fetch("/api/session")).json()) as { idleMinutes: number };

    // Input keeps the page open...
    await vi.advanceTimersByTimeAsync((idle.idleMinutes - 1) * 60_000);
    await user.keyboard("{Shift}");
    await vi.advanceTimersByTimeAsync((idle.idleMinutes - 1) * 60_000);
    expect(screen.queryByRole("heading", { name: "Sign in to Roundtable" })).toBeNull();

    // ...the idle minutes without any end the session.
    await vi.advanceTimersByTimeAsync(idle.idleMinutes * 60_000 + 5_000);
    await screen.findByRole("heading", { name: "Sign in to Roundtable" });
    expect(screen.getByText(new RegExp(`signed out after ${idle.idleMinutes} minutes without use`))).toBeTruthy();
    const page = document.documentElement.outerHTML;
    for (const text of ["Zofia", "Quartermaine", "Riverside MARAC", COORDINATOR.name]) expect(page).not.toContain(text);
  });
});

describe("the safety screen on the server", () => {
  it("verifies the audit log, and says where it was changed behind Roundtable's back", async () => {
    const { sql } = await withCases();
    const user = userEvent.setup();
    const { container } = render(Safety, { onrestored: () => undefined });
    await screen.findByRole("heading", { name: "Safety" });
    expect(screen.queryByRole("region", { name: "Back up" }), "backups are the server administrator's").toBeNull();
    await waitFor(() => expect(screen.getByTestId("audit-head").textContent).toMatch(/ends at entry \d+ · \w{4} \w{4} \w{4} \w{4}/));
    expect(await axeViolations(container)).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Verify the audit log" }));
    await waitFor(() => expect(screen.getByTestId("audit-verification").textContent).toContain("intact"));

    // Someone with the database's keys rewrites what an entry says.
    const seq = sql(
      "SET session_replication_role = replica; UPDATE audit_log SET detail = 'nothing happened' WHERE seq = (SELECT min(seq) FROM audit_log WHERE seq > 0) RETURNING seq",
    ).trim().split("\n").pop();
    await user.click(screen.getByRole("button", { name: "Verify the audit log" }));
    await waitFor(() => expect(screen.getByTestId("audit-verification").textContent).toContain(`entry ${seq}`));
    expect(screen.getByTestId("audit-verification").textContent).not.toContain("is intact");
  });

  it("lists cases past retention and deletes the chosen ones after confirming", async () => {
    const { api, sql, ids } = await withCases();
    // Both closed long ago (the panel keeps records six years).
    const these = `id IN ('${ids.join("','")}')`;
    sql(`UPDATE person_case SET status = 'closed' WHERE ${these}; UPDATE person_case SET closed_on = '2015-03-01' WHERE ${these}`);
    const due = await api.retentionDue();
    expect(due).toHaveLength(2);
    const user = userEvent.setup();
    const { container } = render(Safety, { onrestored: () => undefined });
    const table = await screen.findByTestId("retention-table");
    expect(within(table).getAllByRole("row")).toHaveLength(3);
    expect(await axeViolations(container)).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Delete chosen cases…" }));
    await waitFor(() => expect(screen.getAllByText("Choose at least one case to delete.").length).toBeGreaterThan(0));

    const zofia = due.find((c) => c.subject_name === "Zofia Quartermaine")!;
    await user.click(screen.getByLabelText(`Delete case ${zofia.reference}`));
    await user.click(screen.getByRole("button", { name: "Delete chosen cases…" }));
    const dialog = await screen.findByTestId("confirm-delete");
    expect(dialog.textContent).toContain("Delete 1 case for good?");
    await user.click(within(dialog).getByRole("button", { name: "Delete for good" }));
    await waitFor(() => expect(screen.getByTestId("retention-done").textContent).toContain("1 case deleted"));
    expect((await api.retentionDue()).map((c) => c.subject_name)).toEqual(["Oluwaseun Brightwater"]);
    await waitFor(() => expect(screen.queryByText("Zofia Quartermaine")).toBeNull());
  });
});
