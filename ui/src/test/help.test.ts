import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import WebApp from "../screens/web/WebApp.svelte";
import { axeViolations, signedInBackend } from "./render";

describe("help and the page's title", () => {
  it("titles the page by screen, opens the guide with F1, and shows what the server runs", async () => {
    await signedInBackend();
    const user = userEvent.setup();
    render(WebApp);
    await screen.findByRole("navigation", { name: "Main" });
    await waitFor(() => expect(document.title).toBe("Panels · Roundtable"));
    await user.click(screen.getByRole("link", { name: "Statistics" }));
    await waitFor(() => expect(document.title).toBe("Statistics · Roundtable"));

    await user.keyboard("{F1}");
    const guide = await screen.findByTestId("guide");
    for (const part of ["Before the meeting: prepare", "In the meeting: run it", "After the meeting: close it"]) {
      expect(guide.textContent).toContain(part);
    }
    expect(await axeViolations(guide)).toEqual([]);
    await user.click(screen.getByRole("button", { name: "About Roundtable" }));
    const about = await screen.findByTestId("about");
    await waitFor(() => expect(screen.getByTestId("about-version").textContent).toMatch(/^\d+\.\d+\.\d+$/));
    expect(about.textContent).toContain("SIL Open Font License 1.1");
    expect(await axeViolations(about)).toEqual([]);
  });
});
