// An agency's representative on the server (issue 18): its own agency's
// actions and its reports on them. The server takes the agency from the
// account; the rules (what it may see, "not done" needs a reason) are the
// core's and the database's.
import type {
  Action, ActionFilter, AgencyPlan, ReportInput, ResearchList, ResearchMeeting, ResearchSubject, ShareInput, TrackerPage,
} from "../bindings";
import { call } from "./http";

export const agencyActions = (filter: ActionFilter) => call<TrackerPage>("agency_actions", { filter });
export const reportAgencyActions = (ids: string[], input: ReportInput) => call<Action[]>("agency_report_actions", { ids, input });
export const agencyActionPlans = () => call<AgencyPlan[]>("agency_action_plans", {});

// Research before a meeting: the case lists the agency is asked to research
// and its answers, each saved as its share of the meeting.
export const agencyResearchMeetings = () => call<ResearchMeeting[]>("agency_research_meetings", {});
export const agencyResearchList = (meetingId: string) => call<ResearchList>("agency_research_list", { meetingId });
export const answerResearch = (meetingId: string, caseId: string, input: ShareInput) =>
  call<ResearchSubject>("agency_research_answer", { meetingId, caseId, input });
