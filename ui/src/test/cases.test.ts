import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { CaseInput } from "../lib/bindings";
import type { FakeBackend } from "../lib/backend/fake";
import Cases from "../screens/Cases.svelte";
import Meetings from "../screens/Meetings.svelte";
import { axeViolations, unlockedBackend } from "./render";

async function withPanel(): Promise<{ fake: FakeBackend; panelId: string }> {
  const fake = await unlockedBackend();
  const panel = await fake.createPanel({ ...(await fake.newPanelDefaults("youth_marac")), name: "Youth MARAC", meeting_minutes: 30 });
  return { fake, panelId: panel.id };
}

async function referral(fake: FakeBackend, panelId: string, name: string, children = 0): Promise<string> {
  const input: CaseInput = {
    ...(await fake.newCaseDefaults(panelId)),
    subject_name: name,
    referral_route: "automatic",
    referral_reason: "Stabbed near the station.",
    consent: "given",
    children_count: children,
  };
  return (await fake.createCase(input)).id;
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
    const { fake, panelId } = await withPanel();
    await referral(fake, panelId, "Amara Okafor");
    const second = await referral(fake, panelId, "Amara Okafor");
    const user = userEvent.setup();
    render(Cases, { onmeeting: () => {} });
    const list = await screen.findByRole("list", { name: "Cases" });
    await waitFor(() => expect(within(list).getAllByText(/Possible repeat/).length).toBeGreaterThan(0));
    const amaras = within(list).getAllByRole("button", { name: /Amara Okafor/ });
    await user.click(amaras[amaras.length - 1]!);
    await user.click(await screen.findByRole("button", { name: "Yes, the same person" }));
    await waitFor(() => expect(fake.cases.find((c) => c.id === second)?.repeat_of).not.toBeNull());
  });

  it("accepts ticked referrals in bulk", async () => {
    const { fake, panelId } = await withPanel();
    await referral(fake, panelId, "Jayden Clarke");
    await referral(fake, panelId, "Leah Mensah", 2);
    const user = userEvent.setup();
    render(Cases, { onmeeting: () => {} });
    await user.selectOptions(await screen.findByLabelText("Show"), "referred");
    const boxes = await screen.findAllByRole("checkbox", { name: /for triage/ });
    for (const box of boxes) await user.click(box);
    await user.click(screen.getByRole("button", { name: "Accept" }));
    await waitFor(() => expect(screen.getByTestId("triage-message").textContent).toContain("2 referrals accepted"));
    expect(fake.cases.every((c) => c.status === "accepted")).toBe(true);
  });
});

describe("meetings", () => {
  it("builds the agenda children-first and warns in words when it overruns", async () => {
    const { fake, panelId } = await withPanel();
    await fake.caseAction(await referral(fake, panelId, "Jayden Clarke"), { action: "accept" });
    await fake.caseAction(await referral(fake, panelId, "Leah Mensah", 2), { action: "accept" });
    const user = userEvent.setup();
    const { container } = render(Meetings, {});
    await user.click(await screen.findByRole("button", { name: "New meeting" }));
    await user.type(screen.getByLabelText("Date"), "2026-12-04");
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
    const { fake, panelId } = await withPanel();
    const police = await fake.createAgency({ name: "Lowbridge Police", short_code: "POL", sector: "police", secure_email: "", representatives: [] });
    await fake.setPanelMembership(panelId, police.id, true);
    await fake.createMeeting({ panel_id: panelId, kind: "scheduled", date: "2026-12-04", start_time: "09:30", venue: "", chair: "", minute_taker: "", expected_agency_ids: [] });
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

