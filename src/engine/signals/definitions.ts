/**
 * Every signal as the report names it: its group, title, what it measures (with the configured
 * windows filled in), the settings group holding its thresholds, and the better measure to
 * propose (appendix 12a §1 invites the supplier to propose better measures when every KPI is
 * green but the situation feels different). docs/signals.md explains each at length.
 */
import type { SignalSettings } from "../../config/schema/signals.js";
import { formatNumber, formatRatio } from "../report/norm-text.js";
import type { SignalGroup, SignalId } from "./types.js";

type ThresholdKey = Exclude<keyof SignalSettings, "minPopulation" | "minBaselinePeriods">;

export interface SignalDefinition {
  id: SignalId;
  group: SignalGroup;
  title: string;
  settingsKey: ThresholdKey;
  definition(settings: SignalSettings): string;
  suggestedMeasure(settings: SignalSettings): string;
}

const CLOCK_CASES =
  "response and resolution clocks of incidents and security incidents counted in the period (M5)";

export const SIGNAL_DEFINITIONS: Readonly<Record<SignalId, SignalDefinition>> = {
  "downgrade-near-deadline": {
    id: "downgrade-near-deadline",
    group: "clock-management",
    title: "Priority lowered shortly before a deadline",
    settingsKey: "downgradeNearDeadline",
    definition: (s) =>
      `share of the ${CLOCK_CASES} whose priority was lowered, while the clock ran, at most ${s.downgradeNearDeadline.windowMinutes} min before the deadline of the priority it replaced, or after that deadline`,
    suggestedMeasure: (s) =>
      `response and resolution times measured against the priority in force ${s.downgradeNearDeadline.windowMinutes} min before the original deadline`,
  },
  "upgrade-after-deadline": {
    id: "upgrade-after-deadline",
    group: "clock-management",
    title: "Priority raised after its deadline had passed",
    settingsKey: "upgradeAfterDeadline",
    definition: () =>
      `share of the ${CLOCK_CASES} whose priority was raised, while the clock ran, when the stricter priority's norm was already used up: registered too low`,
    suggestedMeasure: () =>
      "priority right at registration: share of incidents whose priority was not raised later (intake quality)",
  },
  "pause-near-deadline": {
    id: "pause-near-deadline",
    group: "clock-management",
    title: "Clock paused shortly before the resolution deadline",
    settingsKey: "pauseNearDeadline",
    definition: (s) =>
      `share of the resolution clocks of incidents counted in the period with a pause that stopped the clock when at most ${s.pauseNearDeadline.windowMinutes} min of the norm was left`,
    suggestedMeasure: (s) =>
      `resolution time including pauses started within ${s.pauseNearDeadline.windowMinutes} min of the deadline`,
  },
  "recurring-pauses": {
    id: "recurring-pauses",
    group: "clock-management",
    title: "Clock paused again and again",
    settingsKey: "recurringPauses",
    definition: (s) =>
      `share of the resolution clocks of incidents counted in the period that were paused ${s.recurringPauses.minPauses} times or more`,
    suggestedMeasure: () => "resolution time counting every pause after the first as running time",
  },
  "paused-share": {
    id: "paused-share",
    group: "clock-management",
    title: "Paused time as a share of handling time",
    settingsKey: "pausedShare",
    definition: (s) =>
      `paused time ÷ (running + paused time) on the resolution clocks of incidents counted in the period; cases: tickets paused for more than ${formatRatio(s.pausedShare.ticketShare)} of their handling time`,
    suggestedMeasure: () =>
      "resolution time on the calendar, pauses included, reported beside the contract's figure",
  },
  reopened: {
    id: "reopened",
    group: "clock-management",
    title: "Resolved, then reopened",
    settingsKey: "reopened",
    definition: () =>
      "share of the tickets (changes excluded) finally resolved in the period that were reopened",
    suggestedMeasure: () =>
      "resolution time up to the final resolution, the time between a resolution and its reopen counted",
  },
  "re-registered": {
    id: "re-registered",
    group: "clock-management",
    title: "Resolved and registered again for the same subject",
    settingsKey: "reRegistered",
    definition: (s) =>
      `share of the tickets (changes excluded) registered in the period for the same location and subject as a ticket resolved at most ${formatNumber(s.reRegistered.windowServiceDays)} service day(s) before`,
    suggestedMeasure: () =>
      "resolution time from the first registration of a subject to the final resolution of its last re-registration",
  },
  "satisfaction-gap": {
    id: "satisfaction-gap",
    group: "experience",
    title: "Within norm on paper, unhappy in practice",
    settingsKey: "satisfactionGap",
    definition: () =>
      "share within norm minus share rated 7/10 or higher, over the rated incidents finally resolved in the period; cases: rated below 7 although every clock was within norm",
    suggestedMeasure: () => "one KPI for both: incidents resolved within norm and rated 7/10 or higher",
  },
  "silent-stretches": {
    id: "silent-stretches",
    group: "experience",
    title: "Long silence towards the caller",
    settingsKey: "silentStretches",
    definition: (s) =>
      `share of the tickets (changes excluded) with more than ${formatNumber(s.silentStretches.maxServiceDays)} service day(s) of open, unpaused time without a caller-visible update; counted where the silence ran too long, else at the final resolution`,
    suggestedMeasure: (s) =>
      `share of open tickets whose caller got an update at least every ${formatNumber(s.silentStretches.maxServiceDays)} service day(s) (O3.1 for every open ticket)`,
  },
  "repeated-contacts": {
    id: "repeated-contacts",
    group: "experience",
    title: "Caller had to come back",
    settingsKey: "repeatedContacts",
    definition: (s) =>
      `share of the tickets (changes excluded) finally resolved in the period with ${s.repeatedContacts.minContacts} or more further contacts: reopens, and tickets for the same location and subject registered while it was open`,
    suggestedMeasure: () =>
      "first-contact resolution as the caller sees it: resolved without a reopen or a repeated registration",
  },
  "response-norm-edge": {
    id: "response-norm-edge",
    group: "norm-edges",
    title: "First responses piling up just under the norm",
    settingsKey: "responseNormEdge",
    definition: (s) =>
      `share of the stopped response clocks with a norm counted in the period that used more than ${formatRatio(1 - s.responseNormEdge.edgeShare)} and at most 100 % of their norm`,
    suggestedMeasure: () => "the response time's 90th percentile per priority beside the share within norm",
  },
  "resolution-norm-edge": {
    id: "resolution-norm-edge",
    group: "norm-edges",
    title: "Resolutions piling up just under the norm",
    settingsKey: "resolutionNormEdge",
    definition: (s) =>
      `share of the stopped resolution clocks with a norm counted in the period that used more than ${formatRatio(1 - s.resolutionNormEdge.edgeShare)} and at most 100 % of their norm`,
    suggestedMeasure: () =>
      "the resolution time's median and 90th percentile per priority beside the share within norm",
  },
};
