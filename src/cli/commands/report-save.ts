/**
 * Saving `report`'s figures to the store's BI tables (docs/bi.md). The store replaces a period's
 * rows with whatever it is given; the rule of which report may replace which lives here.
 */
import type { PeriodReport } from "../../engine/report/index.js";
import type { Instant } from "../../model/instant.js";
import type { Store } from "../../store/types.js";

export type SaveOutcome = { saved: true } | { saved: false; storedGeneratedAt: Instant };

/**
 * Saves the report unless the store holds figures of the same period generated later: a report
 * made `--at` a past moment (to reproduce what was known then) must not replace newer knowledge
 * in the BI tables. A report generated at the same moment replaces (a re-run after a fix).
 */
export async function saveReportUnlessNewer(store: Store, report: PeriodReport): Promise<SaveOutcome> {
  const [stored] = await store.savedReports(report.period.label);
  if (stored !== undefined && stored.generatedAt > report.generatedAt) {
    return { saved: false, storedGeneratedAt: stored.generatedAt };
  }
  await store.saveReport(report);
  return { saved: true };
}

/** The line `report` prints about the BI tables. */
export function saveOutcomeText(outcome: SaveOutcome, period: string): string {
  if (outcome.saved) return `results of ${period} saved in the store for BI tools (docs/bi.md)`;
  return (
    `results of ${period} not saved: the store holds figures generated later ` +
    `(${new Date(outcome.storedGeneratedAt).toISOString()}); the BI tables are unchanged`
  );
}
