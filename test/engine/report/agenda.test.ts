import { describe, expect, it } from "vitest";
import type { Cadence } from "../../../src/engine/kpi/types.js";
import { agendaByLevel, isDeviation, isOnAgenda, kpisForPeriod } from "../../../src/engine/report/agenda.js";
import { definition } from "./fixture.js";

describe("kpisForPeriod (M15)", () => {
  const kpi = (id: string, cadence: Cadence[]) => definition(id, id, id, { cadence });
  const definitions = [
    kpi("O1.2", ["monthly"]),
    kpi("T1.1", ["quarterly"]),
    kpi("S2.1", ["yearly"]),
    kpi("T1.4", ["monthly", "yearly"]),
    kpi("O1.10", ["per-incident", "monthly"]),
    kpi("T2.5", ["per-incident", "quarterly"]),
    kpi("O1.11", []),
  ];
  it.each([
    ["month", ["O1.2", "T1.4", "O1.10"]],
    ["quarter", ["O1.2", "T1.1", "T1.4", "O1.10", "T2.5"]],
    ["year", ["O1.2", "T1.1", "S2.1", "T1.4", "O1.10", "T2.5", "O1.11"]],
  ] as const)("a %s report holds %j, in catalog order", (kind, ids) => {
    expect(kpisForPeriod(definitions, kind).map((d) => d.id)).toEqual(ids);
  });
});

describe("isDeviation", () => {
  it.each([
    [true, false, true],
    [true, true, false],
    [true, null, false], // no data is no verdict, so no deviation
    [false, false, false], // missing a norm that is not a minimum requirement is not a breach of contract
  ])("minimum requirement %s, met %s → %s", (minimum, met, expected) => {
    expect(isDeviation(minimum, met)).toBe(expected);
  });
});

describe("isOnAgenda", () => {
  it.each([
    ["always", "operational", true, true],
    ["always", "tactical", null, true],
    ["always", "strategic", false, true],
    ["on-deviation", "operational", false, true],
    ["on-deviation", "operational", true, false],
    ["on-deviation", "operational", null, false],
    [null, null, false, false], // O1.11: a contract requirement without a meeting
  ] as const)("agenda %s at %s meeting, met %s → %s", (agenda, meeting, met, expected) => {
    expect(isOnAgenda(agenda, meeting, met)).toBe(expected);
  });
});

describe("agendaByLevel", () => {
  it("groups the ids on the agenda by meeting level, keeping their order, every level present", () => {
    const agenda = agendaByLevel([
      { id: "O4.2", meeting: "operational", onAgenda: true },
      { id: "O1.2", meeting: "operational", onAgenda: false },
      { id: "T1.2", meeting: "tactical", onAgenda: true },
      { id: "O1.3", meeting: "operational", onAgenda: true },
      { id: "O1.11", meeting: null, onAgenda: true },
    ]);
    expect(agenda).toEqual({ operational: ["O4.2", "O1.3"], tactical: ["T1.2"], strategic: [] });
    expect(Object.keys(agenda)).toEqual(["operational", "tactical", "strategic"]);
  });
});
