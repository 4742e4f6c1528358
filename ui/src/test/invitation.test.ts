import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import Accounts from "../screens/web/Accounts.svelte";
import WebApp from "../screens/web/WebApp.svelte";
import { axeViolations, chooseInvitedPassword, signedInBackend } from "./render";

describe("inviting an agency's representative", () => {
  it("the coordinator's invitation link works once; used or expired, it says so", async () => {
    const test = await signedInBackend("demo");
    const agency = (await test.api.listAgencies())[0]!;
    const user = userEvent.setup();

    // The coordinator adds the account: an invitation to send, no password.
    const accounts = render(Accounts);
    await user.type(await screen.findByLabelText("Full name"), "Rita Rep");
    await user.type(screen.getByLabelText(/^Username/), "rita");
    await user.selectOptions(screen.getByLabelText("Role"), "Agency representative");
    await user.selectOptions(await screen.findByLabelText("Agency"), agency.name);
    await user.click(screen.getByRole("button", { name: "Add the account" }));
    const link = (await screen.findByTestId("invitation-link")).textContent!;
    const code = screen.getByTestId("invitation-code").textContent!;
    expect(link).toContain(`#invite=${encodeURIComponent(code)}`);
    expect(screen.queryByTestId("one-time-password")).toBeNull();
    expect(await axeViolations(accounts.container)).toEqual([]);
    accounts.unmount();

    // Opened from the link: greeted, a password chosen, signed in to the agency's desk.
    test.forgetSession();
    window.location.hash = new URL(link).hash;
    const page = render(WebApp);
    await chooseInvitedPassword(user, "rita");
    await screen.findByRole("heading", { level: 1, name: /: actions$/ });
    expect(window.location.hash).toBe("");
    await user.click(screen.getByRole("button", { name: "Sign out" }));
    page.unmount();

    // The same link again: used, said in words; nothing else changes.
    window.location.hash = new URL(link).hash;
    const again = render(WebApp);
    await waitFor(() => expect(again.container.textContent).toContain("This invitation has already been used"));
    expect(await axeViolations(again.container)).toEqual([]);
    again.unmount();

    // The invitation, unused but a day past its expiry.
    test.sql(`UPDATE account_invitation SET used_at = NULL, expires_at = now() - interval '1 day'`);
    window.location.hash = new URL(link).hash;
    const expired = render(WebApp);
    await waitFor(() => expect(expired.container.textContent).toMatch(/This invitation expired on \w+day/));
    // A code typed wrong is refused beside its field.
    await user.clear(screen.getByLabelText("Invitation code"));
    await user.type(screen.getByLabelText("Invitation code"), "not-a-real-code");
    await user.click(screen.getByRole("button", { name: "Open the invitation" }));
    await waitFor(() => expect(document.getElementById("invitation-code-error")?.textContent).toContain("not known"));
    window.location.hash = "";
  });
});
