/**
 * `contract.rules.signals`: the windows and thresholds of the "green on paper, red in reality"
 * signals (docs/signals.md). Every signal has its own group with the windows that decide its
 * cases and two thresholds: `maxRise`, how far above the organisation's own baseline it may
 * rise, and `ceiling`, the level that is a signal whatever the history. Both are shares (0–1).
 */
import { z } from "zod";
import { settingsGroup, wholeNumber } from "./values.js";

const SHARE_MESSAGE = "must be a share between 0 and 1, e.g. 0.05";
const share = z.number().min(0, { message: SHARE_MESSAGE }).max(1, { message: SHARE_MESSAGE });
/** A share that must leave something to measure: 0 would make every case (or none) a hit. */
const openShare = z
  .number()
  .gt(0, { message: "must be a share above 0 and at most 1, e.g. 0.1" })
  .max(1, { message: "must be a share above 0 and at most 1, e.g. 0.1" });
const serviceDays = z.number().gt(0, { message: "must be greater than 0 (service days)" });
const windowMinutes = wholeNumber({ min: 1 });

function thresholds(maxRise: number, ceiling: number) {
  return { maxRise: share.default(maxRise), ceiling: share.default(ceiling) };
}

export const signalsSchema = settingsGroup({
  /** A period with fewer cases gets no verdict and does not count towards a baseline. */
  minPopulation: wholeNumber({ min: 1 }).default(20),
  /** Preceding periods with enough cases needed for a baseline; with fewer only `ceiling` flags. */
  minBaselinePeriods: wholeNumber({ min: 1 }).default(3),
  downgradeNearDeadline: settingsGroup({
    windowMinutes: windowMinutes.default(60),
    ...thresholds(0.01, 0.02),
  }),
  upgradeAfterDeadline: settingsGroup(thresholds(0.01, 0.02)),
  pauseNearDeadline: settingsGroup({ windowMinutes: windowMinutes.default(60), ...thresholds(0.01, 0.02) }),
  recurringPauses: settingsGroup({
    minPauses: wholeNumber({ min: 2 }).default(3),
    ...thresholds(0.02, 0.05),
  }),
  pausedShare: settingsGroup({ ticketShare: openShare.default(0.5), ...thresholds(0.05, 0.25) }),
  reopened: settingsGroup(thresholds(0.02, 0.08)),
  reRegistered: settingsGroup({ windowServiceDays: serviceDays.default(1), ...thresholds(0.01, 0.03) }),
  satisfactionGap: settingsGroup(thresholds(0.1, 0.2)),
  silentStretches: settingsGroup({ maxServiceDays: serviceDays.default(2), ...thresholds(0.03, 0.1) }),
  repeatedContacts: settingsGroup({
    minContacts: wholeNumber({ min: 1 }).default(2),
    ...thresholds(0.01, 0.03),
  }),
  responseNormEdge: settingsGroup({ edgeShare: openShare.default(0.1), ...thresholds(0.03, 0.1) }),
  resolutionNormEdge: settingsGroup({ edgeShare: openShare.default(0.1), ...thresholds(0.03, 0.1) }),
});

export type SignalSettings = z.output<typeof signalsSchema>;
