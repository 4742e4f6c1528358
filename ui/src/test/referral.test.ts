import { screen, waitFor, within } from "@testing-library/svelte";
import { describe, expect, it } from "vitest";
import { axeViolations } from "./render";
import { openMaracReferral } from "./referral-page";

describe("the referral form's records", () => {
  it("keeps perpetrators, children (unborn too) and safe contact as typed, and names a bad date", async () => {
    const { api, user, caseId } = await openMaracReferral();
    const form = await screen.findByTestId("referral-records");

    await user.click(within(form).getByRole("button", { name: "Add a perpetrator" }));
    await user.type(within(form).getByLabelText("Perpetrator 1: name"), "Darren Cole");
    await user.type(within(form).getByLabelText("Other names"), "Dee, DC");
    await user.type(within(form).getAllByLabelText("Date of birth")[0]!, "03/04/1990");
    await user.selectOptions(within(form).getByLabelText("Relationship to the person", { selector: "#referral-perpetrators-0-relationship" }), "former_partner");

    await user.click(within(form).getByRole("button", { name: "Add a child" }));
    await user.type(within(form).getByLabelText("Due date, if unborn"), "01/03/2027");
    await user.type(within(form).getByLabelText("Safe number"), "07700 900123");
    await user.click(within(within(form).getByRole("group", { name: "Is it safe to call?" })).getByLabelText("Yes"));
    await waitFor(async () => {
      const r = (await api.getCase(caseId)).referral;
      expect(r.safe_to_call).toBe("yes");
      expect(r.safe_phone).toBe("07700 900123");
      expect(r.perpetrators).toMatchObject([{ name: "Darren Cole", aliases: ["Dee", "DC"], date_of_birth: "1990-04-03", relationship: "former_partner" }]);
      expect(r.children).toMatchObject([{ name: "", date_of_birth: "", due_date: "2027-03-01" }]);
    });

    // A date of birth and a due date together: named beside the field, the last good save kept.
    const childBorn = within(form).getAllByLabelText("Date of birth")[1]!;
    await user.type(childBorn, "01/01/2020");
    await user.tab();
    await waitFor(() => expect(document.getElementById("referral-children-0-due_date-error")?.textContent).toContain("not both"));
    expect((await api.getCase(caseId)).referral.children[0]?.date_of_birth).toBe("");
    await user.clear(within(form).getByLabelText("Due date, if unborn"));
    await user.tab();
    await waitFor(async () => expect((await api.getCase(caseId)).referral.children[0]?.date_of_birth).toBe("2020-01-01"));
    // Saving again keeps one row each: the ids made on the page are the rows' ids.
    const saved = (await api.getCase(caseId)).referral;
    expect([saved.perpetrators.length, saved.children.length]).toEqual([1, 1]);
    expect(await axeViolations(document.body)).toEqual([]);
  });
});
