import type { Bench } from "./types.js";

/** Every benchmark of `npm run bench`, by name; each runs in its own process so memory peaks are its own. */
export const BENCHES: Record<string, () => Promise<{ default: Bench }>> = {
  calendar: () => import("./calendar.js"),
  sync: () => import("./sync.js"),
  report: () => import("./report.js"),
};
