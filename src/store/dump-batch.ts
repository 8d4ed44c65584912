/**
 * Helpers shared by both backends' `dump` and `load` (`sla-sentinel store copy`).
 */

/** Rows per dumped batch unless the caller asks otherwise: a few MB of ticket bodies. */
export const DEFAULT_DUMP_BATCH = 1_000;

export function checkedBatchSize(batchSize: number): number {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`dump batch size must be a whole number of at least 1, got ${batchSize}`);
  }
  return batchSize;
}

/**
 * One row per identity, the last one given winning, at the position its identity first had. A
 * dump never repeats an identity, but a hand-made batch might, and a multi-row upsert may not
 * touch a row twice.
 */
export function distinctBy<T>(rows: readonly T[], identity: (row: T) => string): T[] {
  const byIdentity = new Map<string, T>();
  for (const row of rows) byIdentity.set(identity(row), row);
  return byIdentity.size === rows.length ? [...rows] : [...byIdentity.values()];
}
