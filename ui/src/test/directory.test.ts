import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import Panels from "../screens/Panels.svelte";
import Agencies from "../screens/Agencies.svelte";
import { axeViolations, signedInBackend } from "./render";

describe("panels", () => {
  it("starts an empty server's store with its first panel, and never offers the demo in a browser", async () => {
    await signedInBackend();
    const { container } = render(Panels, { onagencies: () => {} });
    await screen.findByRole("heading", { name: "Get started" });
    expect(screen.queryByRole("button", { name: "Load demo data" })).toBeNull();
    expect(screen.getByRole("button", { name: "Create a panel" })).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });

  it("creates a panel with defaults, then saves edits as they are made", async () => {
    const { api } = await signedInBackend();
    const user = userEvent.setup();
    const { container } = render(Panels, { onagencies: () => {} });
    await user.click(await screen.findByRole("button", { name: "Create a panel" }));
    expect((await screen.findByLabelText("Protective marking") as HTMLInputElement).value).toBe("OFFICIAL-SENSITIVE");
    expect((screen.getByLabelText("Repeat window (months)") as HTMLInputElement).value).toBe("12");
    await user.type(screen.getByLabelText("Panel name"), "Lowbridge MARAC");
    await user.click(screen.getByRole("button", { name: "Create panel" }));
    await screen.findByRole("heading", { name: "Lowbridge MARAC" });
    expect((await api.listPanels()).map((p) => p.name)).toEqual(["Lowbridge MARAC"]);
    expect(await axeViolations(container)).toEqual([]);

    const minutes = screen.getByLabelText("Minutes per case");
    await user.clear(minutes);
    await user.type(minutes, "15");
    await user.tab();
    await waitFor(() => expect(screen.getByTestId("save-status").textContent).toContain("All changes saved"));
    expect((await api.listPanels())[0]?.minutes_per_case).toBe(15);
  });

  it("does not save a number that is not a whole number, and says so beside the field", async () => {
    const { api } = await signedInBackend();
    await api.createPanel({ ...(await api.newPanelDefaults("marac")), name: "MARAC" });
    const user = userEvent.setup();
    render(Panels, { onagencies: () => {} });
    const length = await screen.findByLabelText("Meeting length (minutes)");
    await user.clear(length);
    await user.type(length, "three hours");
    await user.tab();
    await waitFor(() =>
      expect(document.getElementById("panel-meeting_minutes-error")?.textContent).toContain("whole number"),
    );
    expect(screen.getByTestId("save-status").textContent).toContain("Not saved");
    expect((await api.listPanels())[0]?.meeting_minutes).toBe(180);
  });

  it("ticks agencies onto the panel at once", async () => {
    const { api } = await signedInBackend();
    const panel = await api.createPanel({ ...(await api.newPanelDefaults("marac")), name: "MARAC" });
    await api.createAgency({ name: "Lowbridge Police", short_code: "POL", sector: "police", secure_email: "", representatives: [] });
    const user = userEvent.setup();
    render(Panels, { onagencies: () => {} });
    const members = await screen.findByRole("group", { name: "Agencies on this panel" });
    await user.click(within(members).getByLabelText(/Lowbridge Police/));
    await waitFor(async () => expect((await api.listPanels())[0]?.member_agency_ids).toHaveLength(1));
    expect((await api.listAgencies())[0]?.panel_ids).toEqual([panel.id]);
  });
});

describe("agencies", () => {
  it("shows a clash of short codes beside the field, naming the agency that has it", async () => {
    const { api } = await signedInBackend();
    await api.createAgency({ name: "Lewisham Police", short_code: "LPOL", sector: "police", secure_email: "", representatives: [] });
    const user = userEvent.setup();
    const { container } = render(Agencies);
    await user.click(await screen.findByRole("button", { name: "New agency" }));
    await user.type(screen.getByLabelText("Agency name"), "Lewisham Homes");
    await user.type(screen.getByLabelText("Short code"), "lpol");
    await user.selectOptions(screen.getByLabelText("Sector"), "housing");
    await user.click(screen.getByRole("button", { name: "Add a representative" }));
    expect(document.activeElement?.id).toBe("new-agency-representatives-0-name");
    await user.click(screen.getByRole("button", { name: "Add agency" }));
    await waitFor(() =>
      expect(document.getElementById("new-agency-short_code-error")?.textContent).toContain(
        "This short code is already used by Lewisham Police. Choose another.",
      ),
    );
    expect(document.getElementById("new-agency-representatives-0-name-error")?.textContent).toContain("Enter");
    expect(await api.listAgencies()).toHaveLength(1);
    expect(await axeViolations(container)).toEqual([]);
  });
});
