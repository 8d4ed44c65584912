/** M12's "overlaps count once": the union of outage spans, and which spans overlapped. */
import { describe, expect, it } from "vitest";
import { recordScorers } from "../../../../src/engine/kpi/records/index.js";
import { unionOf } from "../../../../src/engine/kpi/records/outage-union.js";

describe("unionOf", () => {
  it.each([
    {
      name: "disjoint spans stay apart",
      spans: [
        [9, 10],
        [11, 12],
      ],
      union: [
        [9, 10],
        [11, 12],
      ],
      overlapping: [],
    },
    {
      name: "touching spans merge without overlapping",
      spans: [
        [9, 10],
        [10, 11],
      ],
      union: [[9, 11]],
      overlapping: [],
    },
    {
      name: "overlapping spans merge and are marked",
      spans: [
        [10, 12],
        [9, 11],
      ],
      union: [[9, 12]],
      overlapping: [0, 1],
    },
    {
      name: "a span inside another",
      spans: [
        [9, 15],
        [10, 11],
        [13, 14],
      ],
      union: [[9, 15]],
      overlapping: [0, 1, 2],
    },
    {
      name: "a chain of overlaps",
      spans: [
        [9, 11],
        [10, 13],
        [12, 14],
        [20, 21],
      ],
      union: [
        [9, 14],
        [20, 21],
      ],
      overlapping: [0, 1, 2],
    },
    {
      name: "empty spans are dropped",
      spans: [
        [9, 9],
        [10, 11],
      ],
      union: [[10, 11]],
      overlapping: [],
    },
  ])("$name", ({ spans, union, overlapping }) => {
    const result = unionOf(
      spans.map(([start, end], tag) => ({ start: start as number, end: end as number, tag })),
    );
    expect(result.union).toEqual(union);
    expect([...result.overlapping].sort()).toEqual(overlapping);
  });
});

describe("recordScorers", () => {
  it("scores every record KPI's measure rule", () => {
    expect(Object.keys(recordScorers).sort()).toEqual([
      "availability",
      "backups",
      "critical-vulnerabilities",
      "device-compliance",
      "eol-signalling",
      "evidence",
      "improvement-cycle",
      "patch-compliance",
      "security-exceptions",
    ]);
  });
});
