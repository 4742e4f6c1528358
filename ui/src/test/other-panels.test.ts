import { render, screen, waitFor, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Backend } from "../lib/backend";
import type { CaseInput } from "../lib/bindings";
import Cases from "../screens/Cases.svelte";
import { axeViolations, signedInBackend } from "./render";

async function referral(api: Backend, panelId: string, name: string, born: string, reason: string): Promise<string> {
  const input: CaseInput = {
    ...(await api.newCaseDefaults(panelId)),
    subject_name: name,
    date_of_birth: born,
    referral_route: "professional_judgement",
    referral_reason: reason,
    consent: "given",
  };
  return (await api.createCase(input)).id;
}

describe("the same person across panels", () => {
  it("shows another panel's case by reference and panel only, at triage and on the case, and keeps the answer", async () => {
    const { api } = await signedInBackend();
    const youth = await api.createPanel({ ...(await api.newPanelDefaults("youth_marac")), name: "Lowbridge Youth MARAC" });
    const marac = await api.createPanel({ ...(await api.newPanelDefaults("marac")), name: "Lowbridge MARAC" });
    await referral(api, youth.id, "Amara Okafor", "14/03/2009", "Seen with older males.");
    const adult = await referral(api, marac.id, "Grace Adeyemi", "01/02/1990", "Threats to kill.");
    const details = (await api.getCase(adult)).referral;
    await api.saveReferralDetails(adult, {
      ...details,
      perpetrators: [{ id: null, name: "Amara Okáfor", aliases: [], date_of_birth: "14/03/2009", relationship: null }],
    });
    const youthCase = (await api.listCases({ panel_id: youth.id, status: null, query: "" }))[0]!;

    const user = userEvent.setup();
    render(Cases, { onmeeting: () => {} });
    await user.selectOptions(await screen.findByLabelText("Show"), "referred");
    const triage = await screen.findByRole("list", { name: "Referrals awaiting triage" });
    // The MARAC's referral: its perpetrator is the Youth MARAC's young person.
    await waitFor(() => expect(triage.textContent).toContain("Perpetrator Amara Okáfor: known to Lowbridge Youth MARAC"));
    await user.click(await within(triage).findByRole("button", { name: /Grace Adeyemi/ }));
    const notice = await screen.findByTestId("other-panels");
    expect(notice.textContent).toContain(`case ${youthCase.reference} of Lowbridge Youth MARAC`);
    expect(notice.textContent).not.toContain("Amara Okafor");
    expect(notice.textContent).not.toContain("Seen with older males");
    expect(await axeViolations(notice)).toEqual([]);
    await user.click(within(notice).getByRole("button", { name: /^Same person/ }));
    await waitFor(() => expect(screen.getByTestId("other-panels").textContent).toContain("(confirmed)"));
    expect((await api.getCase(adult)).other_panels[0]?.confirmed).toBe(true);
    // The Youth MARAC's case sees the MARAC's in turn, by reference and panel.
    expect((await api.getCase(youthCase.id)).other_panels.map((m) => [m.who, m.panel_name])).toEqual([["The person", "Lowbridge MARAC"]]);
  });
});
