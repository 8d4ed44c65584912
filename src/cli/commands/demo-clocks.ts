/** The demo's glance at live SLA clocks: open tickets per clock state as of `now`. */
import type { ContractRuntime } from "../../contract/index.js";
import { computeClocks } from "../../engine/timeline/index.js";
import type { Store } from "../../store/types.js";
import type { Output } from "../output.js";

export async function printLiveClocks(
  out: Output,
  store: Store,
  runtime: ContractRuntime,
  now: number,
): Promise<void> {
  const { calendar } = runtime;
  const policy = runtime.policyAt(now);
  const open = await store.records("ticket", { openOnly: true });
  const counts = new Map<string, number>();
  for (const ticket of open) {
    for (const clock of computeClocks(ticket, { calendar, policy, now })) {
      if (clock.status === "no-norm" || clock.status === "met") continue;
      const key = `${clock.name} ${clock.status}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const line = [...counts.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, n]) => `${n} ${k}`)
    .join(", ");
  out.text(`  live clocks of ${open.length} open tickets: ${line || "none running"}`);
}
