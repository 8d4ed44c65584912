/**
 * The HTML report as a person sees it: a real headless Chromium parses the page (its DOM must
 * still hold the scorecard, the inline SVG charts, the agenda and the drill-downs where the
 * page put them) and paints it (the screenshot must be a real picture with the scorecard's
 * green and red in it). Without Chromium this suite FAILS: install it with
 * `apt-get install chromium`; set CHROMIUM_BIN to use another binary.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHART_COLORS, renderHtml } from "../../src/report/html/index.js";
import { fixtureReport } from "../engine/report/fixture.js";
import { decodePng, distinctColours, findChromium, type Png, pixelsNear, runChromium } from "./chromium.js";

const chromium = findChromium();
const MISSING =
  "Chromium is not installed, so the HTML report cannot be checked in a real browser: " +
  "run `apt-get install chromium` (or set CHROMIUM_BIN)";

function browser(): string {
  if (chromium === null) throw new Error(MISSING);
  return chromium;
}

const count = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;

describe("HTML report in headless Chromium", () => {
  let dir = "";
  let url = "";

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "sla-report-html-"));
    const file = join(dir, "sla-report-2026-03.html");
    writeFileSync(file, await renderHtml(fixtureReport("2026-03")));
    url = pathToFileURL(file).href;
  });

  afterAll(() => {
    if (dir !== "") rmSync(dir, { recursive: true, force: true });
  });

  it("finds Chromium", () => {
    expect(chromium, MISSING).not.toBeNull();
  });

  it("parses the page into the scorecard, inline SVG charts, agenda and drill-downs", {
    timeout: 90_000,
  }, async () => {
    const dom = await runChromium(browser(), url, ["--dump-dom"]);
    expect(dom).toContain('<section id="scorecard" class="scorecard">');
    expect(count(dom, /<tr class="kpi (met|not-met|no-data)"/g)).toBe(7);
    // each chart stayed an SVG element inside its table cell (no foster-parenting out of the table)
    expect(
      count(
        dom,
        /<td class="chart" rowspan="\d+"><figure class="trend" role="img" aria-label="[^"]*"><svg /g,
      ),
    ).toBe(6);
    expect(count(dom, /<svg /g)).toBe(6);
    expect(count(dom, /<rect |<path /g)).toBeGreaterThan(6 * 5);
    const operational = /<section data-level="operational">([\s\S]*?)<\/section>/.exec(dom)?.[1] ?? "";
    expect(count(operational, /<li>/g)).toBe(3);
    expect(dom).toContain('<section data-level="tactical">');
    expect(dom).toContain('<section data-level="strategic">');
    expect(count(dom, /<details id="cases-/g)).toBe(4);
    expect(dom).toContain("Customer satisfaction &lt;7/10&gt;");
    expect(dom).not.toMatch(/<script/i);
  });

  it("paints a real, non-blank page with the scorecard's green and red", { timeout: 90_000 }, async () => {
    const shot = join(dir, "report.png");
    await runChromium(browser(), url, [`--screenshot=${shot}`, "--window-size=1280,2000"]);
    const data = readFileSync(shot);
    const kept = process.env.SLA_REPORT_SCREENSHOT;
    if (kept !== undefined && kept !== "") copyFileSync(shot, kept);
    const png: Png = decodePng(data);
    expect([png.width, png.height]).toEqual([1280, 2000]);
    expect(distinctColours(png)).toBeGreaterThan(100);
    // status borders, pills and chart bars of met and missed KPIs
    expect(pixelsNear(png, CHART_COLORS.met)).toBeGreaterThan(2_000);
    expect(pixelsNear(png, CHART_COLORS.notMet)).toBeGreaterThan(2_000);
    // white page background dominates, but is not everything
    const white = pixelsNear(png, "#ffffff", 2);
    expect(white / (png.width * png.height)).toBeGreaterThan(0.4);
    expect(white / (png.width * png.height)).toBeLessThan(0.97);
  });
});
