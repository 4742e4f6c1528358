// An agency's representative on the server (issue 18): its own agency's
// actions and its reports on them. The server takes the agency from the
// account; the rules (what it may see, "not done" needs a reason) are the
// core's and the database's.
import type { Action, ActionFilter, ReportInput, TrackerPage } from "../bindings";
import { call } from "./http";

export const agencyActions = (filter: ActionFilter) => call<TrackerPage>("agency_actions", { filter });
export const reportAgencyActions = (ids: string[], input: ReportInput) => call<Action[]>("agency_report_actions", { ids, input });
