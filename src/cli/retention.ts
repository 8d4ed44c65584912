import { DateTime } from "luxon";
import type { Store } from "../store/types.js";

/** Removes records older than `months` (counted back from now in the contract's zone); returns how many. */
export async function applyRetention(
  store: Store,
  months: number | null,
  now: number,
  zone: string,
): Promise<number> {
  if (months === null) return 0;
  const cutoff = DateTime.fromMillis(now, { zone }).minus({ months }).toMillis();
  const removed = await store.purgeBefore(cutoff);
  return Object.values(removed).reduce((a, b) => a + b, 0);
}
