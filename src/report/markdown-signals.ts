/**
 * The signals section of the Markdown report: the ranked table, each flagged signal with what
 * it measures, the better measure to propose and its first cases, CSAT beside the share within
 * norm, and where the clocks stopped relative to their norm.
 */
import type { PeriodReport } from "../engine/report/model.js";
import type { ExperienceRow, SignalReport, SignalsSection } from "../engine/signals/types.js";
import { md } from "./md-escape.js";
import {
  baselineText,
  bucketText,
  deviationText,
  instantsText,
  pointsText,
  SIGNAL_GROUP_TITLES,
  signalValueText,
  thresholdsText,
  verdictText,
} from "./signal-format.js";

/** Cases listed per flagged signal; the JSON holds them all. */
export const MD_SIGNAL_CASES = 10;

export function signalsMarkdown(report: PeriodReport): string[] {
  const section = report.signals;
  if (section === undefined) return [];
  return [
    "## Signals: green on paper, red in reality",
    "",
    "What the KPIs can miss (appendix 12a §1), each measured against the organisation's own baseline: " +
      "the median of the preceding periods with enough cases. A signal is flagged when it rises more than " +
      "its allowed rise above that baseline, or passes its ceiling. Flagged signals first, then by deviation.",
    "",
    ...rankedTable(section),
    ...section.signals.filter((s) => s.flagged).flatMap((s) => flaggedSignal(s, report.zone)),
    ...experience(section),
    ...normEdges(section),
  ];
}

function rankedTable(section: SignalsSection): string[] {
  const lines = [
    "| # | Signal | Group | Value | n | Baseline | Deviation | Thresholds | Verdict |",
    "|---|---|---|---|---|---|---|---|---|",
  ];
  section.signals.forEach((s, i) => {
    lines.push(
      `| ${i + 1} | ${md(s.title)} (\`${s.id}\`) | ${SIGNAL_GROUP_TITLES[s.group]} | ${signalValueText(s.value)} | ${s.n} | ` +
        `${baselineText(s)} | ${deviationText(s)} | ${md(thresholdsText(s))} | ${verdict(s, section.minPopulation)} |`,
    );
  });
  return [...lines, ""];
}

function verdict(signal: SignalReport, minPopulation: number): string {
  const text = md(verdictText(signal, minPopulation));
  return signal.flagged ? `**${text}**` : text;
}

function flaggedSignal(signal: SignalReport, zone: string): string[] {
  const lines = [
    `### ${md(signal.title)} (\`${signal.id}\`)`,
    "",
    `- Measured: ${md(signal.definition)}.`,
    `- ${signalValueText(signal.value)} of ${signal.n} (${signal.hits} case${signal.hits === 1 ? "" : "s"}); baseline ${baselineText(signal)}; deviation ${deviationText(signal)}.`,
    `- Trend: ${signal.trend.map((t) => `${md(t.label)} ${signalValueText(t.value)} (n ${t.n})`).join(", ") || "none"}.`,
    `- Better measure to propose: ${md(signal.suggestedMeasure)}.`,
  ];
  if (signal.cases.length > 0) {
    const shown = signal.cases.slice(0, MD_SIGNAL_CASES);
    const more = signal.cases.length - shown.length;
    lines.push(
      `- Cases${more > 0 ? ` (first ${shown.length} of ${signal.cases.length}; all in the JSON report)` : ""}:`,
    );
    for (const c of shown) {
      lines.push(`  - **${md(c.id)}** (${md(c.source)}): ${md(c.note)}; ${md(instantsText(c, zone))}`);
    }
  }
  return [...lines, ""];
}

function experience(section: SignalsSection): string[] {
  const { byPeriod, byPriority, byGroup } = section.experience;
  return [
    "### CSAT beside the share within norm",
    "",
    "Rated incidents finally resolved in the period: the share with every clock within norm beside the share rated 7/10 or higher.",
    "",
    ...experienceTable("Period", byPeriod),
    ...experienceTable("Priority (this period)", byPriority),
    ...experienceTable("Resolver group (this period)", byGroup),
  ];
}

function experienceTable(heading: string, rows: readonly ExperienceRow[]): string[] {
  if (rows.length === 0) return [];
  const lines = [`| ${heading} | n | Within norm | Rated ≥ 7/10 | Gap |`, "|---|---|---|---|---|"];
  for (const r of rows) {
    const gap = r.withinNorm === null || r.satisfied === null ? "–" : pointsText(r.withinNorm - r.satisfied);
    lines.push(
      `| ${md(r.key)} | ${r.n} | ${signalValueText(r.withinNorm)} | ${signalValueText(r.satisfied)} | ${gap} |`,
    );
  }
  return [...lines, ""];
}

function normEdges(section: SignalsSection): string[] {
  const [first] = section.normEdges;
  if (first === undefined) return [];
  const header = first.buckets.map((b) => bucketText(b));
  const lines = [
    "### Where the clocks stopped relative to their norm",
    "",
    "Stopped response and resolution clocks of incidents counted in the period, by share of their norm used; a pile-up just under 100 % is a signal in itself.",
    "",
    `| Clock | Priority | n | ${header.join(" | ")} |`,
    `|---|---|---|${header.map(() => "---").join("|")}|`,
  ];
  for (const d of section.normEdges) {
    lines.push(`| ${d.clock} | ${d.priority} | ${d.n} | ${d.buckets.map((b) => b.count).join(" | ")} |`);
  }
  return [...lines, ""];
}
