/** The `contract.rules.signals` defaults, written out by hand (docs/configuration.md, docs/signals.md). */
export const SIGNAL_DEFAULTS = {
  minPopulation: 20,
  minBaselinePeriods: 3,
  downgradeNearDeadline: { windowMinutes: 60, maxRise: 0.01, ceiling: 0.02 },
  upgradeAfterDeadline: { maxRise: 0.01, ceiling: 0.02 },
  pauseNearDeadline: { windowMinutes: 60, maxRise: 0.01, ceiling: 0.02 },
  recurringPauses: { minPauses: 3, maxRise: 0.02, ceiling: 0.05 },
  pausedShare: { ticketShare: 0.5, maxRise: 0.05, ceiling: 0.25 },
  reopened: { maxRise: 0.02, ceiling: 0.08 },
  reRegistered: { windowServiceDays: 1, maxRise: 0.01, ceiling: 0.03 },
  satisfactionGap: { maxRise: 0.1, ceiling: 0.2 },
  silentStretches: { maxServiceDays: 2, maxRise: 0.03, ceiling: 0.1 },
  repeatedContacts: { minContacts: 2, maxRise: 0.01, ceiling: 0.03 },
  responseNormEdge: { edgeShare: 0.1, maxRise: 0.03, ceiling: 0.1 },
  resolutionNormEdge: { edgeShare: 0.1, maxRise: 0.03, ceiling: 0.1 },
};
