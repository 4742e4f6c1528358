import { render, screen, waitFor } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import ReceiveTransfer from "../screens/ReceiveTransfer.svelte";
import TransferSection from "../screens/TransferSection.svelte";
import { axeViolations, signedInBackend } from "./render";

const PASSPHRASE = "lantern orbit copper meadow";
const SLOW = { timeout: 30_000 };

describe("a transfer between two areas' MARACs", () => {
  it("sends a case as an encrypted file, imports it as a case of the other panel, and the receipt closes the loop", async () => {
    const { api } = await signedInBackend("demo");
    const user = userEvent.setup();
    const northtown = await api.createPanel({ ...(await api.newPanelDefaults("marac")), name: "Northtown MARAC" });
    const [first] = await api.listCases({ panel_id: null, status: null, query: "" });
    const detail = await api.getCase(first!.id);
    // The files the browser is handed to save.
    const blobs: Blob[] = [];
    const made = vi.spyOn(URL, "createObjectURL").mockImplementation((b) => {
      blobs.push(b as Blob);
      return "blob:roundtable-test";
    });
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(() => {});

    const sender = render(TransferSection, { detail, onchanged: () => {} });
    await user.click(screen.getByText(/Send this case to the MARAC/));
    await user.type(screen.getByLabelText("Receiving panel"), "Northtown MARAC");
    await user.type(screen.getByLabelText("Passphrase", { selector: "#transfer-passphrase" }), "marac");
    await user.type(screen.getByLabelText("Passphrase again"), "marac");
    await user.click(screen.getByRole("button", { name: "Make the transfer file" }));
    expect(await screen.findByText(/at least 12 characters/)).toBeTruthy();
    await user.clear(screen.getByLabelText("Passphrase", { selector: "#transfer-passphrase" }));
    await user.type(screen.getByLabelText("Passphrase", { selector: "#transfer-passphrase" }), PASSPHRASE);
    await user.clear(screen.getByLabelText("Passphrase again"));
    await user.type(screen.getByLabelText("Passphrase again"), PASSPHRASE);
    await user.click(screen.getByRole("button", { name: "Make the transfer file" }));
    // Each passphrase is stretched with scrypt (about a second): allow for it.
    await waitFor(() => expect(screen.getByTestId("transfer-written").textContent).toMatch(/Downloaded .+\.rttransfer/), SLOW);
    expect(await axeViolations(sender.container)).toEqual([]);
    const bundle = new Uint8Array(await blobs[0]!.arrayBuffer());
    expect(new TextDecoder().decode(bundle)).not.toContain(detail.input.subject_name);

    const opened: string[] = [];
    const receiver = render(ReceiveTransfer, { panelId: northtown.id, onreceived: (id: string) => opened.push(id) });
    const file = new File([bundle], "transfer.rttransfer");
    await user.upload(screen.getByLabelText("Transfer file"), file);
    await user.type(screen.getByLabelText("Passphrase", { selector: "#receive-passphrase" }), "another passphrase entirely");
    await user.click(screen.getByRole("button", { name: "Import the transfer" }));
    expect(await screen.findByText(/does not open this file/, {}, SLOW)).toBeTruthy();
    await user.clear(screen.getByLabelText("Passphrase", { selector: "#receive-passphrase" }));
    await user.type(screen.getByLabelText("Passphrase", { selector: "#receive-passphrase" }), PASSPHRASE);
    await user.click(screen.getByRole("button", { name: "Import the transfer" }));
    const done = await screen.findByTestId("transfer-received", {}, SLOW);
    expect(done.textContent).toContain(detail.input.subject_name);
    expect(await axeViolations(receiver.container)).toEqual([]);
    const arrived = (await api.listCases({ panel_id: northtown.id, status: null, query: "" }))[0]!;
    expect(done.textContent).toContain(arrived.reference);
    const history = (await api.getCase(arrived.id)).history.map((e) => e.detail);
    expect(history.some((h) => h.startsWith("Transferred from ") && h.includes(detail.reference))).toBe(true);

    // The same file again: refused, nothing added.
    await user.type(screen.getByLabelText("Passphrase", { selector: "#receive-passphrase" }), PASSPHRASE);
    await user.click(screen.getByRole("button", { name: "Import the transfer" }));
    expect(await screen.findByText(/already imported/, {}, SLOW)).toBeTruthy();
    expect(await api.listCases({ panel_id: northtown.id, status: null, query: "" })).toHaveLength(1);

    // The receipt, back at the sender.
    const receipt = new Uint8Array(await blobs[1]!.arrayBuffer());
    await user.upload(screen.getByLabelText(/Receipt file/), new File([receipt], "receipt.rtreceipt"));
    await user.type(screen.getByLabelText("Passphrase", { selector: "#receipt-passphrase" }), PASSPHRASE);
    await user.click(screen.getByRole("button", { name: "Record the receipt" }));
    await waitFor(() => expect(screen.getByTestId("transfer-closed").textContent).toContain(`as their case ${arrived.reference}`), SLOW);
    const told = (await api.getCase(detail.id)).history.map((e) => e.detail);
    expect(told.some((h) => h.startsWith("Receipt from Northtown MARAC"))).toBe(true);
    made.mockRestore();
    click.mockRestore();
  }, 120_000);
});
