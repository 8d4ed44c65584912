import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { generateDemoRecords } from "../../src/demo/index.js";
import { schemaByKind } from "../../src/model/index.js";
import { at, eventsOf, ofKind } from "./fixture.js";
import { storyProblems } from "./story-check.js";

describe("generateDemoRecords for any seed, now and size", () => {
  it("keeps every record valid, every story sound and every event inside the window", () => {
    const nowArb = fc
      .integer({ min: Date.parse("2024-01-01T00:00:00Z"), max: Date.parse("2027-12-31T00:00:00Z") })
      .map((ms) => Math.floor(ms / 1000) * 1000);
    fc.assert(
      fc.property(
        fc.integer(),
        nowArb,
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 150 }),
        (seed, now, months, ticketsPerMonth) => {
          const records = generateDemoRecords({ seed, now, months, ticketsPerMonth });
          const start = DateTime.fromMillis(now, { zone: "Europe/Amsterdam" }).minus({ months }).toMillis();
          const rejected = records.filter((r) => !schemaByKind[r.kind].safeParse(r).success);
          expect(rejected).toEqual([]);
          const tickets = ofKind(records, "ticket");
          const byId = new Map(tickets.map((t) => [t.id, t]));
          expect(tickets.flatMap((t) => storyProblems(t, byId))).toEqual([]);
          const outside = tickets.flatMap((t) =>
            [t.createdAt, ...eventsOf(t).map((e) => e.at)].filter(
              (text) => at(text) < start || at(text) > now,
            ),
          );
          expect(outside).toEqual([]);
        },
      ),
      { numRuns: 10, seed: 20260315 },
    );
  });
});
