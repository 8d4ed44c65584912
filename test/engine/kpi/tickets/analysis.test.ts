/**
 * The shared per-report ticket analysis and the scorer registry. Calendar: Amsterdam, Mon–Fri
 * 08:00–18:00; 2026-03-02 is a Monday.
 */
import { describe, expect, it } from "vitest";
import {
  analyseTicket,
  createTicketAnalyser,
  createTicketAnalyses,
  type TicketScoringContext,
  ticketAnalysesFor,
  ticketScorers,
} from "../../../../src/engine/kpi/tickets/index.js";
import type { MeasureSpec } from "../../../../src/engine/kpi/types.js";
import { DEFAULT_CLOCK_POLICY, overrideClockPolicy } from "../../../../src/engine/timeline/index.js";
import { ams, at, calendar, context, ev, input, kpi, ticket } from "./helpers.js";

const NOW = "2026-03-10T12:00:00+01:00";
const t = ticket("A-1", { priority: "P2", createdAt: "2026-03-02T09:00:00+01:00" }, [
  ev.reply("2026-03-02T09:20:00+01:00"),
  ev.resolved("2026-03-02T12:00:00+01:00"),
  ev.reopened("2026-03-03T09:00:00+01:00"),
  ev.resolved("2026-03-03T10:00:00+01:00"),
  // Known only after now: ignored.
  ev.reopened("2026-03-11T09:00:00+01:00"),
]);

describe("analyseTicket", () => {
  it("reads the ticket as known at now", () => {
    const analysis = analyseTicket(t, { calendar, policy: DEFAULT_CLOCK_POLICY, now: at(NOW) });
    expect(ams(analysis.lifecycle?.resolvedAt ?? null)).toBe("2026-03-03T10:00:00+01:00");
    expect(analysis.lifecycle?.openSpans.map(([a, b]) => [ams(a), ams(b)])).toEqual([
      ["2026-03-02T09:00:00+01:00", "2026-03-02T12:00:00+01:00"],
      ["2026-03-03T09:00:00+01:00", "2026-03-03T10:00:00+01:00"],
    ]);
    expect(analysis.lifecycle?.reopenedAt.map(ams)).toEqual(["2026-03-03T09:00:00+01:00"]);
    // 180 + 60 business minutes; the response stopped at 09:20.
    expect(analysis.clock("resolution")?.elapsedMs).toBe(240 * 60_000);
    expect(ams(analysis.clock("response")?.stopAt ?? null)).toBe("2026-03-02T09:20:00+01:00");
    expect(analysis.clock("containment")).toBeNull();
    expect(analysis.majorSchedule()).toBeNull();
    // Computed once: the same outcome object on every call.
    expect(analysis.clock("resolution")).toBe(analysis.clock("resolution"));
  });

  it("moves an event stamped before registration to the registration (clock skew), as the clocks do", () => {
    const skewed = ticket("A-3", { priority: "P2", createdAt: "2026-03-02T09:00:00+01:00" }, [
      ev.reply("2026-03-02T08:59:00+01:00"),
      ev.resolved("2026-03-02T09:30:00.500+01:00"),
    ]);
    const analysis = analyseTicket(skewed, { calendar, policy: DEFAULT_CLOCK_POLICY, now: at(NOW) });
    expect(analysis.history?.events.map((e) => ams(e.at))).toEqual([
      "2026-03-02T09:00:00+01:00",
      // Sub-second parts are dropped (M1: whole seconds).
      "2026-03-02T09:30:00+01:00",
    ]);
    expect(analysis.clock("response")?.elapsedMs).toBe(0);
    expect(ams(analysis.lifecycle?.resolvedAt ?? null)).toBe("2026-03-02T09:30:00+01:00");
  });

  it("has no history for a ticket created after now", () => {
    const later = analyseTicket(t, {
      calendar,
      policy: DEFAULT_CLOCK_POLICY,
      now: at("2026-03-01T12:00:00+01:00"),
    });
    expect(later.history).toBeNull();
    expect(later.lifecycle).toBeNull();
    expect(later.clock("response")).toBeNull();
  });
});

describe("analysers", () => {
  const ctx = { calendar, policy: DEFAULT_CLOCK_POLICY, now: at(NOW) };
  const other = ticket("A-2", { priority: "P3", createdAt: "2026-03-03T09:00:00+01:00" });
  const list = [t, other];

  it("a single-ticket analyser analyses each ticket once", () => {
    const analyse = createTicketAnalyser(ctx);
    expect(analyse(t)).toBe(analyse(t));
  });

  it("positional analyses analyse each position once", () => {
    const analyses = createTicketAnalyses(list, ctx);
    expect(analyses.at(1)).toBe(analyses.at(1));
    expect(analyses.at(1).ticket).toBe(other);
  });

  it("are shared by contexts with the same ticket list, calendar, policy and now", () => {
    const a = ticketAnalysesFor(list, context({ now: NOW }));
    expect(ticketAnalysesFor(list, context({ now: NOW }))).toBe(a);
    expect(ticketAnalysesFor([...list], context({ now: NOW }))).not.toBe(a);
    expect(ticketAnalysesFor(list, context({ now: "2026-03-10T12:00:01+01:00" }))).not.toBe(a);
    const policy = overrideClockPolicy(DEFAULT_CLOCK_POLICY, {});
    expect(ticketAnalysesFor(list, context({ now: NOW, policy }))).not.toBe(a);
  });

  it("a context's own analyses win, then its analyser", () => {
    const own = createTicketAnalyses(list, ctx);
    expect(ticketAnalysesFor(list, { ...context({ now: NOW }), ticketAnalyses: own })).toBe(own);
    // Analyses made for another list are not used for this one.
    expect(ticketAnalysesFor([t], { ...context({ now: NOW }), ticketAnalyses: own })).not.toBe(own);

    const analyser = createTicketAnalyser(ctx);
    const withAnalyser: TicketScoringContext = { ...context({ now: NOW }), ticketAnalyser: analyser };
    const view = ticketAnalysesFor(list, withAnalyser);
    // The same analysis objects as the analyser's, and one view per list.
    expect(view.at(0)).toBe(analyser(t));
    expect(ticketAnalysesFor(list, { ...withAnalyser, period: context({ now: NOW }).period })).toBe(view);
  });
});

describe("ticketScorers", () => {
  const SPECS: MeasureSpec[] = [
    { rule: "response", priority: "P2" },
    { rule: "resolution", priority: "P2" },
    { rule: "p1-resolution" },
    { rule: "containment" },
    { rule: "major-updates" },
    { rule: "proactive-feedback" },
    { rule: "ownership" },
    { rule: "csat" },
    { rule: "first-time-fix" },
    { rule: "workplace-issuance" },
    { rule: "backlog-age" },
    { rule: "coordination" },
  ];

  it("registers one scorer per ticket rule", () => {
    expect(Object.keys(ticketScorers).sort()).toEqual(SPECS.map((s) => s.rule).sort());
  });

  it.each(SPECS)("$rule refuses a KPI of another rule", (spec) => {
    const scorer = ticketScorers[spec.rule];
    const other = kpi("X", spec.rule === "csat" ? { rule: "ownership" } : { rule: "csat" });
    expect(() => scorer?.(input([t]), other, context({ now: NOW }))).toThrow(TypeError);
  });

  it.each(SPECS)("$rule scores an empty period as no data", (spec) => {
    const result = ticketScorers[spec.rule]?.(input([]), kpi("X", spec), context({ now: NOW }));
    expect(result?.score).toBeNull();
    expect(result?.met).toBeNull();
    expect(result?.n).toBe(0);
  });
});
