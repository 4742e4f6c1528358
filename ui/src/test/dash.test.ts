import { cleanup, render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import Cases from "../screens/Cases.svelte";
import { axeViolations } from "./render";
import { openMaracReferral } from "./referral-page";

/** The referral open on its page, its Dash section drawn. */
async function openReferral() {
  const opened = await openMaracReferral();
  await screen.findByRole("heading", { name: "Dash risk checklist" });
  return opened;
}

/** Answers question `n` (1-based) of the open checklist. */
async function answer(user: ReturnType<typeof userEvent.setup>, n: number, choice: "Yes" | "No" | "Not known") {
  const group = await screen.findByRole("group", { name: new RegExp(`^${n}\\. `) });
  await user.click(within(group).getByLabelText(choice));
}

describe("the Dash checklist", () => {
  it("keeps each answer as it is chosen, names what is missing, and scores 14 as visible high risk", async () => {
    const { api, user, view, caseId } = await openReferral();
    await user.click(screen.getByRole("button", { name: "Record a Dash checklist" }));
    await user.type(await screen.findByLabelText("Completed on"), "20/11/2026");
    await user.type(screen.getByLabelText("Completed by"), "Priya Shah, IDVA");
    for (let n = 1; n <= 14; n++) await answer(user, n, "Yes");
    await answer(user, 15, "Not known");
    const source = screen.getAllByLabelText("Where the answer came from, if not the person's own account")[1];
    await user.type(source!, "Police report");
    await user.tab();
    // Kept as typed: the draft comes back with the case.
    await waitFor(async () => expect((await api.getCase(caseId)).dash_draft?.answers[14]?.answer).toBe("not_known"));
    expect((await api.getCase(caseId)).dash_draft?.answers[1]?.source).toBe("Police report");
    view.unmount();
    cleanup();
    const again = await openReferralAgain(user);
    expect(await within(again).findByLabelText("Completed by")).toHaveProperty("value", "Priya Shah, IDVA");

    // Unanswered questions are named, and nothing is recorded.
    await user.click(screen.getByRole("button", { name: "Save checklist" }));
    const summary = await screen.findByRole("alert");
    expect(summary.textContent).toContain("Answer question 16: yes, no or not known.");
    expect((await api.getCase(caseId)).dash).toEqual([]);

    for (let n = 16; n <= 24; n++) await answer(user, n, "No");
    await user.click(screen.getByRole("button", { name: "Save checklist" }));
    const record = await screen.findByTestId("dash-record");
    expect(record.textContent).toContain("14 of 24");
    expect(record.textContent).toContain("Visible high risk");
    const stored = await api.getCase(caseId);
    expect(stored.dash.map((d) => d.score)).toEqual([14]);
    expect(stored.input.referral_route).toBe("risk_score");
    expect(stored.dash_draft).toBeNull();
    await waitFor(() => expect(screen.getByTestId("timeline").textContent).toContain("14 of 24, visible high risk"));
    expect(await axeViolations(document.body)).toEqual([]);
  });

  it("shows the form's problems beside each field and passes axe", async () => {
    const { user } = await openReferral();
    await user.click(screen.getByRole("button", { name: "Record a Dash checklist" }));
    await user.type(await screen.findByLabelText("Completed on"), "31/02/2026");
    await user.click(screen.getByRole("button", { name: "Save checklist" }));
    await waitFor(() => expect(document.getElementById("dash-completed_on-error")?.textContent).toContain("Enter a date"));
    expect(document.getElementById("dash-completed_by-error")?.textContent).toContain("Enter who completed the checklist");
    expect(document.getElementById("dash-answers-0-error")?.textContent).toContain("Answer question 1");
    expect(screen.getByText(/SafeLives/)).toBeTruthy();
    expect(await axeViolations(document.body)).toEqual([]);
  });
});

/** Opens the same case again after the page was closed. */
async function openReferralAgain(user: ReturnType<typeof userEvent.setup>): Promise<HTMLElement> {
  render(Cases, { onmeeting: () => {} });
  const list = await screen.findByRole("list", { name: "Cases" });
  await user.click(await within(list).findByRole("button", { name: /Grace Adeyemi/ }));
  return await screen.findByTestId("dash");
}
