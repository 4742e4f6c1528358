import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Backend } from "../lib/backend";
import type { CaseInput } from "../lib/bindings";
import Cases from "../screens/Cases.svelte";
import Meetings from "../screens/Meetings.svelte";
import { axeViolations, day, signedInBackend } from "./render";

async function withPanel(): Promise<{ api: Backend; panelId: string }> {
  const { api } = await signedInBackend();
  const panel = await api.createPanel({ ...(await api.newPanelDefaults("youth_marac")), name: "Youth MARAC", meeting_minutes: 30 });
  return { api, panelId: panel.id };
}

async function referral(api: Backend, panelId: string, name: string, children = 0): Promise<string> {
  const input: CaseInput = {
    ...(await api.newCaseDefaults(panelId)),
    subject_name: name,
    referral_route: "automatic",
    referral_reason: "Stabbed near the station.",
    consent: "given",
    children_count: children,
  };
  return (await api.createCase(input)).id;
}

describe("cases", () => {
  it("shows what a new referral is missing, beside each field", async () => {
    await withPanel();
    const user = userEvent.setup();
    const { container } = render(Cases, { onmeeting: () => {} });
    await user.click(await screen.findByRole("button", { name: "New referral" }));
    await user.click(await screen.findByRole("button", { name: "Save referral" }));
    await waitFor(() => expect(document.getElementById("new-case-subject_name-error")?.textContent).toContain("Enter the person's name"));
    expect(document.getElementById("new-case-referral_route-error")?.textContent).toContain("Select how");
    expect(document.getElementById("new-case-referral_reason-error")?.textContent).toContain("reason");
    expect(document.getElementById("new-case-consent-error")?.textContent).toContain("consented");
    expect(await axeViolations(container)).toEqual([]);
  });

  it("offers a possible repeat and flags it once confirmed", async () => {
    const { api, panelId } = await withPanel();
    await referral(api, panelId, "Amara Okafor");
    const second = await referral(api, panelId, "Amara Okafor");
    const user = userEvent.setup();
    render(Cases, { onmeeting: () => {} });
    const list = await screen.findByRole("list", { name: "Cases" });
    await waitFor(() => expect(within(list).getAllByText(/Possible repeat/).length).toBeGreaterThan(0));
    // The later referral is the one the core asks about.
    await user.click(within(list).getByRole("button", { name: /Amara Okafor.*Possible repeat/ }));
    await user.click(await screen.findByRole("button", { name: "Yes, the same person" }));
    await waitFor(async () => expect((await api.getCase(second)).repeat_of).not.toBeNull());
  });

  it("accepts ticked referrals in bulk", async () => {
    const { api, panelId } = await withPanel();
    await referral(api, panelId, "Jayden Clarke");
    await referral(api, panelId, "Leah Mensah", 2);
    const user = userEvent.setup();
    render(Cases, { onmeeting: () => {} });
    await user.selectOptions(await screen.findByLabelText("Show"), "referred");
    const boxes = await screen.findAllByRole("checkbox", { name: /for triage/ });
    for (const box of boxes) await user.click(box);
    await user.click(screen.getByRole("button", { name: "Accept" }));
    await waitFor(() => expect(screen.getByTestId("triage-message").textContent).toContain("2 referrals accepted"));
    const cases = await api.listCases({ panel_id: panelId, status: null, query: "" });
    expect(cases.map((c) => c.status)).toEqual(["accepted", "accepted"]);
  });
});

describe("meetings", () => {
  it("builds the agenda children-first and warns in words when it overruns", async () => {
    const { api, panelId } = await withPanel();
    await api.caseAction(await referral(api, panelId, "Jayden Clarke"), { action: "accept" });
    await api.caseAction(await referral(api, panelId, "Leah Mensah", 2), { action: "accept" });
    const user = userEvent.setup();
    const { container } = render(Meetings, {});
    await user.click(await screen.findByRole("button", { name: "New meeting" }));
    await user.type(screen.getByLabelText("Date"), day(7).typed);
    await user.click(screen.getByRole("button", { name: "Set up meeting" }));
    const agenda = await screen.findByRole("list", { name: "Agenda" });
    const text = agenda.textContent ?? "";
    expect(text.indexOf("Leah Mensah")).toBeLessThan(text.indexOf("Jayden Clarke"));
    expect(screen.getByTestId("agenda-timing").textContent).toContain("Projected end 10:14");
    expect(screen.getByTestId("overrun-warning").textContent).toContain("runs 14 min past");
    expect(await axeViolations(container)).toEqual([]);

    const leahRow = within(agenda).getByText("Leah Mensah").closest("li")!;
    await user.click(within(leahRow).getByRole("button", { name: /^Down/ }));
    await waitFor(() => {
      const after = screen.getByRole("list", { name: "Agenda" }).textContent ?? "";
      expect(after.indexOf("Jayden Clarke")).toBeLessThan(after.indexOf("Leah Mensah"));
    });
  });
});

describe("attendance", () => {
  it("records each agency's attendance and who acknowledged the statement", async () => {
    const { api, panelId } = await withPanel();
    const police = await api.createAgency({ name: "Lowbridge Police", short_code: "POL", sector: "police", secure_email: "", representatives: [] });
    await api.setPanelMembership(panelId, police.id, true);
    await api.createMeeting({ panel_id: panelId, kind: "scheduled", date: day(7).typed, start_time: "09:30", venue: "", chair: "", minute_taker: "", expected_agency_ids: [] });
    const user = userEvent.setup();
    const { container } = render(Meetings, {});
    await user.click(await screen.findByRole("button", { name: "Attendance and confidentiality" }));
    expect(await screen.findByText(/Information shared at this meeting is confidential/)).toBeTruthy();
    await user.click(await screen.findByLabelText("Lowbridge Police: Present"));
    await waitFor(() => expect(screen.getByTestId("attendance-counts").textContent).toContain("1 present"));
    await user.type(screen.getByLabelText("Name"), "DS Amira Haddad");
    await user.selectOptions(screen.getByLabelText("Agency"), police.id);
    await user.click(screen.getByLabelText("Has acknowledged the confidentiality statement"));
    await user.click(screen.getByRole("button", { name: "Add person" }));
    await waitFor(() => expect(screen.getByText("1 of 1 people have acknowledged it.")).toBeTruthy());
    expect(await axeViolations(container)).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Add person" }));
    await waitFor(() => expect(document.getElementById("attendee-name-error")?.textContent).toContain("Enter the attendee's name"));
  });
});

