import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import App from "../App.svelte";
import { axeViolations, freshBackend } from "./render";

describe("first run and unlock", () => {
  it("shows every setup problem beside its field and in a focused summary", async () => {
    freshBackend();
    const user = userEvent.setup();
    const { container } = render(App);
    await screen.findByRole("heading", { name: "Set up Roundtable" });
    expect(await axeViolations(container)).toEqual([]);

    await user.type(screen.getByLabelText("Choose a passphrase"), "short");
    await user.click(screen.getByRole("button", { name: "Set up Roundtable" }));

    const summary = await screen.findByRole("alert");
    expect(summary).toHaveProperty("textContent", expect.stringContaining("There is a problem"));
    expect(document.activeElement).toBe(summary);
    const passphrase = screen.getByLabelText("Choose a passphrase");
    expect(passphrase.getAttribute("aria-invalid")).toBe("true");
    const described = passphrase.getAttribute("aria-describedby") ?? "";
    expect(described).toContain("setup-passphrase-error");
    expect(document.getElementById("setup-passphrase-error")?.textContent).toContain("at least 12 characters");
    expect(document.getElementById("setup-name-error")?.textContent).toContain("Enter your name");
    expect(document.getElementById("setup-role-error")?.textContent).toContain("Select your role");
    expect(await axeViolations(container)).toEqual([]);
  });

  it("sets up, then after locking refuses a wrong passphrase and accepts the right one", async () => {
    const fake = freshBackend();
    const user = userEvent.setup();
    render(App);
    await user.type(await screen.findByLabelText("Your name"), "Yusuf Ali");
    await user.click(screen.getByLabelText("Coordinator or minute-taker"));
    await user.type(screen.getByLabelText("Choose a passphrase"), "violet harbour kettle");
    await user.type(screen.getByLabelText("Enter the passphrase again"), "violet harbour kettle");
    await user.click(screen.getByRole("button", { name: "Set up Roundtable" }));

    await screen.findByRole("heading", { name: "Panels" });
    expect(screen.getByTestId("signed-in-user").textContent).toContain("Yusuf Ali");
    expect(fake.user).toEqual({ name: "Yusuf Ali", role: "coordinator" });

    await user.keyboard("{Control>}l{/Control}");
    await screen.findByRole("heading", { name: "Unlock Roundtable" });
    expect(document.body.textContent).not.toContain("Yusuf Ali");

    await user.type(screen.getByLabelText("Passphrase"), "wrong passphrase!!");
    await user.click(screen.getByRole("button", { name: "Unlock" }));
    await waitFor(() =>
      expect(document.getElementById("unlock-passphrase-error")?.textContent).toContain("not right"),
    );
    expect((screen.getByLabelText("Passphrase") as HTMLInputElement).value).toBe("");

    await user.type(screen.getByLabelText("Passphrase"), "violet harbour kettle");
    await user.click(screen.getByRole("button", { name: "Unlock" }));
    await screen.findByRole("heading", { name: "Panels" });
  });
});
