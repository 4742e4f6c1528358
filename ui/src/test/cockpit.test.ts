import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { CaseInput } from "../lib/bindings";
import type { FakeBackend } from "../lib/backend/fake";
import { isTyping } from "../lib/shortcuts";
import Cockpit from "../screens/Cockpit.svelte";
import Projector from "../screens/Projector.svelte";
import { axeViolations, unlockedBackend } from "./render";

/** A panel with two agencies, one case on a meeting's agenda. */
async function meeting(): Promise<{ fake: FakeBackend; meetingId: string }> {
  const fake = await unlockedBackend();
  const panel = await fake.createPanel({ ...(await fake.newPanelDefaults("youth_marac")), name: "Lowbridge Youth MARAC" });
  for (const [name, code, sector] of [["Lowbridge Police", "POL", "police"], ["Children's Social Care", "CSC", "childrens_social_care"]] as const) {
    const agency = await fake.createAgency({ name, short_code: code, sector, secure_email: "", representatives: [] });
    await fake.setPanelMembership(panel.id, agency.id, true);
  }
  const input: CaseInput = {
    ...(await fake.newCaseDefaults(panel.id)),
    subject_name: "Amara Okafor",
    date_of_birth: "2009-03-14",
    postcode: "LB4 7QT",
    referral_route: "automatic",
    referral_reason: "Seen with older males.",
    consent: "given",
  };
  const c = await fake.createCase(input);
  await fake.caseAction(c.id, { action: "accept" });
  const m = await fake.createMeeting({
    panel_id: panel.id, kind: "scheduled", date: "2026-12-04", start_time: "09:30", venue: "", chair: "", minute_taker: "", expected_agency_ids: [],
  }, [c.id]);
  return { fake, meetingId: m.id };
}

/** The case's own heading (the item's title, for screen readers, starts "Item 2 of 5"). */
const CASE_HEADING = { level: 2, name: /^(?!Item ).*Amara Okafor$/ };

describe("cockpit", () => {
  it("moves through the agenda by keyboard, and never while typing", async () => {
    const { meetingId } = await meeting();
    const user = userEvent.setup();
    const { container } = render(Cockpit, { meetingId, onleave: () => {} });
    await screen.findByRole("heading", { name: "The meeting has not started" });
    expect(await axeViolations(container)).toEqual([]);
    await user.keyboard("n");
    await screen.findByRole("heading", { name: "Introductions, attendance and confidentiality" });
    // Typing an "n" into a name field is typing, not "next item".
    await user.type(screen.getByLabelText("Name"), "Nina");
    expect(screen.getByRole("heading", { name: "Introductions, attendance and confidentiality" })).toBeTruthy();
    await user.keyboard("{Escape}");
    await user.keyboard("3");
    await screen.findByRole("heading", CASE_HEADING, { timeout: 3000 });
    expect(await axeViolations(container)).toEqual([]);
  });

  it("agrees an action in one line: agency by short code, due shortcut, hint when vague", async () => {
    const { fake, meetingId } = await meeting();
    const user = userEvent.setup();
    render(Cockpit, { meetingId, onleave: () => {} });
    await screen.findByRole("heading", { name: "The meeting has not started" });
    await user.keyboard("3");
    await screen.findByRole("heading", CASE_HEADING, { timeout: 3000 });
    await user.keyboard("a");
    expect(document.activeElement?.id).toBe("action-agency");
    await user.keyboard("csc{Enter}");
    expect(document.activeElement?.id).toBe("action-text");
    await user.keyboard("Visit{Enter}");
    await waitFor(() => expect(fake.actions).toHaveLength(1));
    expect(fake.actions[0]?.agency_code).toBe("CSC");
    expect(screen.getByTestId("action-feedback").textContent).toContain("no due date");
    // Without an agency: the error is beside the agency field.
    await user.click(screen.getByLabelText("Action"));
    await user.keyboard("Strategy discussion with the school{Enter}");
    await waitFor(() => expect(document.getElementById("action-agency")?.getAttribute("aria-invalid")).toBe("true"));
  });

  it("turns to the next agency at once, so what is typed next is that agency's, while the last one's words still save", async () => {
    const { fake, meetingId } = await meeting();
    fake.shareDelayMs = 40;
    const user = userEvent.setup();
    render(Cockpit, { meetingId, onleave: () => {} });
    await screen.findByRole("heading", { name: "The meeting has not started" });
    await user.keyboard("3");
    await screen.findByRole("heading", CASE_HEADING, { timeout: 3000 });
    await user.keyboard("s");
    await user.keyboard("pol{Enter}");
    // The words typed straight after picking go into the agency's Facts.
    await waitFor(() => expect(document.activeElement?.id).toBe("share-facts"));
    await user.keyboard("Stopped at Dockside.");
    // Straight on to the next agency while Police's words are still saving.
    await user.keyboard("{Escape}s");
    await user.keyboard("social{Enter}");
    expect(screen.getByRole("group", { name: /Children's Social Care: what do they hold/ }), "the editor is the new agency's at once").toBeTruthy();
    await waitFor(() => expect(document.activeElement?.id).toBe("share-facts"));
    await user.keyboard("Open to CSC.");
    const shares = () => fake.shares.get(`${meetingId}/${fake.cases[0]?.id}`) ?? [];
    await waitFor(() => {
      expect(shares().find((s) => s.short_code === "POL")?.facts, "Police keep their own words").toBe("Stopped at Dockside.");
      expect(shares().find((s) => s.short_code === "CSC")?.facts, "CSC's words are CSC's").toBe("Open to CSC.");
    });
    await waitFor(() => expect(screen.getByTestId("not-yet-heard").textContent).toContain("Every agency here has been heard"));
  });

  it("shows the shortcut reference", async () => {
    const { meetingId } = await meeting();
    const user = userEvent.setup();
    render(Cockpit, { meetingId, onleave: () => {} });
    await screen.findByRole("heading", { name: "The meeting has not started" });
    await user.keyboard("?");
    const table = await screen.findByTestId("shortcut-table");
    expect(table.textContent).toContain("Next agenda item");
    expect(table.textContent).toContain("Open the projector window");
  });

  it("answers the Meeting menu: the shared screen", async () => {
    const { fake, meetingId } = await meeting();
    render(Cockpit, { meetingId, onleave: () => {} });
    await screen.findByRole("heading", { name: "The meeting has not started" });
    fake.chooseMenu("projector");
    await waitFor(() => expect(fake.projected).toBe(meetingId));
  });

  it("has the next case read while the chair is on an item, and reads it again after a write elsewhere", async () => {
    const { fake, meetingId } = await meeting();
    // Every reading asked for, and how many have answered.
    const reads: string[] = [];
    let answered = 0;
    const read = fake.caseInMeeting.bind(fake);
    fake.caseInMeeting = async (m, c) => {
      reads.push(c);
      const view = await read(m, c);
      answered += 1;
      return view;
    };
    const user = userEvent.setup();
    render(Cockpit, { meetingId, onleave: () => {} });
    await screen.findByRole("heading", { name: "The meeting has not started" });
    // On the review of earlier actions, the item before the case.
    await user.keyboard("2");
    await waitFor(() => expect(answered).toBe(1));
    await user.keyboard("n");
    await screen.findByRole("heading", CASE_HEADING, { timeout: 3000 });
    expect(reads).toHaveLength(1);

    // Back to the review: a write made there (the timer) may change the
    // case, so the reading taken before it is not used.
    await user.keyboard("b");
    await screen.findByRole("heading", { name: /^Item 2 of/ });
    await waitFor(() => expect(answered).toBe(2));
    await user.keyboard("t");
    await screen.findByRole("button", { name: /Start timer|Pause timer/ });
    await user.keyboard("n");
    await screen.findByRole("heading", CASE_HEADING, { timeout: 3000 });
    expect(reads).toHaveLength(3);
  });

  it("knows typing from a shortcut", () => {
    const input = document.createElement("input");
    const radio = Object.assign(document.createElement("input"), { type: "radio" });
    expect(isTyping(input)).toBe(true);
    expect(isTyping(document.createElement("textarea"))).toBe(true);
    expect(isTyping(radio)).toBe(false);
    expect(isTyping(document.createElement("button"))).toBe(false);
  });
});

describe("projector", () => {
  it("shows the reference and initials, never the name, date of birth or postcode", async () => {
    const { fake, meetingId } = await meeting();
    const m = await fake.getMeeting(meetingId);
    const caseItem = m.items.find((i) => i.case)!;
    await fake.goToItem(meetingId, caseItem.id);
    await fake.openProjector(meetingId);
    const { container } = render(Projector);
    await waitFor(() => expect(container.textContent).toContain(`${caseItem.case!.reference} (A.O.)`));
    const html = container.innerHTML;
    for (const secret of ["Amara", "Okafor", "2009-03-14", "14 Mar 2009", "LB4 7QT"]) expect(html).not.toContain(secret);
    expect(await axeViolations(container)).toEqual([]);
  });
});
