/**
 * The stories of changes (CAB go/no-go, execution, sometimes rolled back or causing an incident,
 * handover documents updated afterwards: T1.3, T2.1, T2.2) and standard changes from the SWC
 * catalog (executed within the item's lead time, sometimes reworked: O2.1, O2.2).
 */
import { localParts, localToMs, MINUTE, SERVICE_DAY_MINUTES } from "./calendar.js";
import { type CatalogItem, type Group, pickOperator, STANDARD_CHANGE_CATALOG } from "./organisation.js";
import type { DraftTicket, StoryContext, TicketSpec } from "./ticket-spec.js";
import { Timeline } from "./timeline.js";

const DAY = SERVICE_DAY_MINUTES;

/** The caller's view at the start: acknowledgement, owner, a first reply. */
function intake(tl: Timeline, ctx: StoryContext, group: Group): void {
  const { rng } = ctx;
  tl.comment(true, true, tl.createdAt + rng.int(3, 40) * 1000);
  tl.advance(rng.float(5, 90));
  tl.assign(pickOperator(rng, group), group, null);
  tl.advance(rng.float(5, 150));
  tl.comment(true);
}

export function changeStory(ctx: StoryContext, spec: TicketSpec): DraftTicket {
  const { cal, rng } = ctx;
  const tr = spec.change;
  const tl = new Timeline(cal, "business", spec.createdAt);
  intake(tl, ctx, spec.subject.group);
  // An urgent change (`quick`) goes to the CAB and is carried out within days.
  const pace = tr.quick === true ? 0.2 : 1;
  tl.advance(rng.float(1, 5) * DAY * pace);
  tl.comment(false);
  tl.advance(rng.float(0.5, 6) * DAY * pace);
  if (tr.noGoFirst) {
    tl.push({ type: "go-no-go", decision: "no-go" });
    tl.comment(true);
    tl.advance(rng.float(3, 8) * DAY);
  }
  tl.push({ type: "go-no-go", decision: "go" });
  const days = tr.lateExecution ? rng.float(15.5, 25) : rng.skewed(0.5, 13.5, 1.3) * pace;
  tl.advance(days * DAY);
  // Half of the changes run in the evening maintenance window of that working day.
  if (rng.chance(0.5)) {
    const local = localParts(tl.t);
    tl.t = localToMs(local.year, local.month, local.day, 19, rng.int(0, 150));
  }
  const executedAt = tl.t;
  tl.push({ type: "executed" });
  tl.comment(true);
  if (tr.rolledBack) {
    tl.t += Math.round(rng.float(30, 240) * MINUTE);
    tl.push({ type: "rolled-back" });
    tl.comment(true);
  }
  if (tr.causedIncident) {
    // The incident's id is filled in once all tickets exist (tickets.ts links them).
    tl.push(
      { type: "caused-incident", ticket: null },
      cal.add(executedAt, rng.float(0.3, 3) * DAY, "business"),
    );
  }
  tl.wait(rng.float(1, 3) * DAY);
  tl.comment(true);
  tl.push({ type: "resolved" });
  tl.wait(rng.float(3, 5) * DAY);
  tl.push({ type: "closed" });
  if (tr.docs !== "never") {
    const docsDays = tr.docs === "late" ? rng.float(21, 35) : rng.skewed(1, 18, 1.2);
    tl.push({ type: "docs-updated" }, cal.add(executedAt, docsDays * DAY, "business"));
  }
  return { spec, leadTimeDays: null, events: tl.events, unhappy: tr.rolledBack || tr.causedIncident };
}

export function standardChangeStory(ctx: StoryContext, spec: TicketSpec): DraftTicket {
  const { cal, rng } = ctx;
  const tr = spec.change;
  const item = STANDARD_CHANGE_CATALOG[(spec.catalogItem ?? "SWC-05") as CatalogItem];
  const leadTimeDays = tr.leadTimeOverride ? item.leadTimeDays + rng.int(1, 5) : null;
  const lead = (leadTimeDays ?? item.leadTimeDays) * DAY;
  const tl = new Timeline(cal, "business", spec.createdAt);
  intake(tl, ctx, item.group);
  const executeAt = tr.lateExecution
    ? lead + rng.float(30, 1800)
    : Math.max(tl.active + 30, lead * rng.float(0.2, 0.95));
  if (tr.customerPause) {
    tl.advanceTo(tl.active + (executeAt - tl.active) * rng.float(0.1, 0.6));
    tl.push({ type: "paused", reason: "customer" });
    tl.comment(true);
    tl.wait(rng.float(120, 1800));
    tl.push({ type: "resumed" });
  }
  tl.advanceTo(executeAt);
  tl.push({ type: "executed" });
  tl.comment(true);
  if (tr.rework) {
    tl.wait(rng.float(60, 1200));
    tl.push({ type: "rework" });
    tl.comment(true);
    tl.advance(rng.float(60, 480));
    tl.push({ type: "executed" });
  }
  tl.advance(rng.float(5, 120));
  tl.push({ type: "resolved" });
  tl.wait(rng.float(3, 5) * DAY);
  tl.push({ type: "closed" });
  return { spec, leadTimeDays, events: tl.events, unhappy: tr.lateExecution || tr.rework };
}
