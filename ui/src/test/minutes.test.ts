import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import MeetingMinutes from "../screens/MeetingMinutes.svelte";
import { axeViolations, unlockedBackend } from "./render";

async function heldMeeting() {
  const fake = await unlockedBackend();
  const panel = await fake.createPanel({ ...(await fake.newPanelDefaults("youth_marac")), name: "Lowbridge Youth MARAC" });
  const police = await fake.createAgency({ name: "Lowbridge Police", short_code: "POL", sector: "police", secure_email: "", representatives: [] });
  const m = await fake.createMeeting({
    panel_id: panel.id, kind: "scheduled", date: "2026-12-04", start_time: "09:30", venue: "", chair: "DI Marcus Bell", minute_taker: "", expected_agency_ids: [],
  });
  await fake.addAction({ meeting_id: m.id, case_id: null, agency_id: police.id, text: "Share the hotspot map", due: "+2w", officer: "" });
  return { fake, meeting: await fake.getMeeting(m.id) };
}

describe("minutes and action plans", () => {
  it("approves only a closed meeting, then amends with why and what", async () => {
    const { fake, meeting } = await heldMeeting();
    const user = userEvent.setup();
    const first = render(MeetingMinutes, { meeting });
    await screen.findByText(/Close the meeting in its cockpit/);
    first.unmount();
    await fake.closeMeeting(meeting.id);
    const { container } = render(MeetingMinutes, { meeting });
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
    await waitFor(() => expect(screen.getByTestId("amendments").textContent).toContain("Version 2"));
    expect(screen.getByTestId("minutes-status").textContent).toContain("Version 2");
  });

  it("exports every file with a summary, and asks before replacing", async () => {
    const { fake, meeting } = await heldMeeting();
    const user = userEvent.setup();
    render(MeetingMinutes, { meeting });
    await waitFor(() => expect((screen.getByLabelText(/^Folder/) as HTMLInputElement).value).not.toBe(""));
    await user.click(screen.getByRole("button", { name: "Export minutes and all action plans" }));
    await waitFor(() => expect(screen.getByTestId("export-summary").textContent).toContain("2 files written"));
    expect(fake.written).toHaveLength(2);
    await user.click(screen.getByRole("button", { name: "Export minutes and all action plans" }));
    expect(await screen.findByText(/already in that folder/)).toBeTruthy();
    expect(fake.written).toHaveLength(2);
    await user.click(screen.getByRole("button", { name: "Replace them" }));
    await waitFor(() => expect(fake.written).toHaveLength(4));
  });
});
