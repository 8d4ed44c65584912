/**
 * Signals "green on paper, red in reality": what the KPIs miss, measured from the same canonical
 * records, per period, against the organisation's own baseline (docs/signals.md).
 */
export { type BaselineRules, baselineOf, flagReasons, rankSignals } from "./baseline.js";
export { computeSignals, type SignalsInput } from "./compute.js";
export { SIGNAL_DEFINITIONS, type SignalDefinition } from "./definitions.js";
export { NORM_EDGE_BUCKETS, normEdgeBucket } from "./norm-edges.js";
export { firstLongSilence, type SilentStretch } from "./silence.js";
export { normalisedTitle, subjectKey } from "./subject-key.js";
export {
  type ExperienceRow,
  type ExperienceTable,
  type FlagReason,
  type NormEdgeClock,
  type NormEdgeDistribution,
  SIGNAL_IDS,
  type SignalCase,
  type SignalFigure,
  type SignalGroup,
  type SignalId,
  type SignalInstant,
  type SignalReport,
  type SignalsSection,
} from "./types.js";
