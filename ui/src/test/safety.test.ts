import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CaseInput } from "../lib/bindings";
import App from "../App.svelte";
import Safety from "../screens/Safety.svelte";
import { axeViolations, unlockedBackend } from "./render";

async function withCase() {
  const fake = await unlockedBackend();
  const panel = await fake.createPanel({ ...(await fake.newPanelDefaults("marac")), name: "Riverside MARAC" });
  const input: CaseInput = {
    ...(await fake.newCaseDefaults(panel.id)),
    subject_name: "Zofia Quartermaine",
    referral_route: "automatic",
    referral_reason: "Threats to kill.",
    consent: "given",
  };
  await fake.createCase(input);
  return fake;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the idle lock", () => {
  it("locks after the panels' idle minutes without input, and the page then holds no case data", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const fake = await withCase();
    fake.idleMinutes = 3;
    const user = userEvent.setup({ advanceTimers: vi.advanceTimersByTime });
    render(App);
    await user.click(await screen.findByRole("link", { name: "Cases" }));
    await screen.findByText("Zofia Quartermaine");

    // Input keeps it open...
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    await user.keyboard("{Shift}");
    await vi.advanceTimersByTimeAsync(2 * 60_000);
    expect(screen.queryByRole("heading", { name: "Unlock Roundtable" })).toBeNull();
    expect(fake.locks).toEqual([]);

    // ...three minutes without any locks it.
    await vi.advanceTimersByTimeAsync(3 * 60_000 + 5_000);
    await screen.findByRole("heading", { name: "Unlock Roundtable" });
    expect(fake.locks).toEqual([{ kind: "idle", minutes: 3 }]);
    const page = document.documentElement.outerHTML;
    for (const text of ["Zofia", "Quartermaine", "Riverside MARAC", "Yusuf Ali"]) {
      expect(page).not.toContain(text);
    }
    expect(screen.getByLabelText("Passphrase")).toBeTruthy();
  });

  it("reports input to the core, and shows the unlock screen when the core locks by itself", async () => {
    const fake = await withCase();
    const user = userEvent.setup();
    render(App);
    await user.click(await screen.findByRole("link", { name: "Cases" }));
    await screen.findByText("Zofia Quartermaine");
    await user.keyboard("{Shift}");
    expect(fake.inputsNoted, "input reaches the core's idle clock").toBeGreaterThan(0);
    fake.lockFromCore(10);
    await screen.findByRole("heading", { name: "Unlock Roundtable" });
    expect(document.documentElement.outerHTML).not.toContain("Quartermaine");
  });

  it("Ctrl+L locks at once after saving what was being typed", async () => {
    const fake = await withCase();
    const user = userEvent.setup();
    render(App);
    await screen.findByRole("heading", { name: "Panels" });
    await user.keyboard("{Control>}l{/Control}");
    await screen.findByRole("heading", { name: "Unlock Roundtable" });
    expect(fake.locks).toEqual([{ kind: "by_user" }]);
    expect(document.documentElement.outerHTML).not.toContain("Quartermaine");
  });
});

describe("the safety screen", () => {
  it("changes the passphrase, showing each problem beside its field", async () => {
    const fake = await unlockedBackend();
    const user = userEvent.setup();
    const { container } = render(Safety, { onrestored: () => undefined });
    await screen.findByRole("heading", { name: "Safety" });
    await waitFor(() => expect(screen.getByText(/locks itself after 10 minutes/)).toBeTruthy());
    expect(await axeViolations(container)).toEqual([]);

    const form = screen.getByRole("region", { name: "Change your passphrase" });
    await user.type(within(form).getByLabelText("Current passphrase"), "wrong one entirely");
    await user.type(within(form).getByLabelText("New passphrase"), "short");
    await user.click(within(form).getByRole("button", { name: "Change passphrase" }));
    await waitFor(() => expect(document.getElementById("passphrase-current_passphrase-error")?.textContent).toContain("not right"));
    expect(document.getElementById("passphrase-new_passphrase-error")?.textContent).toContain("at least 12");
    for (const label of ["Current passphrase", "New passphrase", "New passphrase again"])
      expect((within(form).getByLabelText(label) as HTMLInputElement).value, `${label} is emptied`).toBe("");
    expect(await axeViolations(container)).toEqual([]);

    await user.clear(within(form).getByLabelText("Current passphrase"));
    await user.type(within(form).getByLabelText("Current passphrase"), "violet harbour kettle");
    await user.clear(within(form).getByLabelText("New passphrase"));
    await user.type(within(form).getByLabelText("New passphrase"), "copper meadow lantern");
    await user.type(within(form).getByLabelText("New passphrase again"), "copper meadow lantern");
    await user.click(within(form).getByRole("button", { name: "Change passphrase" }));
    await waitFor(() => expect(screen.getByTestId("passphrase-done").textContent).toContain("Passphrase changed"));
    expect(fake.passphrase).toBe("copper meadow lantern");
    expect(document.getElementById("passphrase-current_passphrase-error")).toBeNull();
  });

  it("backs up to a chosen folder and restores it after both passphrases", async () => {
    await unlockedBackend();
    const user = userEvent.setup();
    const restored = vi.fn();
    render(Safety, { onrestored: restored });
    const backup = await screen.findByRole("region", { name: "Back up" });
    await user.click(within(backup).getByRole("button", { name: "Back up now" }));
    await waitFor(() => expect(document.getElementById("backup-passphrase-error")?.textContent).toContain("at least 12"));
    expect(within(backup).getAllByText("Choose the folder the backup goes to.").length).toBeGreaterThan(0);

    await user.click(within(backup).getByRole("button", { name: "Choose folder…" }));
    await waitFor(() => expect(screen.getByTestId("backup-folder").textContent).toBe("/home/user/Backups"));
    await user.type(within(backup).getByLabelText("Backup passphrase"), "backup only passphrase");
    await user.type(within(backup).getByLabelText("Backup passphrase again"), "backup only passphrase");
    await user.click(within(backup).getByRole("button", { name: "Back up now" }));
    await waitFor(() => expect(screen.getByTestId("backup-done").textContent).toContain(".rtbackup"));
    expect(screen.getByTestId("backup-done").textContent, "the head the backup holds, to note").toMatch(/audit log ends at entry \d+ · /);

    const restore = screen.getByRole("region", { name: "Restore a backup" });
    await user.click(within(restore).getByRole("button", { name: "Choose backup file…" }));
    await waitFor(() => expect(screen.getByTestId("restore-file").textContent).toContain(".rtbackup"));
    await user.type(within(restore).getByLabelText("The backup's passphrase"), "backup only passphrase");
    await user.type(within(restore).getByLabelText("Your current passphrase"), "not my passphrase");
    await user.click(within(restore).getByRole("button", { name: "Check and restore" }));
    await waitFor(() => expect(document.getElementById("restore-current_passphrase-error")?.textContent).toContain("not right"));
    expect(restored).not.toHaveBeenCalled();
    // No passphrase stays on screen after an attempt, even a refused one.
    for (const label of ["The backup's passphrase", "Your current passphrase"])
      expect((within(restore).getByLabelText(label) as HTMLInputElement).value).toBe("");

    await user.type(within(restore).getByLabelText("The backup's passphrase"), "backup only passphrase");
    await user.type(within(restore).getByLabelText("Your current passphrase"), "violet harbour kettle");
    await user.click(within(restore).getByRole("button", { name: "Check and restore" }));
    await waitFor(() => expect(screen.getByTestId("restore-done").textContent).toContain("12 cases, 3 meetings"));
    expect(restored).toHaveBeenCalledOnce();
  });

  it("verifies the audit log and says where it was tampered with", async () => {
    const fake = await unlockedBackend();
    await fake.backUp({ folder: "/home/user/Backups", passphrase: "backup only passphrase", confirm_passphrase: "backup only passphrase" });
    const user = userEvent.setup();
    render(Safety, { onrestored: () => undefined });
    // The head to note down, as exported documents print it.
    await waitFor(() => expect(screen.getByTestId("audit-head").textContent).toMatch(/ends at entry \d+ · 0000 0000 0000 000\w/));
    await user.type(screen.getByLabelText(/An entry you noted down/), "entry 1 · 0000 0000 0000 0001");
    await user.click(await screen.findByRole("button", { name: "Verify the audit log" }));
    await waitFor(() => expect(screen.getByTestId("audit-verification").textContent).toContain("intact"));
    expect(fake.verifiedWith).toEqual(["entry 1 · 0000 0000 0000 0001"]);
    fake.auditIntact = false;
    await user.click(screen.getByRole("button", { name: "Verify the audit log" }));
    await waitFor(() => expect(screen.getByTestId("audit-verification").textContent).toContain("entry 4"));
  });

  it("lists cases past retention and deletes the chosen ones after confirming", async () => {
    const fake = await unlockedBackend();
    fake.dueCases = [
      { id: "c1", reference: "MR-7K3QX", subject_name: "Zofia Quartermaine", panel_name: "Riverside MARAC", closed_on: "2019-06-30", due_on: "2025-06-30", retention_years: 6 },
      { id: "c2", reference: "MR-9P2LD", subject_name: "Oluwaseun Brightwater", panel_name: "Riverside MARAC", closed_on: "2020-01-10", due_on: "2026-01-10", retention_years: 6 },
    ];
    const user = userEvent.setup();
    const { container } = render(Safety, { onrestored: () => undefined });
    const table = await screen.findByTestId("retention-table");
    expect(within(table).getAllByRole("row")).toHaveLength(3);
    expect(await axeViolations(container)).toEqual([]);
    await user.click(screen.getByRole("button", { name: "Delete chosen cases…" }));
    await waitFor(() => expect(screen.getAllByText("Choose at least one case to delete.").length).toBeGreaterThan(0));

    await user.click(screen.getByLabelText("Delete case MR-7K3QX"));
    await user.click(screen.getByRole("button", { name: "Delete chosen cases…" }));
    const dialog = await screen.findByTestId("confirm-delete");
    expect(dialog.textContent).toContain("Delete 1 case for good?");
    await user.click(within(dialog).getByRole("button", { name: "Delete for good" }));
    await waitFor(() => expect(screen.getByTestId("retention-done").textContent).toContain("1 case deleted"));
    expect(fake.dueCases.map((c) => c.id)).toEqual(["c2"]);
    expect(screen.queryByText("Zofia Quartermaine")).toBeNull();
  });
});
