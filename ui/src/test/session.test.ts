import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { createAccount } from "../lib/web/session";
import WebApp from "../screens/web/WebApp.svelte";
import { axeViolations, signedInBackend, signedOutBackend } from "./render";
import { COORDINATOR } from "./server-process";

async function signIn(user: ReturnType<typeof userEvent.setup>, username: string, password: string) {
  await screen.findByRole("heading", { name: "Sign in to Roundtable" });
  await user.clear(screen.getByLabelText("Username"));
  await user.type(screen.getByLabelText("Username"), username);
  await user.type(screen.getByLabelText("Password"), password);
  await user.click(screen.getByRole("button", { name: "Sign in" }));
}

describe("signing in to the server", () => {
  it("refuses a wrong password beside the field, keeps nothing typed, and lets the right one in", async () => {
    await signedOutBackend();
    const user = userEvent.setup();
    const { container } = render(WebApp);
    await screen.findByRole("heading", { name: "Sign in to Roundtable" });
    expect(await axeViolations(container)).toEqual([]);
    await signIn(user, COORDINATOR.username, "not the password at all");
    await waitFor(() => expect(container.querySelector("[role=alert], .error-message")?.textContent).toMatch(/not right|did not match|not recognised/i));
    expect((screen.getByLabelText("Password") as HTMLInputElement).value).toBe("");
    expect(await axeViolations(container)).toEqual([]);

    await user.type(screen.getByLabelText("Password"), COORDINATOR.password);
    await user.click(screen.getByRole("button", { name: "Sign in" }));
    await screen.findByRole("navigation", { name: "Main" });
    expect(screen.getByTestId("signed-in-user").textContent).toContain(COORDINATOR.name);
  });

  it("asks a new account to replace its one-time password before anything else", async () => {
    const test = await signedInBackend();
    const made = await createAccount({ username: "mina", display_name: "Mina Patel", role: "minute_taker", agency_id: null });
    test.forgetSession();
    const user = userEvent.setup();
    const { container } = render(WebApp);
    await signIn(user, "mina", made.oneTimePassword!);
    await screen.findByRole("heading", { name: /Choose your (own )?password/i });
    expect(screen.queryByRole("navigation", { name: "Main" })).toBeNull();
    expect(await axeViolations(container)).toEqual([]);
  });

  it("signs out with Ctrl+L and leaves no case data in the page", async () => {
    const { api } = await signedInBackend();
    const panel = await api.createPanel({ ...(await api.newPanelDefaults("marac")), name: "Riverside MARAC" });
    await api.createCase({
      ...(await api.newCaseDefaults(panel.id)),
      subject_name: "Zofia Quartermaine",
      referral_route: "automatic",
      referral_reason: "Threats to kill.",
      consent: "given",
    });
    const user = userEvent.setup();
    render(WebApp);
    await user.click(await screen.findByRole("link", { name: "Cases" }));
    await screen.findByText("Zofia Quartermaine");
    await user.keyboard("{Control>}l{/Control}");
    await screen.findByRole("heading", { name: "Sign in to Roundtable" });
    const page = document.documentElement.outerHTML;
    for (const text of ["Zofia", "Quartermaine", "Riverside MARAC", COORDINATOR.name]) expect(page).not.toContain(text);
    // The session is over on the server too.
    await expect(api.listPanels()).rejects.toMatchObject({ code: "not_signed_in" });
  });
});
