import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import MeetingMinutes from "../screens/MeetingMinutes.svelte";
import { axeViolations, day, signedInBackend } from "./render";

/** A meeting with one action for Police, not yet closed. */
async function meetingWithAnAction() {
  const { api } = await signedInBackend();
  const panel = await api.createPanel({ ...(await api.newPanelDefaults("youth_marac")), name: "Lowbridge Youth MARAC" });
  const police = await api.createAgency({ name: "Lowbridge Police", short_code: "POL", sector: "police", secure_email: "", representatives: [] });
  await api.setPanelMembership(panel.id, police.id, true);
  const m = await api.createMeeting({
    panel_id: panel.id, kind: "scheduled", date: day(0).typed, start_time: "09:30", venue: "", chair: "DI Marcus Bell", minute_taker: "", expected_agency_ids: [],
  });
  await api.addAction({ meeting_id: m.id, case_id: null, agency_id: police.id, text: "Share the hotspot map", due: "+2w", officer: "" });
  return { api, meeting: await api.getMeeting(m.id) };
}

describe("minutes and action plans", () => {
  it("approves only a closed meeting, then amends with why and what", async () => {
    const { api, meeting } = await meetingWithAnAction();
    const user = userEvent.setup();
    const first = render(MeetingMinutes, { meeting });
    await screen.findByText(/Close the meeting in its cockpit/);
    first.unmount();
    await api.closeMeeting(meeting.id);
    const { container } = render(MeetingMinutes, { meeting: await api.getMeeting(meeting.id) });
    expect((await screen.findByLabelText(/Approved by/)) as HTMLInputElement).toHaveProperty("value", "DI Marcus Bell");
    expect(await screen.findByTestId("minutes-preview")).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Approve the minutes" }));
    await waitFor(() => expect(screen.getByTestId("minutes-status").textContent).toContain("Approved by DI Marcus Bell"));
    await user.click(screen.getByRole("button", { name: "Start an amendment" }));
    expect(await screen.findByText("Enter why the minutes are being changed.")).toBeTruthy();
    await user.type(screen.getByLabelText(/why are they being changed/), "Wrong date recorded.");
    await user.click(screen.getByRole("button", { name: "Start an amendment" }));
    await user.type(await screen.findByLabelText("What was changed"), "Date corrected.");
    await user.click(screen.getByRole("button", { name: "Finish the amendment" }));
    await waitFor(() => expect(screen.getByTestId("minutes-status").textContent).toContain("Version 2"));
    expect(screen.getByTestId("amendments").textContent).toContain("Date corrected.");
    expect((await api.minutesStatus(meeting.id)).version).toBe(2);
  });

  it("downloads the minutes and every agency's plan, each named for what it is", async () => {
    const { api, meeting } = await meetingWithAnAction();
    await api.closeMeeting(meeting.id);
    // The files the browser is handed to save.
    const saved: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    const user = userEvent.setup();
    render(MeetingMinutes, { meeting: await api.getMeeting(meeting.id) });
    await user.click(await screen.findByRole("button", { name: "Export minutes and all action plans" }));
    const summary = await screen.findByTestId("export-summary", {}, { timeout: 10_000 });
    await waitFor(() => expect(summary.textContent).toContain("2 files downloaded"));
    const planned = (await api.exportPlan(meeting.id, "")).map((f) => f.file_name);
    expect(saved.sort()).toEqual([...planned].sort());
    expect(saved.some((name) => /minutes/i.test(name))).toBe(true);
    for (const name of saved) expect(within(summary).getByText(new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))).toBeTruthy();
    click.mockRestore();
  });

  it("downloads every file encrypted, each with the password the server made, shown once", async () => {
    const { api, meeting } = await meetingWithAnAction();
    await api.closeMeeting(meeting.id);
    const saved: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });
    const user = userEvent.setup();
    const { container } = render(MeetingMinutes, { meeting: await api.getMeeting(meeting.id) });
    await user.click(await screen.findByLabelText("Encrypt with a password (AES-256)"));
    await user.click(screen.getByLabelText("I will type the password"));
    await user.type(screen.getByLabelText("Password"), "password1234");
    await user.type(screen.getByLabelText("Password again"), "password1234");
    expect(await axeViolations(container)).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Export minutes and all action plans" }));
    expect(await screen.findByText(/too easy to guess/)).toBeTruthy();
    expect(saved).toEqual([]);

    await user.click(screen.getByLabelText(/Roundtable makes a strong password/));
    await user.click(screen.getByRole("button", { name: "Export minutes and all action plans" }));
    const summary = await screen.findByTestId("export-summary", {}, { timeout: 10_000 });
    await waitFor(() => expect(summary.textContent).toContain("2 files downloaded"));
    expect(within(summary).getByTestId("export-passwords").textContent).toContain("Note each password now");
    const shown = [...summary.querySelectorAll("code.password")].map((c) => c.textContent ?? "");
    expect(shown).toHaveLength(2);
    for (const p of shown) expect(p).toMatch(/^[A-Z2-9]{4}(-[A-Z2-9]{4}){4}$/);
    expect(new Set(shown).size).toBe(2);
    expect(saved).toHaveLength(2);
    const log = JSON.stringify(await api.auditLog(50));
    expect(log).toContain("encrypted (AES-256) for Lowbridge Police");
    for (const p of shown) expect(log).not.toContain(p);
    click.mockRestore();
  });
});
