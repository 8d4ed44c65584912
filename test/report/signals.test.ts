/**
 * The signals section in every renderer, on a hand-made section laid over the fixture report:
 * one signal flagged (with a case whose texts need escaping), one quiet, one without data, CSAT
 * beside the share within norm, and one norm-edge distribution with a pile-up under the norm.
 */
import { describe, expect, it } from "vitest";
import type { PeriodReport } from "../../src/engine/report/model.js";
import type { SignalsSection } from "../../src/engine/signals/types.js";
import { NORM_EDGE_COLORS, renderHtml } from "../../src/report/html/index.js";
import { reportJson } from "../../src/report/json.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { fixtureReport } from "../engine/report/fixture.js";
import { signal } from "../engine/signals/helpers.js";

const FLAGGED = signal({
  id: "downgrade-near-deadline",
  title: "Priority lowered shortly before a deadline",
  definition: "share of clocks lowered <60 min> before the deadline",
  value: 0.0326087,
  n: 92,
  hits: 3,
  baseline: 0.004,
  baselinePeriods: 6,
  deviation: 0.0286087,
  flagged: true,
  flaggedBy: ["baseline", "ceiling"],
  trend: [{ label: "2026-02", value: 0.004, n: 250, hits: 1 }],
  cases: [
    {
      id: "I-<b>1</b>",
      source: "topdesk",
      note: "P2 → P3 | <script>x</script>",
      instants: [
        { what: "lowered", at: Date.parse("2026-03-02T16:30:00+01:00") },
        { what: "P2 deadline", at: Date.parse("2026-03-02T17:00:00+01:00") },
      ],
    },
  ],
  suggestedMeasure: "times against the priority in force 60 min before the original deadline",
});

const SECTION: SignalsSection = {
  signals: [
    FLAGGED,
    signal({ id: "reopened", title: "Resolved, then reopened", value: 0.04, n: 300, hits: 12 }),
    signal({ id: "upgrade-after-deadline", title: "Priority raised after its deadline had passed" }),
  ],
  minPopulation: 20,
  experience: {
    byPeriod: [{ key: "2026-03", n: 40, withinNorm: 0.95, satisfied: 0.7 }],
    byPriority: [{ key: "P3", n: 30, withinNorm: 0.9666667, satisfied: 2 / 3 }],
    byGroup: [{ key: "servicedesk", n: 40, withinNorm: 0.95, satisfied: 0.7 }],
  },
  normEdges: [
    {
      clock: "resolution",
      priority: "P3",
      n: 20,
      buckets: Array.from({ length: 16 }, (_, i) => ({
        from: Math.round(i * 10) / 100,
        to: i === 15 ? null : Math.round((i + 1) * 10) / 100,
        count: i === 9 ? 12 : i === 3 ? 5 : i === 11 ? 3 : 0,
      })),
    },
  ],
};

const report: PeriodReport = { ...fixtureReport("2026-03"), signals: SECTION };
const withoutSignals: PeriodReport = { ...fixtureReport("2026-03"), signals: undefined };

describe("signals in the JSON", () => {
  const json = reportJson(report).signals;

  it("lists the signals in rank order with figures, thresholds, trend and cases", () => {
    expect(json.ranked.map((s) => s.id)).toEqual([
      "downgrade-near-deadline",
      "reopened",
      "upgrade-after-deadline",
    ]);
    expect(json.ranked[0]).toEqual({
      id: "downgrade-near-deadline",
      group: "clock-management",
      title: "Priority lowered shortly before a deadline",
      definition: "share of clocks lowered <60 min> before the deadline",
      value: 0.0326,
      n: 92,
      hits: 3,
      baseline: 0.004,
      baselinePeriods: 6,
      deviation: 0.0286,
      maxRise: 0.01,
      ceiling: 0.02,
      flagged: true,
      flaggedBy: ["baseline", "ceiling"],
      trend: [{ label: "2026-02", value: 0.004, n: 250 }],
      suggestedMeasure: "times against the priority in force 60 min before the original deadline",
      cases: [
        {
          id: "I-<b>1</b>",
          source: "topdesk",
          note: "P2 → P3 | <script>x</script>",
          instants: [
            { what: "lowered", at: "2026-03-02T16:30:00+01:00" },
            { what: "P2 deadline", at: "2026-03-02T17:00:00+01:00" },
          ],
        },
      ],
    });
    expect(json.minPopulation).toBe(20);
  });

  it("has CSAT beside the share within norm and the norm-edge distribution", () => {
    expect(json.experience.byPriority).toEqual([{ key: "P3", n: 30, withinNorm: 0.9667, satisfied: 0.6667 }]);
    expect(json.normEdges[0]?.buckets[9]).toEqual({ from: 0.9, to: 1, count: 12 });
  });

  it("is empty, with the key still there, for a report made without signals", () => {
    expect(reportJson(withoutSignals).signals).toEqual({
      ranked: [],
      minPopulation: null,
      experience: { byPeriod: [], byPriority: [], byGroup: [] },
      normEdges: [],
    });
  });
});

describe("signals in the Markdown", () => {
  const text = renderMarkdown(report);
  const lines = text.split("\n");

  it("comes after the trends and before the notes", () => {
    const at = (heading: string) => lines.indexOf(heading);
    expect(at("## Trends")).toBeGreaterThan(0);
    expect(at("## Signals: green on paper, red in reality")).toBeGreaterThan(at("## Trends"));
    expect(at("## Notes")).toBeGreaterThan(at("## Signals: green on paper, red in reality"));
  });

  it("ranks the signals in a table with baseline, deviation, thresholds and verdict", () => {
    expect(lines).toContain(
      "| 1 | Priority lowered shortly before a deadline (`downgrade-near-deadline`) | Clock management | 3.26 % | 92 | " +
        "0.4 % (median of 6 periods) | +2.86 pts | rise ≤ 1 pt, ceiling 2 % | **Flagged: risen above its baseline and above its ceiling** |",
    );
    expect(lines).toContain(
      "| 2 | Resolved, then reopened (`reopened`) | Clock management | 4 % | 300 | too little history | – | rise ≤ 1 pt, ceiling 2 % | Not flagged |",
    );
    expect(lines).toContain(
      "| 3 | Priority raised after its deadline had passed (`upgrade-after-deadline`) | Clock management | no data | 0 | too little history | – | rise ≤ 1 pt, ceiling 2 % | No cases |",
    );
  });

  it("details only the flagged signals, with the better measure and escaped cases", () => {
    expect(lines).toContain("### Priority lowered shortly before a deadline (`downgrade-near-deadline`)");
    expect(lines).not.toContain("### Resolved, then reopened (`reopened`)");
    expect(text).toContain(
      "- Better measure to propose: times against the priority in force 60 min before the original deadline.",
    );
    expect(text).toContain(
      "  - **I-\\<b\\>1\\</b\\>** (topdesk): P2 → P3 \\| \\<script\\>x\\</script\\>; lowered 2026-03-02 16:30 · P2 deadline 2026-03-02 17:00",
    );
  });

  it("sets CSAT beside the share within norm and shows the norm-edge counts", () => {
    expect(lines).toContain("| 2026-03 | 40 | 95 % | 70 % | +25 pts |");
    expect(lines).toContain(
      "| resolution | P3 | 20 | 0 | 0 | 0 | 5 | 0 | 0 | 0 | 0 | 0 | 12 | 0 | 3 | 0 | 0 | 0 | 0 |",
    );
    expect(text).toContain("| Clock | Priority | n | 0–10 % | 10–20 % |");
    expect(text).toContain("| 140–150 % | > 150 % |");
  });

  it("is left out of a report made without signals", () => {
    expect(renderMarkdown(withoutSignals)).not.toContain("## Signals");
  });
});

describe("signals on the HTML page", async () => {
  const html = await renderHtml(report);

  it("sits between the scorecard and the drill-down", () => {
    const at = (id: string) => html.indexOf(`<section id="${id}"`);
    expect(at("signals")).toBeGreaterThan(at("scorecard"));
    expect(at("cases")).toBeGreaterThan(at("signals"));
  });

  it("ranks the signals, flagged ones marked and opened", () => {
    const rows = [
      ...html.matchAll(/<tr class="signal (\w+)" data-signal="([^"]+)" data-flagged="(\w+)">/g),
    ].map((m) => [m[2], m[3]]);
    expect(rows).toEqual([
      ["downgrade-near-deadline", "true"],
      ["reopened", "false"],
      ["upgrade-after-deadline", "false"],
    ]);
    expect(html).toContain(
      '<details id="signal-downgrade-near-deadline" data-signal="downgrade-near-deadline" open>',
    );
    expect(html).toContain('<details id="signal-reopened" data-signal="reopened">');
    expect(html).toContain(
      "Better measure to propose: <b>times against the priority in force 60 min before the original deadline</b>",
    );
  });

  it("escapes the cases' texts", () => {
    expect(html).toContain("I-&lt;b&gt;1&lt;/b&gt;");
    expect(html).toContain("P2 → P3 | &lt;script&gt;x&lt;/script&gt;");
    expect(html).not.toMatch(/<script/i);
  });

  it("draws the norm-edge distribution as an inline SVG chart, the pile-up in amber", () => {
    const figure =
      /<figure class="norm-edge" data-clock="resolution" data-priority="P3">([\s\S]*?)<\/figure>/.exec(html);
    expect(figure?.[1]).toContain("Resolution P3");
    expect(figure?.[1]).toMatch(/<svg[^>]*width="360"/);
    expect(figure?.[1]).toContain(`fill="${NORM_EDGE_COLORS.edge}"`);
    expect(figure?.[1]).toContain(`fill="${NORM_EDGE_COLORS.beyond}"`);
  });

  it("sets CSAT beside the share within norm", () => {
    expect(html).toContain(
      '<tr><td>P3</td><td class="num">30</td><td class="num">96.67 %</td><td class="num">66.67 %</td><td class="num">+30 pts</td></tr>',
    );
  });

  it("is left out of a page made without signals", async () => {
    expect(await renderHtml(withoutSignals)).not.toContain('id="signals"');
  });
});
