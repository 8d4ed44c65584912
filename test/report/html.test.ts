import { describe, expect, it } from "vitest";
import type { CaseResult } from "../../src/engine/kpi/types.js";
import { axisRange, esc, MAX_CASES_SHOWN, renderHtml, shortLabel } from "../../src/report/html/index.js";
import { fixtureReport } from "../engine/report/fixture.js";

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

describe("HTML report page", async () => {
  const html = await renderHtml(fixtureReport("2026-03"));

  it("is one self-contained document: inline CSS, no script, nothing fetched", () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    expect(count(html, /<style>/g)).toBe(1);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
    expect(html).toContain("default-src 'none'");
    expect(html).toContain("<title>SLA report 2026-03 · sib-2026.1</title>");
  });

  it("escapes catalog and record texts", () => {
    expect(html).toContain("Customer satisfaction &lt;7/10&gt;");
    expect(html).toContain("Klanttevredenheid &amp; &quot;CSAT&quot;");
    expect(html).toContain("I-2603-&lt;b&gt;bold&lt;/b&gt;");
    expect(html).toContain("first reply was an &lt;auto&gt; mail &amp; a note");
    expect(html).not.toContain("<b>bold</b>");
    expect(html).not.toContain("<auto>");
  });

  it("has a scorecard row per KPI, grouped by goal, coloured by status", () => {
    const rows = [...html.matchAll(/<tr class="kpi ([a-z-]+)" id="kpi-[^"]+" data-kpi="([^"]+)"/g)].map(
      (m) => [m[2], m[1]],
    );
    expect(rows).toEqual([
      ["T2.6", "not-met"],
      ["O1.2", "met"],
      ["O1.3", "not-met"],
      ["O1.4", "no-data"],
      ["O3.3", "met"],
      ["O4.2", "not-met"],
      ["O5.2", "met"],
    ]);
    expect([...html.matchAll(/<table class="goal" id="goal-([A-Z]\d)"/g)].map((m) => m[1])).toEqual([
      "T2",
      "O1",
      "O3",
      "O4",
      "O5",
    ]);
    expect(html).toContain('<h3 class="layer">Tactical goals <span class="nl">Tactische doelen</span></h3>');
    expect(html).toContain('<span class="name-nl" lang="nl">Eerste inhoudelijke reactie P1</span>');
  });

  it("marks minimum requirements not met as contract deviations, in the banner and on the rows", () => {
    expect(count(html, /<span class="flag deviation"/g)).toBe(3);
    expect(html).toContain("<b>Contract deviations (3).</b>");
    expect(html).toContain('<tr class="part not-met" data-part="count">');
  });

  it("draws a trend chart as inline SVG for every KPI with data in some period", () => {
    expect(count(html, /<figure class="trend" role="img"/g)).toBe(6);
    expect(count(html, /<svg /g)).toBe(6);
    expect(html).toContain("no data in any period");
    expect(html).toContain(
      'aria-label="Trend of O1.2: 2025-12 100 %, 2026-01 90 %, 2026-02 100 %, 2026-03 96.67 %"',
    );
  });

  it("has the agenda per meeting level", () => {
    const operational = /<section data-level="operational">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? "";
    expect(count(operational, /<li>/g)).toBe(3);
    expect(operational).toContain('<a href="#kpi-O1-3"><b>O1.3</b></a>');
    expect(/<section data-level="tactical">[\s\S]*?Nothing from this report/.test(html)).toBe(true);
  });

  it("has a collapsible drill-down per KPI with notes or breached cases", () => {
    const details = [
      ...html.matchAll(/<details id="cases-[^"]+" data-kpi="([^"]+)" data-breached="(\d+)">/g),
    ];
    expect(details.map((m) => [m[1], Number(m[2])])).toEqual([
      ["O1.2", 1],
      ["O1.3", 2],
      ["O3.3", 0],
      ["O5.2", 0],
    ]);
    expect(html).toContain("<summary>O1.3 First response P2 — 2 breached of 100 counted</summary>");
    expect(html).toContain("<summary>O5.2 Compliant devices — no breached cases</summary>");
    expect(html).toContain('<ul class="notes"><li>12 stale devices excluded</li></ul>');
    expect(html).toContain('<td class="num">3 h</td>'); // 180 minutes on the business clock
    // the scorecard links a KPI to its drill-down
    expect(html).toContain(
      '<td class="kpi-id"><a href="#cases-O1-3" title="notes and breached cases">O1.3</a></td>',
    );
    expect(html).toContain('<td class="kpi-id">O1.4</td>');
  });

  it("states the settings used", () => {
    expect(html).toContain("<tr><td>rules</td><td>ownership.mode</td><td>continuous</td></tr>");
  });

  it("shows at most MAX_CASES_SHOWN breached cases per KPI and points to the CSV for the rest", async () => {
    const report = fixtureReport("2026-03");
    const o13 = report.kpis.find((k) => k.id === "O1.3");
    if (o13 === undefined) throw new Error("fixture lacks O1.3");
    const many: CaseResult[] = Array.from({ length: MAX_CASES_SHOWN + 5 }, (_, i) => ({
      id: `I-${i}`,
      value: 90,
      deadline: null,
      stoppedAt: null,
      verdict: "breached",
    }));
    o13.cases = many;
    const page = await renderHtml(report);
    expect(page).toContain("… and 5 more breached cases: see the cases CSV.");
    expect(page).toContain('<td class="time">still open</td>');
  });

  it("says so when the period had not ended yet", async () => {
    expect(await renderHtml(fixtureReport("2026-04"))).toContain('<div class="banner provisional"');
    expect(html).not.toContain('<div class="banner provisional"');
  });
});

describe("chart helpers", () => {
  it.each([
    // floors: a little below the lowest value or target, up to 100 %
    [[0.985, 0.999], 0.99, false, false, [0.97, 1]],
    [[0.5, 0.8], 0.75, false, false, [0.2, 1]],
    // ceilings: from 0 to a round value above the highest
    [[0.03, 0.04], 0.05, false, true, [0, 0.1]],
    // counts: from 0 to a quarter above the highest
    [[17, 24], 20, true, true, [0, 30]],
  ])(
    "axisRange(%j, target %f, count %s, lower is better %s) → %j",
    (scores, target, isCount, lower, range) => {
      const points = scores.map((score) => ({ score }));
      expect(axisRange(points, target, { count: isCount, lowerIsBetter: lower })).toEqual(range);
    },
  );

  it.each([
    ["2026-03", "Mar 26"],
    ["2025-Q4", "Q4 25"],
    ["2026", "2026"],
  ])("shortLabel(%s) → %s", (label, short) => {
    expect(shortLabel(label)).toBe(short);
  });

  it("esc escapes the five HTML-significant characters", () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
  });
});
