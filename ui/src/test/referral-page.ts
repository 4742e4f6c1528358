import { render, screen, within } from "@testing-library/svelte";
import userEvent from "@testing-library/user-event";
import type { CaseInput } from "../lib/bindings";
import Cases from "../screens/Cases.svelte";
import { signedInBackend } from "./render";

/** A MARAC referral made on professional judgement, open on its page. */
export async function openMaracReferral(name = "Grace Adeyemi") {
  const { api } = await signedInBackend();
  const panel = await api.createPanel({ ...(await api.newPanelDefaults("marac")), name: "Lowbridge MARAC" });
  const input: CaseInput = {
    ...(await api.newCaseDefaults(panel.id)),
    subject_name: name,
    referral_route: "professional_judgement",
    referral_reason: "Threats to kill after separation.",
    consent: "given",
  };
  const created = await api.createCase(input);
  const user = userEvent.setup();
  const view = render(Cases, { onmeeting: () => {} });
  const list = await screen.findByRole("list", { name: "Cases" });
  await user.click(await within(list).findByRole("button", { name: new RegExp(name) }));
  return { api, user, view, caseId: created.id };
}
