import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import App from "../App.svelte";
import { axeViolations, freshBackend, unlockedBackend } from "./render";

describe("help and the window", () => {
  it("welcomes a first run with what Roundtable is for and how the data is protected", async () => {
    const fake = freshBackend();
    const { container } = render(App);
    await screen.findByRole("heading", { level: 1, name: "Welcome to Roundtable" });
    expect(screen.getByRole("heading", { name: "Where your data lives and how it is protected" })).toBeTruthy();
    expect(container.textContent).toContain("/home/user/.local/share/roundtable");
    expect(container.textContent).toContain("if the passphrase is lost, so is the data");
    expect(fake.title).toBe("Welcome · Roundtable");
    expect(await axeViolations(container)).toEqual([]);
  });

  it("answers the Help menu and F1, and titles the window by screen", async () => {
    const fake = await unlockedBackend();
    const user = userEvent.setup();
    render(App);
    await screen.findByRole("navigation", { name: "Main" });
    await waitFor(() => expect(fake.title).toBe("Panels · Roundtable"));
    await user.click(screen.getByRole("link", { name: "Statistics" }));
    await waitFor(() => expect(fake.title).toBe("Statistics · Roundtable"));

    fake.chooseMenu("about");
    const about = await screen.findByTestId("about");
    await waitFor(() => expect(screen.getByTestId("about-version").textContent).toBe("0.1.0"));
    expect(about.textContent).toContain("SIL Open Font License 1.1");
    expect(await axeViolations(about)).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Close" }));

    fake.chooseMenu("shortcuts");
    expect((await screen.findByTestId("shortcut-table")).textContent).toContain("Ctrl+Shift+P");
    await user.click(screen.getByRole("button", { name: "Close" }));

    await user.keyboard("{F1}");
    const guide = await screen.findByTestId("guide");
    for (const part of ["Before the meeting: prepare", "In the meeting: run it", "After the meeting: close it"]) {
      expect(guide.textContent).toContain(part);
    }
    expect(await axeViolations(guide)).toEqual([]);
    await user.click(screen.getByRole("button", { name: "About Roundtable" }));
    expect(await screen.findByTestId("about")).toBeTruthy();
  });
});
