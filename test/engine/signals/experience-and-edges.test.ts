/**
 * CSAT beside the share within norm, and where clocks stop relative to their norm. Hand-made P2
 * incidents registered Monday 2 March 2026 09:00: response norm 60 min (10:00), resolution 8
 * business hours (17:00).
 */
import { describe, expect, it } from "vitest";
import { NORM_EDGE_BUCKETS, normEdgeBucket } from "../../../src/engine/signals/index.js";
import { ev, figureOf, signalOf, signalsOf, ticket } from "./helpers.js";

const MON = "2026-03-02";
const TUE = "2026-03-03";
const created = `${MON}T09:00:00+01:00`;

describe("satisfaction-gap", () => {
  const p2 = (id: string, resolvedAt: string, csat: { score: number; scale: number } | null, group: string) =>
    ticket(id, { priority: "P2", createdAt: created, csat }, [
      ev.assigned(`${MON}T09:10:00+01:00`, group),
      ev.reply(`${MON}T09:20:00+01:00`),
      ev.resolved(resolvedAt),
    ]);
  const tickets = [
    p2("I-1", `${MON}T14:00:00+01:00`, { score: 5, scale: 10 }, "servicedesk"), // within, unhappy: the case
    p2("I-2", `${MON}T14:00:00+01:00`, { score: 9, scale: 10 }, "servicedesk"), // within, satisfied
    p2("I-3", `${TUE}T12:00:00+01:00`, { score: 2, scale: 5 }, "werkplek"), // breached, unhappy (2/5 → 4)
    p2("I-4", `${MON}T14:00:00+01:00`, null, "werkplek"), // not rated: not in the population
    ticket(
      "SR-1",
      { type: "service-request", priority: "P2", createdAt: created, csat: { score: 1, scale: 10 } },
      [ev.reply(`${MON}T09:20:00+01:00`), ev.resolved(`${MON}T14:00:00+01:00`)],
    ), // not an incident
  ];

  it("is within norm minus satisfied over the rated incidents; within norm but unhappy is a case", () => {
    expect(figureOf(tickets, "satisfaction-gap")).toEqual({
      value: (2 - 1) / 3,
      n: 3,
      hits: 1,
      cases: ["I-1"],
    });
    expect(signalOf(signalsOf(tickets), "satisfaction-gap").cases[0]?.note).toBe(
      "rated 5/10 although every clock was within norm; resolved 2026-03-02 14:00",
    );
  });

  it("sets them side by side per period, priority and resolver group", () => {
    expect(signalsOf(tickets).experience).toEqual({
      byPeriod: [{ key: "2026-03", n: 3, withinNorm: 2 / 3, satisfied: 1 / 3 }],
      byPriority: [{ key: "P2", n: 3, withinNorm: 2 / 3, satisfied: 1 / 3 }],
      byGroup: [
        { key: "servicedesk", n: 2, withinNorm: 1, satisfied: 0.5 },
        { key: "werkplek", n: 1, withinNorm: 0, satisfied: 0 },
      ],
    });
  });

  it("maps a 1–5 rating as O3.3 does (4 → 8: satisfied)", () => {
    const rated = [p2("I-5", `${MON}T14:00:00+01:00`, { score: 4, scale: 5 }, "servicedesk")];
    expect(figureOf(rated, "satisfaction-gap")).toMatchObject({ value: 0, n: 1, hits: 0 });
  });
});

describe("normEdgeBucket", () => {
  it.each([
    [0, 0],
    [0.05, 0],
    [0.1, 0],
    [0.1000001, 1],
    [0.3, 2],
    [0.9, 8],
    [0.95, 9],
    [1, 9],
    [1.0001, 10],
    [1.5, 14],
    [1.51, 15],
    [3, 15],
  ])("%f of the norm → bucket %i", (ratio, bucket) => {
    expect(normEdgeBucket(ratio)).toBe(bucket);
  });
});

describe("response- and resolution-norm-edge", () => {
  const incident = (id: string, replyAt: string, resolvedAt: string) =>
    ticket(id, { priority: "P2", createdAt: created }, [ev.reply(replyAt), ev.resolved(resolvedAt)]);
  const tickets = [
    incident("E-1", `${MON}T09:20:00+01:00`, `${MON}T16:30:00+01:00`), // response 33 %, resolution 93.75 %: edge
    incident("E-2", `${MON}T09:57:00+01:00`, `${MON}T15:00:00+01:00`), // response 95 %: edge; resolution 75 %
    incident("E-3", `${MON}T10:30:00+01:00`, `${TUE}T09:00:00+01:00`), // response 150 %, resolution 125 %: beyond
    incident("E-4", `${MON}T09:54:00+01:00`, `${MON}T17:00:00+01:00`), // response exactly 90 %: NOT edge; resolution 100 %: edge
    // Not stopped yet: in neither population.
    ticket("E-5", { priority: "P2", createdAt: "2026-03-31T16:00:00+02:00" }),
  ];

  it.each([
    { id: "response-norm-edge" as const, value: 1 / 4, cases: ["E-2"] },
    { id: "resolution-norm-edge" as const, value: 2 / 4, cases: ["E-1", "E-4"] },
  ])("$id: share of stopped clocks in the last tenth of their norm", ({ id, value, cases }) => {
    expect(figureOf(tickets, id, { now: "2026-03-31T16:30:00+02:00" })).toEqual({
      value,
      n: 4,
      hits: cases.length,
      cases,
    });
  });

  it("distributes the stopped clocks over tenths of the norm", () => {
    const section = signalsOf(tickets, { now: "2026-03-31T16:30:00+02:00" });
    const counts = (clock: string) => {
      const d = section.normEdges.find((e) => e.clock === clock && e.priority === "P2");
      return Object.fromEntries((d?.buckets ?? []).flatMap((b, i) => (b.count > 0 ? [[i, b.count]] : [])));
    };
    expect(section.normEdges.map((d) => `${d.clock} ${d.priority} ${d.n}`)).toEqual([
      "response P2 4",
      "resolution P2 4",
    ]);
    expect(counts("response")).toEqual({ 3: 1, 8: 1, 9: 1, 14: 1 });
    expect(counts("resolution")).toEqual({ 7: 1, 9: 2, 12: 1 });
    const buckets = section.normEdges[0]?.buckets ?? [];
    expect(buckets).toHaveLength(NORM_EDGE_BUCKETS);
    expect(buckets[9]).toEqual({ from: 0.9, to: 1, count: 1 });
    expect(buckets[15]).toEqual({ from: 1.5, to: null, count: 0 });
  });

  it("notes how much of the norm was used", () => {
    const signal = signalOf(signalsOf(tickets, { now: "2026-03-31T16:30:00+02:00" }), "resolution-norm-edge");
    expect(signal.cases[0]?.note).toBe("resolution after 7.5 h: 93.8 % of the P2 norm (8 h)");
  });
});
