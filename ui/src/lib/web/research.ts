// Research before a meeting, as the panel's staff see it on the server
// (issue 18): publishing a meeting's case list with the last day for
// answers, the grid of who has researched what, and reminders. The rules
// are the core's; the desktop app has no agency accounts to ask.
import type { ResearchGrid, ResearchRequestInput } from "../bindings";
import { call } from "./http";

export const researchGrid = (meetingId: string) => call<ResearchGrid>("research_grid", { meetingId });
export const publishResearch = (meetingId: string, input: ResearchRequestInput) =>
  call<ResearchGrid>("publish_research", { meetingId, input });
export const remindResearch = (meetingId: string, agencyId: string) =>
  call<ResearchGrid>("remind_research", { meetingId, agencyId });
