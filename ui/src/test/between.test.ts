import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import ActionTracker from "../screens/ActionTracker.svelte";
import Statistics from "../screens/Statistics.svelte";
import ReviewRow from "../screens/ReviewRow.svelte";
import type { Statistics as Figures } from "../lib/bindings";
import { SaveTracker } from "../lib/saves.svelte";
import { axeViolations, unlockedBackend } from "./render";

async function withActions() {
  const fake = await unlockedBackend();
  const panel = await fake.createPanel({ ...(await fake.newPanelDefaults("youth_marac")), name: "Lowbridge Youth MARAC" });
  const police = await fake.createAgency({ name: "Lowbridge Police", short_code: "POL", sector: "police", secure_email: "", representatives: [] });
  const csc = await fake.createAgency({ name: "Children's Social Care", short_code: "CSC", sector: "childrens_social_care", secure_email: "", representatives: [] });
  const m = await fake.createMeeting({
    panel_id: panel.id, kind: "scheduled", date: "2026-10-01", start_time: "09:30", venue: "", chair: "", minute_taker: "", expected_agency_ids: [],
  });
  const a1 = await fake.addAction({ meeting_id: m.id, case_id: null, agency_id: police.id, text: "Share the hotspot map", due: "", officer: "" });
  const a2 = await fake.addAction({ meeting_id: m.id, case_id: null, agency_id: csc.id, text: "Visit the family at home", due: "", officer: "" });
  const a3 = await fake.addAction({ meeting_id: m.id, case_id: null, agency_id: csc.id, text: "Refer to early help", due: "", officer: "" });
  // Due dates as the core would store them: one long overdue, one soon, one later.
  for (const [a, due] of [[a1, "2026-10-15"], [a2, "2026-11-27"], [a3, "2027-01-10"]] as const) {
    const found = fake.actions.find((x) => x.id === a.action.id);
    if (found) found.due_date = due;
  }
  return { fake, panel, police, csc, meeting: m, ids: [a1.action.id, a2.action.id, a3.action.id] };
}

describe("the action tracker", () => {
  it("filters, reports on several actions at once, and shows lateness by agency", async () => {
    const { fake, csc } = await withActions();
    const user = userEvent.setup();
    const { container } = render(ActionTracker);
    const table = await screen.findByTestId("tracker");
    expect(within(table).getAllByRole("row")).toHaveLength(4);
    // Soonest due first; the overdue one is marked.
    expect(within(table).getAllByRole("row")[1]?.textContent).toContain("Share the hotspot map");
    expect(within(table).getAllByRole("row")[1]?.textContent).toContain("Overdue");
    const late = screen.getByTestId("lateness");
    expect(within(late).getByRole("row", { name: /Lowbridge Police/ }).textContent).toMatch(/POL\s*1\s*1/);
    expect(await axeViolations(container)).toEqual([]);

    await user.selectOptions(screen.getByLabelText("Agency"), csc.id);
    await waitFor(() => expect(screen.getByTestId("tracker-count").textContent).toContain("2 actions"));
    await user.click(screen.getByLabelText("Overdue only"));
    await waitFor(() => expect(screen.getByTestId("tracker-count").textContent).toContain("0 actions"));
    await user.click(screen.getByLabelText("Overdue only"));
    await user.selectOptions(screen.getByLabelText("Due"), "Within 7 days");
    await waitFor(() => expect(screen.getByTestId("tracker-count").textContent).toContain("1 action."));
    await user.selectOptions(screen.getByLabelText("Due"), "Any time");
    await waitFor(() => expect(screen.getByTestId("tracker-count").textContent).toContain("2 actions"));

    // Nothing chosen: the error says so, beside the form.
    await user.click(screen.getByRole("button", { name: "Record the report" }));
    expect(await screen.findByText("Choose at least one action to update.")).toBeTruthy();
    await user.click(screen.getByLabelText("Select all shown"));
    await user.selectOptions(screen.getByLabelText("New status"), "Not done by the agency");
    await user.type(screen.getByLabelText(/Date reported/), "20/11/2026");
    await user.click(screen.getByRole("button", { name: "Record the report" }));
    expect(await screen.findByText("Say why it was not done.")).toBeTruthy();
    expect(screen.getByLabelText(/^Update/).getAttribute("aria-invalid")).toBe("true");
    await user.type(screen.getByLabelText(/^Update/), "No worker allocated.");
    await user.click(screen.getByRole("button", { name: "Record the report" }));
    await waitFor(() => expect(screen.getByTestId("tracker-count").textContent).toContain("0 actions"));
    const reported = fake.actions.filter((a) => a.agency_id === csc.id);
    expect(reported.map((a) => a.status)).toEqual(["not_done_agency", "not_done_agency"]);
    expect(reported[0]?.updates.at(-1)?.reported_on).toBe("2026-11-20");
    await user.selectOptions(screen.getByLabelText("Status"), "Not done");
    await waitFor(() => expect(screen.getByTestId("tracker").textContent).toContain("Reported 20 Nov 2026: No worker allocated."));
  });

  it("a report made between meetings shows in the next meeting's review", async () => {
    const { fake, ids } = await withActions();
    await fake.reportActions([ids[0]!], { status: "in_progress", note: "Map drafted, sharing Friday.", reported_on: "18/11/2026" });
    const action = fake.actions.find((a) => a.id === ids[0])!;
    const list = document.body.appendChild(document.createElement("ul"));
    const { container } = render(ReviewRow, { target: list, props: { action, meetingId: "next-meeting", saves: new SaveTracker() } });
    expect((await screen.findByTestId("reported-between")).textContent).toContain("Reported 18 Nov 2026: In progress. Map drafted, sharing Friday.");
    expect((screen.getByLabelText("Status") as HTMLSelectElement).value).toBe("in_progress");
    expect((screen.getByLabelText("Update") as HTMLInputElement).value).toBe("");
    expect(await axeViolations(container)).toEqual([]);
  });
});

const FIGURES: Omit<Figures, "panel_id" | "panel_name" | "from" | "to"> = {
  meetings: 2, cases_heard: 12, repeat_cases: 3, new_cases: 9, first_heard: 10, reviewed: 2, not_from_police: 7,
  cases_with_children: 4, children: 7, hearings: 13, timed_hearings: 12, mean_seconds: 725, median_seconds: 700,
  timing_by_meeting: [{ date: "2026-08-10", cases_timed: 6, mean_seconds: 700 }, { date: "2026-09-21", cases_timed: 6, mean_seconds: 750 }],
  breakdowns: [
    { key: "gender", title: "Gender", of: "cases", rows: [{ label: "Female", count: 5 }, { label: "Male", count: 7 }, { label: "Not known", count: 0 }] },
    { key: "age_band", title: "Age at referral", of: "cases", rows: [{ label: "13 to 15", count: 8 }, { label: "16 to 17", count: 4 }] },
    { key: "outcome", title: "Outcome of each hearing", of: "hearings", rows: [{ label: "Closed", count: 9 }, { label: "Continue (kept for review)", count: 4 }] },
  ],
  actions: [{ agency_name: "Lowbridge Police", agency_code: "POL", due: 6, on_time: 4, late: 1, not_done: 1, open: 0 }],
};

describe("panel statistics", () => {
  it("shows exact figures with charts and tables, and checks typed dates", async () => {
    const { fake } = await withActions();
    fake.statistics = { ...FIGURES, panel_id: "", panel_name: "", from: "", to: "" };
    const user = userEvent.setup();
    const { container } = render(Statistics);
    const summary = await screen.findByTestId("stats-summary");
    expect(summary.textContent).toContain("Cases heard12");
    expect(summary.textContent).toContain("repeat rate 25%");
    expect(screen.getByRole("heading", { level: 2, name: /Lowbridge Youth MARAC, 1 Jul 2026 to 30 Sep 2026/ })).toBeTruthy();
    // A chart for each breakdown (drawn on canvas in the app), sized to its bars.
    const chart = screen.getByTestId("chart-gender-chart");
    expect(chart.tagName).toBe("CANVAS");
    expect(chart.getAttribute("height")).toBe(String(48 + 2 * 28));
    // The same figures as a table; categories with none are left out of the chart.
    const table = screen.getByTestId("chart-gender-table");
    expect(within(table).getByRole("row", { name: /Male/ }).textContent).toContain("7");
    expect(table.textContent).not.toContain("Not known");
    expect(screen.getByTestId("stats-actions").textContent).toContain("4 (67%)");
    expect(await axeViolations(container)).toEqual([]);

    await user.selectOptions(screen.getByLabelText("Period"), "Dates of my choice");
    const to = screen.getByLabelText(/To \(included\)/);
    await user.clear(to);
    await user.type(to, "01/01/2026");
    await user.click(screen.getByRole("button", { name: "Show the figures" }));
    expect(await screen.findByText("The end of the period is before its start.")).toBeTruthy();
    expect(to.getAttribute("aria-invalid")).toBe("true");

    await user.click(screen.getByRole("button", { name: "Save as CSV" }));
    await waitFor(() => expect(screen.getByTestId("stats-export-written").textContent).toContain("Saved"));
    expect(fake.written.at(-1)).toMatch(/\.csv$/);
    await user.click(screen.getByRole("button", { name: "Open the file" }));
    await user.click(screen.getByRole("button", { name: "Show it in its folder" }));
    expect(fake.opened).toEqual([`open /home/chair/Documents/${fake.written.at(-1)}`, `show /home/chair/Documents/${fake.written.at(-1)}`]);
  });
});
