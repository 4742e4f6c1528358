import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { ActionFilter } from "../lib/bindings";
import { createAccount } from "../lib/web/session";
import WebApp from "../screens/web/WebApp.svelte";
import { acceptInvitationByCode, axeViolations, signedInBackend } from "./render";

const EVERY: ActionFilter = { panel_id: null, agency_id: null, status: "all", overdue: false, due_within_days: null, case_reference: "" };

describe("an agency's representative", () => {
  it("sees only its agency's actions and reports on one, which the panel then sees", async () => {
    const test = await signedInBackend("demo");
    const { api } = test;
    // The coordinator's view of every action, and an agency with open ones.
    const all = (await api.listActions(EVERY)).actions;
    const agencyId = all.find((a) => a.status === "open")!.agency_id;
    const ours = all.filter((a) => a.agency_id === agencyId);
    const made = await createAccount({ username: "rita", display_name: "Rita Rep", role: "agency", agency_id: agencyId });
    test.forgetSession();

    const user = userEvent.setup();
    const { container } = render(WebApp);
    // Representatives are invited: no one-time password is shown for them.
    expect(made.oneTimePassword).toBeNull();
    await acceptInvitationByCode(user, made.invitation!.code, "rita");

    await screen.findByRole("heading", { level: 1, name: /: actions$/ });
    expect(screen.queryByRole("navigation", { name: "Main" }), "none of the panel's screens").toBeNull();
    await user.click(screen.getByLabelText("All"));
    await waitFor(() => expect(screen.getByTestId("agency-count").textContent).toBe(`${ours.length} actions.`));
    const table = screen.getByTestId("agency-actions");
    for (const other of all.filter((a) => a.agency_id !== agencyId && !ours.some((o) => o.text === a.text))) {
      expect(table.textContent).not.toContain(other.text);
    }
    expect(await axeViolations(container)).toEqual([]);

    // "Not done" needs a reason: said beside the field, nothing recorded.
    await user.click(screen.getByLabelText("Open"));
    const open = ours.find((a) => a.status === "open")!;
    await waitFor(() => expect(document.getElementById(`agency-pick-${open.id}`)).not.toBeNull());
    await user.click(document.getElementById(`agency-pick-${open.id}`)!);
    await user.selectOptions(screen.getByLabelText("New status"), "Not done by the agency");
    await user.click(screen.getByRole("button", { name: "Record the report" }));
    await waitFor(() => expect(document.getElementById("agency-report-note-error")?.textContent).toContain("Say why it was not done."));
    expect(await axeViolations(container)).toEqual([]);

    await user.selectOptions(screen.getByLabelText("New status"), "In progress");
    await user.type(screen.getByLabelText(/^Update/), "Home visit booked for Friday.");
    await user.click(screen.getByRole("button", { name: "Record the report" }));
    await waitFor(() => expect(within(screen.getByTestId("agency-actions")).getByText(/Home visit booked for Friday\./)).toBeTruthy());

    // Its action plans: the meetings that agreed it actions, each downloaded.
    const plans = await screen.findByTestId("agency-plans");
    const meetings = new Set(ours.map((a) => a.meeting_id));
    expect(within(plans).getAllByRole("row")).toHaveLength(meetings.size + 1);
    const saved: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    await user.click(within(plans).getAllByRole("button", { name: /^Download the plan/ })[0]!);
    await waitFor(() => expect(screen.getByTestId("agency-plan-downloaded").textContent).toMatch(/^Downloaded .+\.pdf\.$/));
    expect(saved).toHaveLength(1);
    click.mockRestore();
    expect(await axeViolations(container)).toEqual([]);

    // The panel sees the report, by its author.
    test.forgetSession();
    const coordinator = await test.otherBrowser();
    const seen = (await coordinator<{ actions: typeof all }>("list_actions", { filter: EVERY })).actions.find((a) => a.id === open.id)!;
    expect(seen.status).toBe("in_progress");
    expect(seen.updates.at(-1)?.note).toBe("Home visit booked for Friday.");
    expect(seen.updates.at(-1)?.recorded_by).toContain("Rita Rep");
  });
});
