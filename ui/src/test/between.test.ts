import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import ActionTracker from "../screens/ActionTracker.svelte";
import Statistics from "../screens/Statistics.svelte";
import ReviewRow from "../screens/ReviewRow.svelte";
import type { ActionFilter } from "../lib/bindings";
import { SaveTracker } from "../lib/saves.svelte";
import { axeViolations, day, signedInBackend } from "./render";

async function withActions() {
  const test = await signedInBackend();
  const { api } = test;
  const panel = await api.createPanel({ ...(await api.newPanelDefaults("youth_marac")), name: "Lowbridge Youth MARAC" });
  const police = await api.createAgency({ name: "Lowbridge Police", short_code: "POL", sector: "police", secure_email: "", representatives: [] });
  const csc = await api.createAgency({ name: "Children's Social Care", short_code: "CSC", sector: "childrens_social_care", secure_email: "", representatives: [] });
  const m = await api.createMeeting({
    panel_id: panel.id, kind: "scheduled", date: day(-60).typed, start_time: "09:30", venue: "", chair: "", minute_taker: "", expected_agency_ids: [],
  });
  // One long overdue, one due within the week, one later.
  const a1 = await api.addAction({ meeting_id: m.id, case_id: null, agency_id: police.id, text: "Share the hotspot map", due: day(-40).typed, officer: "" });
  const a2 = await api.addAction({ meeting_id: m.id, case_id: null, agency_id: csc.id, text: "Visit the family at home", due: day(3).typed, officer: "" });
  const a3 = await api.addAction({ meeting_id: m.id, case_id: null, agency_id: csc.id, text: "Refer to early help", due: day(36).typed, officer: "" });
  return { ...test, panel, police, csc, meeting: m, ids: [a1.action.id, a2.action.id, a3.action.id] };
}

const EVERY_ACTION: ActionFilter = { panel_id: null, agency_id: null, status: "all", overdue: false, due_within_days: null, case_reference: "" };

describe("the action tracker", () => {
  it("filters, reports on several actions at once, and shows lateness by agency", async () => {
    const { api, csc } = await withActions();
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
    const reportedOn = day(-2);
    await user.type(screen.getByLabelText(/Date reported/), reportedOn.typed);
    await user.click(screen.getByRole("button", { name: "Record the report" }));
    expect(await screen.findByText("Say why it was not done.")).toBeTruthy();
    expect(screen.getByLabelText(/^Update/).getAttribute("aria-invalid")).toBe("true");
    await user.type(screen.getByLabelText(/^Update/), "No worker allocated.");
    await user.click(screen.getByRole("button", { name: "Record the report" }));
    await waitFor(() => expect(screen.getByTestId("tracker-count").textContent).toContain("0 actions"));
    const reported = (await api.listActions({ ...EVERY_ACTION, agency_id: csc.id })).actions;
    expect(reported.map((a) => a.status)).toEqual(["not_done_agency", "not_done_agency"]);
    expect(reported[0]?.updates.at(-1)?.reported_on).toBe(reportedOn.iso);
    await user.selectOptions(screen.getByLabelText("Status"), "Not done");
    await waitFor(() => expect(screen.getByTestId("tracker").textContent).toMatch(/Reported \d+ \w+ \d{4}: No worker allocated\./));
  });

  it("a report made between meetings shows in the next meeting's review", async () => {
    const { api, ids } = await withActions();
    const [action] = await api.reportActions([ids[0]!], { status: "in_progress", note: "Map drafted, sharing Friday.", reported_on: "18/11/2026" });
    const list = document.body.appendChild(document.createElement("ul"));
    const { container } = render(ReviewRow, { target: list, props: { action: action!, meetingId: "next-meeting", saves: new SaveTracker() } });
    expect((await screen.findByTestId("reported-between")).textContent).toContain("Reported 18 Nov 2026: In progress. Map drafted, sharing Friday.");
    expect((screen.getByLabelText("Status") as HTMLSelectElement).value).toBe("in_progress");
    expect((screen.getByLabelText("Update") as HTMLInputElement).value).toBe("");
    expect(await axeViolations(container)).toEqual([]);
  });
});

describe("panel statistics", () => {
  it("shows the core's exact figures with charts and tables, and checks typed dates", async () => {
    const { api } = await signedInBackend("demo");
    const user = userEvent.setup();
    const { container } = render(Statistics);
    const summary = await screen.findByTestId("stats-summary");
    // What the screen shows first: the first panel, the last full quarter.
    const [panel] = await api.listPanels();
    const period = (await api.statisticsPeriods())[1]!;
    const figures = await api.panelStatistics({ panel_id: panel!.id, from: period.from, to: period.to });
    expect(figures.cases_heard, "the demo's last quarter has hearings").toBeGreaterThan(0);
    expect(summary.textContent).toContain(`Cases heard${figures.cases_heard}`);
    // The core's percentages, as it exports them too.
    expect(summary.textContent).toContain(`repeat rate ${figures.repeat_rate}%`);
    expect(screen.getByRole("heading", { level: 2, name: new RegExp(`^${panel!.name}, `) })).toBeTruthy();
    // A chart for each breakdown (drawn on canvas in the app), sized to its
    // bars, and the same figures as a table; categories with none are left out.
    const gender = figures.breakdowns.find((b) => b.key === "gender")!;
    const shown = gender.rows.filter((r) => r.count > 0);
    expect(screen.getByTestId("chart-gender-chart").tagName).toBe("CANVAS");
    expect(screen.getByTestId("chart-gender-chart").getAttribute("height")).toBe(String(48 + shown.length * 28));
    const table = screen.getByTestId("chart-gender-table");
    for (const row of shown) expect(within(table).getByRole("row", { name: new RegExp(row.label) }).textContent).toContain(String(row.count));
    for (const row of gender.rows.filter((r) => r.count === 0)) expect(table.textContent).not.toContain(row.label);
    expect(await axeViolations(container)).toEqual([]);

    await user.selectOptions(screen.getByLabelText("Period"), "Dates of my choice");
    const to = screen.getByLabelText(/To \(included\)/);
    await user.clear(to);
    await user.type(to, "01/01/2020");
    await user.click(screen.getByRole("button", { name: "Show the figures" }));
    expect(await screen.findByText("The end of the period is before its start.")).toBeTruthy();
    expect(to.getAttribute("aria-invalid")).toBe("true");

    // Back to the quarter: its figures are saved as CSV (a download, in a browser).
    await user.selectOptions(screen.getByLabelText("Period"), period.label);
    await user.click(screen.getByRole("button", { name: "Save as CSV" }));
    await waitFor(() => expect(screen.getByTestId("stats-export-written").textContent).toMatch(/Downloaded .+\.csv/));
  });

  it("shows the SafeLives return with exact counts, the area's rate, and saves it as XLSX", async () => {
    const { api } = await signedInBackend("demo");
    const user = userEvent.setup();
    const { container } = render(Statistics);
    const table = await screen.findByTestId("return-table", {}, { timeout: 10_000 });
    const [panel] = await api.listPanels();
    const period = (await api.statisticsPeriods())[1]!;
    const request = { panel_id: panel!.id, from: period.from, to: period.to };
    const figures = await api.panelStatistics(request);
    const form = await api.safelivesReturn(request);
    expect(form.quarter.cases).toBe(figures.cases_heard);
    expect(form.meetings.length).toBe(figures.meetings);
    const cases = within(table).getByRole("row", { name: /^Cases discussed/ });
    expect(cases.textContent).toContain(String(figures.cases_heard));
    expect(screen.getByTestId("return-warning").textContent).toContain("Exact figures, for SafeLives only");
    expect(screen.getByTestId("return-rate").textContent).toContain("Enter the area's population");
    expect(await axeViolations(container)).toEqual([]);

    const women = screen.getByLabelText("Women aged 16 and over in the area");
    await user.type(women, "lots");
    await user.type(screen.getByLabelText(/Where the figure comes from/), "ONS mid-2024 estimate");
    await user.click(screen.getByRole("button", { name: "Save the population" }));
    expect(await screen.findByText(/as a whole number such as 112,400/)).toBeTruthy();
    await user.clear(women);
    await user.type(women, "112,400");
    await user.click(screen.getByRole("button", { name: "Save the population" }));
    await waitFor(() => expect(screen.getByTestId("return-rate").textContent).toContain("112,400 women"));
    const rate = (await api.safelivesReturn(request)).cases_per_10000_women;
    expect(rate).toMatch(/^\d+\.\d$/);
    expect(screen.getByTestId("return-rate").textContent).toContain(rate);
    expect(screen.getByTestId("return-rate").textContent).toContain("ONS mid-2024 estimate");

    await user.click(screen.getByRole("button", { name: "Save the return as XLSX" }));
    await waitFor(() => expect(screen.getByTestId("return-export-written").textContent).toMatch(/Downloaded .+safelives-return.+\.xlsx/));
  });
});
