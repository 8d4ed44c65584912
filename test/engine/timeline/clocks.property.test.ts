/**
 * Invariants of computeClocks over random ticket histories (one priority for the ticket's life,
 * so the counting priority is known): status, elapsed time and deadline must agree with each
 * other on the real calendar, whatever the mix of pauses, reopens and responses.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type ClockOutcome,
  computeClocks,
  DEFAULT_CLOCK_POLICY,
} from "../../../src/engine/timeline/index.js";
import { at, calendar, MINUTE_MS, ticket } from "./helpers.js";

// Thu 2026-03-05 10:00: histories span a weekend and, for P1, nights.
const START = at("2026-03-05T10:00:00+01:00");
const SPAN_MIN = 6 * 24 * 60;

type EventInput = NonNullable<Parameters<typeof ticket>[1]>[number];
/** An event `minute` minutes after START; `at` is added when the ticket is built. */
type GeneratedEvent = { minute: number } & DistributiveOmit<EventInput, "at">;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
interface Scenario {
  priority: "P1" | "P2";
  events: GeneratedEvent[];
  nowMinute: number;
}

const minute = fc.integer({ min: 0, max: SPAN_MIN });
const event: fc.Arbitrary<GeneratedEvent> = fc.oneof(
  fc.record({
    minute,
    type: fc.constant("comment" as const),
    visibleToCaller: fc.boolean(),
    automated: fc.boolean(),
  }),
  fc.record({
    minute,
    type: fc.constant("paused" as const),
    reason: fc.constantFrom("customer" as const, "third-party" as const, "other" as const),
  }),
  fc.record({
    minute,
    type: fc.constantFrom(
      "resumed" as const,
      "resolved" as const,
      "reopened" as const,
      "stabilized" as const,
      "contained" as const,
    ),
  }),
);

const iso = (m: number) => new Date(START + m * MINUTE_MS).toISOString();

const scenario: fc.Arbitrary<Scenario> = fc.record({
  priority: fc.constantFrom("P1" as const, "P2" as const),
  events: fc.array(event, { maxLength: 14 }),
  nowMinute: fc.integer({ min: 0, max: SPAN_MIN + 600 }),
});

function clocksOf(s: Scenario, nowMinute = s.nowMinute): ClockOutcome[] {
  const events = s.events.map(({ minute: m, ...rest }) => ({ ...rest, at: iso(m) }) as EventInput);
  const t = ticket({ type: "security-incident", priority: s.priority, createdAt: iso(0) }, events);
  return computeClocks(t, { calendar, policy: DEFAULT_CLOCK_POLICY, now: START + nowMinute * MINUTE_MS });
}

describe("clock invariants", () => {
  it("status, elapsed and deadline agree", () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const now = START + s.nowMinute * MINUTE_MS;
        for (const c of clocksOf(s)) {
          if (c.status === "no-norm") {
            expect(c.deadline).toBeNull();
            continue;
          }
          const allowed = c.allowedMs as number;
          const deadline = c.deadline as number;
          // Norms are inclusive: in time exactly when no more than the allowed time was used.
          if (c.stopAt !== null) expect(c.status).toBe(c.elapsedMs <= allowed ? "met" : "breached");
          else if (c.elapsedMs > allowed) expect(c.status).toBe("breached");
          else {
            expect(["running", "paused"]).toContain(c.status);
            // Not stopped and in time: the time left runs from now to the deadline; none is left
            // when the deadline lies behind (in the closed hours or a pause right after it).
            expect(allowed - c.elapsedMs).toBe(Math.max(0, calendar.elapsedMs(now, deadline, c.clockKind)));
          }
          // The deadline is where the allowed time is used up: never before the start.
          expect(deadline).toBeGreaterThanOrEqual(c.startAt);
          if (c.status === "breached") {
            const end = c.stopAt ?? now;
            expect(c.breachedAt).not.toBeNull();
            expect(c.breachedAt as number).toBeGreaterThanOrEqual(deadline);
            expect(c.breachedAt as number).toBeLessThan(end);
          } else {
            expect(c.breachedAt).toBeNull();
          }
          if (c.status === "paused") expect(c.stopAt).toBeNull();
        }
      }),
      { numRuns: 400 },
    );
  });

  it("counted and paused time never exceed the time since the start, and only grow", () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 0, max: 600 }), (s, later) => {
        const earlier = clocksOf(s);
        const afterwards = clocksOf(s, s.nowMinute + later);
        const now = START + s.nowMinute * MINUTE_MS;
        earlier.forEach((c, i) => {
          const end = c.stopAt ?? now;
          expect(c.elapsedMs + c.pausedMs).toBeLessThanOrEqual(
            calendar.elapsedMs(c.startAt, end, c.clockKind),
          );
          if (c.name === "response") expect(c.pausedMs).toBe(0);
          const next = afterwards[i] as ClockOutcome;
          expect(next.name).toBe(c.name);
          expect(next.elapsedMs).toBeGreaterThanOrEqual(c.elapsedMs);
          // A stopped response, stabilisation or containment clock stays stopped where it was.
          if (c.stopAt !== null && c.name !== "resolution") expect(next.stopAt).toBe(c.stopAt);
        });
      }),
      { numRuns: 300 },
    );
  });
});
