import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import type { Agency, CaseInput } from "../lib/bindings";
import { useBackend, type Backend } from "../lib/backend";
import { isTyping } from "../lib/shortcuts";
import Cockpit from "../screens/Cockpit.svelte";
import Projector from "../screens/Projector.svelte";
import { axeViolations, signedInBackend, type TestServer } from "./render";

/** A panel with two agencies, one case on a meeting's agenda. */
async function meeting(): Promise<TestServer & { meetingId: string; caseId: string }> {
  const test = await signedInBackend();
  const { api } = test;
  const panel = await api.createPanel({ ...(await api.newPanelDefaults("youth_marac")), name: "Lowbridge Youth MARAC" });
  for (const [name, code, sector] of [["Lowbridge Police", "POL", "police"], ["Children's Social Care", "CSC", "childrens_social_care"]] as const) {
    const agency = await api.createAgency({ name, short_code: code, sector, secure_email: "", representatives: [] });
    await api.setPanelMembership(panel.id, agency.id, true);
  }
  const input: CaseInput = {
    ...(await api.newCaseDefaults(panel.id)),
    subject_name: "Amara Okafor",
    date_of_birth: "2009-03-14",
    postcode: "LB4 7QT",
    referral_route: "automatic",
    referral_reason: "Seen with older males.",
    consent: "given",
  };
  const c = await api.createCase(input);
  await api.caseAction(c.id, { action: "accept" });
  const m = await api.createMeeting({
    panel_id: panel.id, kind: "scheduled", date: "2027-01-14", start_time: "09:30", venue: "", chair: "", minute_taker: "", expected_agency_ids: [],
  });
  expect(m.items.some((i) => i.case?.id === c.id), "the accepted case is on the agenda").toBe(true);
  return { ...test, meetingId: m.id, caseId: c.id };
}

/** The case's own heading (the item's title, for screen readers, starts "Item 2 of 5"). */
const CASE_HEADING = { level: 2, name: /^(?!Item ).*Amara Okafor$/ };

/** Opens the cockpit and goes to the case (item 3) by keyboard, as the chair does. */
async function openTheCase(user: ReturnType<typeof userEvent.setup>, meetingId: string): Promise<void> {
  render(Cockpit, { meetingId, onleave: () => {} });
  await screen.findByRole("heading", { name: "The meeting has not started" });
  await user.keyboard("3");
  await screen.findByRole("heading", CASE_HEADING, { timeout: 3000 });
}

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
    const { api, meetingId } = await meeting();
    const user = userEvent.setup();
    await openTheCase(user, meetingId);
    await user.keyboard("a");
    expect(document.activeElement?.id).toBe("action-agency");
    await user.keyboard("csc{Enter}");
    expect(document.activeElement?.id).toBe("action-text");
    await user.keyboard("Visit{Enter}");
    await waitFor(async () => expect(await api.meetingActions(meetingId)).toHaveLength(1));
    expect((await api.meetingActions(meetingId))[0]?.agency_code).toBe("CSC");
    // The line under the action says what was agreed once the screen has the
    // core's answer, a moment after the store has it.
    await waitFor(() => expect(screen.getByTestId("action-feedback").textContent).toContain("No due date"));
    // Without an agency: the error is beside the agency field.
    await user.click(screen.getByLabelText("Action"));
    await user.keyboard("Strategy discussion with the school{Enter}");
    await waitFor(() => expect(document.getElementById("action-agency")?.getAttribute("aria-invalid")).toBe("true"));
  });

  it("lists a new action once, with its feedback, when the server's announcement of it is read before the answer", async () => {
    const { meetingId } = await meeting();
    // The server announces each change to every browser in the meeting, this
    // one too, and the screen reads the case again. Here that reading lands
    // before the answer to the change itself, as it can on a busy machine.
    const sent = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const answer = await sent(input, init);
      if (String(input).endsWith("/add_action")) {
        await waitFor(() => expect(screen.getByTestId("agreed-actions").textContent).toContain("Visit"), { timeout: 5000 });
      }
      return answer;
    };
    const user = userEvent.setup();
    await openTheCase(user, meetingId);
    await user.keyboard("a");
    await user.keyboard("csc{Enter}");
    await user.keyboard("Visit{Enter}");
    await waitFor(() => expect(screen.getByTestId("action-feedback").textContent).toContain("Action added for CSC."));
    expect(within(screen.getByTestId("agreed-actions")).getAllByRole("listitem")).toHaveLength(1);
    expect(document.activeElement?.id, "ready for the next action").toBe("action-agency");
  });

  it("turns to the next agency at once, so what is typed next is that agency's, while the last one's words still save", async () => {
    const { api, meetingId, caseId } = await meeting();
    // Each save takes a while on its way (the network's part, not the core's).
    const sent = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      if (String(input).endsWith("/share_information")) await new Promise((r) => setTimeout(r, 40));
      return sent(input, init);
    };
    const user = userEvent.setup();
    await openTheCase(user, meetingId);
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
    await waitFor(async () => {
      const shares = (await api.caseInMeeting(meetingId, caseId)).record.shares;
      expect(shares.find((s) => s.short_code === "POL")?.facts, "Police keep their own words").toBe("Stopped at Dockside.");
      expect(shares.find((s) => s.short_code === "CSC")?.facts, "CSC's words are CSC's").toBe("Open to CSC.");
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

  it("opens the shared screen on its own page with P", async () => {
    const { meetingId } = await meeting();
    const opened = vi.spyOn(window, "open").mockImplementation(() => null);
    const user = userEvent.setup();
    render(Cockpit, { meetingId, onleave: () => {} });
    await screen.findByRole("heading", { name: "The meeting has not started" });
    await user.keyboard("p");
    await waitFor(() => expect(opened).toHaveBeenCalledWith(`/?view=projector&meeting=${meetingId}`, "_blank", "noopener"));
    opened.mockRestore();
  });

  it("shows what someone else saves in the meeting without being asked", async () => {
    const { meetingId, caseId, otherBrowser } = await meeting();
    const user = userEvent.setup();
    await openTheCase(user, meetingId);
    // The minute-taker, in another browser, records what Police hold.
    const minuteTaker = await otherBrowser();
    const agencies = await minuteTaker<Agency[]>("list_agencies", {});
    const agencyId = agencies.find((a) => a.short_code === "POL")?.id;
    const input = { state: "known", facts: "Known to Police since May.", opinion: "", withheld: "", withheld_reason: "", based_on: "" };
    const notYetHeard = () => screen.getByTestId("not-yet-heard").textContent ?? "";
    expect(notYetHeard()).toMatch(/\bPOL\b/);
    await minuteTaker("share_information", { meetingId, caseId, agencyId, input });
    // The chair's screen follows: Police are heard, and their words are there.
    await waitFor(() => expect(notYetHeard()).not.toMatch(/\bPOL\b/), { timeout: 5000 });
    await user.keyboard("s");
    await user.keyboard("pol{Enter}");
    await waitFor(() => expect((document.getElementById("share-facts") as HTMLTextAreaElement).value).toBe("Known to Police since May."));
  });

  it("has the next case read while the chair is on an item, and reads it again after a write elsewhere", async () => {
    const { api, meetingId } = await meeting();
    // Every reading asked for, and every one answered, by case. Only the
    // case `N` lands on is counted: the move to it reads the case after it
    // ahead, whenever the move's own answer comes.
    const reads: string[] = [];
    const answered: string[] = [];
    const of = (list: string[], caseId: string | undefined) => list.filter((c) => c === caseId).length;
    const counting: Backend = {
      ...api,
      caseInMeeting: async (m, c) => {
        reads.push(c);
        const view = await api.caseInMeeting(m, c);
        answered.push(c);
        return view;
      },
      // Alone at the meeting, as on the desktop: no one else's changes to follow.
      onMeetingChanged: () => () => undefined,
    };
    useBackend(counting);
    const user = userEvent.setup();
    render(Cockpit, { meetingId, onleave: () => {} });
    await screen.findByRole("heading", { name: "The meeting has not started" });
    // On the review of earlier actions, the item before the case.
    await user.keyboard("2");
    await waitFor(() => expect(answered).toHaveLength(1));
    const next = reads[0];
    await user.keyboard("n");
    await screen.findByRole("heading", CASE_HEADING, { timeout: 3000 });
    expect(of(reads, next)).toBe(1);

    // Back to the review: a write made there (the timer) may change the
    // case, so the reading taken before it is not used.
    await user.keyboard("b");
    await screen.findByRole("heading", { name: /^Item 2 of/ });
    await waitFor(() => expect(of(answered, next)).toBe(2));
    await user.keyboard("t");
    await screen.findByRole("button", { name: /Start timer|Pause timer/ });
    await user.keyboard("n");
    await screen.findByRole("heading", CASE_HEADING, { timeout: 3000 });
    expect(of(reads, next)).toBe(3);
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
    const { api, meetingId } = await meeting();
    const m = await api.getMeeting(meetingId);
    const caseItem = m.items.find((i) => i.case)!;
    await api.goToItem(meetingId, caseItem.id);
    // The projector's own page names its meeting.
    window.history.pushState({}, "", `/?view=projector&meeting=${meetingId}`);
    const { container } = render(Projector);
    await waitFor(() => expect(container.textContent).toContain(`${caseItem.case!.reference} (A.O.)`));
    const html = container.innerHTML;
    for (const secret of ["Amara", "Okafor", "2009-03-14", "14 Mar 2009", "LB4 7QT"]) expect(html).not.toContain(secret);
    expect(await axeViolations(container)).toEqual([]);
  });
});
