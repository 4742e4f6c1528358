import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { CaseInMeeting, MeetingDetail, ResearchGrid } from "../lib/bindings";
import { createAccount } from "../lib/web/session";
import MeetingView from "../screens/MeetingView.svelte";
import WebApp from "../screens/web/WebApp.svelte";
import { axeViolations, chooseInvitedPassword, day, signedInBackend } from "./render";

describe("research before a meeting", () => {
  it("the coordinator publishes the case list, an agency answers, the cockpit and the grid show it", async () => {
    const test = await signedInBackend("demo");
    const { api } = test;
    const next = (await api.listMeetings(null)).filter((m) => m.status !== "held").sort((a, b) => b.date.localeCompare(a.date))[0]!;
    let meeting: MeetingDetail = await api.getMeeting(next.id);
    const user = userEvent.setup();

    // The coordinator: a date after the meeting is refused beside the field.
    const view = render(MeetingView, { meeting, onchanged: (m: MeetingDetail) => (meeting = m), onrun: () => undefined });
    await user.click(screen.getByRole("button", { name: "Research by agencies" }));
    await screen.findByText(/Not yet published/);
    await user.type(screen.getByLabelText("Last day for answers"), day(30).typed);
    await user.click(screen.getByRole("button", { name: "Publish the case list for research" }));
    await waitFor(() => expect(document.getElementById("research-due-error")?.textContent).toContain("on or before the meeting"));
    await user.clear(screen.getByLabelText("Last day for answers"));
    await user.type(screen.getByLabelText("Last day for answers"), day(7).typed);
    await user.click(screen.getByRole("button", { name: "Publish the case list for research" }));
    await screen.findByTestId("research-published");
    const grid = screen.getByTestId("research-grid");
    expect(within(grid).getAllByRole("row")).toHaveLength(meeting.items.filter((i) => i.case).length + 1);
    expect(await axeViolations(view.container)).toEqual([]);
    view.unmount();

    // An expected agency's representative researches the first case.
    const published = await api.getMeeting(meeting.id);
    const agencyId = published.expected_agency_ids[0]!;
    const first = published.items.find((i) => i.case)!.case!;
    const made = await createAccount({ username: "rita", display_name: "Rita Rep", role: "agency", agency_id: agencyId });
    test.forgetSession();
    // The invitation's link opens the page that greets them.
    window.location.hash = `#invite=${encodeURIComponent(made.invitation!.code)}`;
    const app = render(WebApp);
    await chooseInvitedPassword(user, "rita");
    await screen.findByRole("heading", { level: 1, name: /: actions$/ });
    await user.click(screen.getByRole("button", { name: "Research before meetings" }));
    const open = await screen.findByRole("button", { name: /^Research.*the case list for/ });
    await user.click(open);
    await screen.findByTestId("research-due");
    const card = screen.getAllByTestId("research-case").find((c) => c.textContent?.includes(first.reference))!;
    expect(card.textContent).toContain(first.subject_name);
    await user.click(within(card).getByLabelText("Known to us"));
    await user.type(within(card).getByLabelText("Facts: what your agency holds"), "Two missing episodes in November.");
    await user.tab();
    await waitFor(() => expect(within(card).getByTestId("save-status").textContent).toContain("All changes saved"));
    // What it withholds needs a reason: said beside the field.
    await user.type(within(card).getByLabelText("What you will not share (optional)"), "A live investigation.");
    await user.tab();
    await waitFor(() => expect(within(card).getByText("Say why this was not shared.")).toBeTruthy());
    await user.type(within(card).getByLabelText("Why you will not share it"), "It would prejudice it.");
    await user.tab();
    await waitFor(() => expect(within(card).getByTestId("save-status").textContent).toContain("All changes saved"));
    expect(await axeViolations(app.container)).toEqual([]);

    // The coordinator's cockpit shows it as that agency's share, researched in advance.
    test.forgetSession();
    const coordinator = await test.otherBrowser();
    const inMeeting = await coordinator<CaseInMeeting>("case_in_meeting", { meetingId: meeting.id, caseId: first.id });
    const share = inMeeting.record.shares.find((s) => s.agency_id === agencyId)!;
    expect(share.facts).toBe("Two missing episodes in November.");
    expect(share.withheld_reason).toBe("It would prejudice it.");
    expect(share.researched_at).toBeTruthy();
    const after = await coordinator<ResearchGrid>("research_grid", { meetingId: meeting.id });
    const column = after.agencies.findIndex((a) => a.agency_id === agencyId);
    expect(after.cases.find((c) => c.case_id === first.id)!.answers[column]).toBe("known");
  });
});
