/**
 * Trend charts as inline SVG, rendered on the server by Apache ECharts (SVG renderer, `ssr`), so
 * the page needs neither network nor JavaScript to show them. ECharts is loaded on first use
 * (only the bar chart, grid, mark line and SVG renderer): commands that write no HTML never pay
 * for it.
 */
import type { Norm } from "../../engine/kpi/types.js";
import type { KpiReport } from "../../engine/report/model.js";
import { formatNumber, formatRatio } from "../../engine/report/norm-text.js";
import { kpiIsCount } from "../format.js";

export type EchartsCore = typeof import("echarts/core");

let loading: Promise<EchartsCore> | undefined;

/** ECharts with the pieces the report's charts use, loaded once per process. */
export function loadEchartsCore(): Promise<EchartsCore> {
  loading ??= loadEcharts();
  return loading;
}

async function loadEcharts(): Promise<EchartsCore> {
  const [core, charts, components, renderers] = await Promise.all([
    import("echarts/core"),
    import("echarts/charts"),
    import("echarts/components"),
    import("echarts/renderers"),
  ]);
  core.use([charts.BarChart, components.GridComponent, components.MarkLineComponent, renderers.SVGRenderer]);
  return core;
}

export const CHART_COLORS = {
  met: "#1e7b3a",
  notMet: "#c0392b",
  noData: "#9aa0a6",
  norm: "#37474f",
} as const;

export const CHART_SIZE = { width: 300, height: 96 } as const;

/** Renders trend charts; get one with `loadTrendCharts()`. */
export type TrendChartRenderer = (kpi: KpiReport, currentLabel: string) => string;

/** Loads ECharts once per process and returns the renderer. */
export async function loadTrendCharts(): Promise<TrendChartRenderer> {
  const echarts = await loadEchartsCore();
  return (kpi, currentLabel) => trendChartSvg(echarts, kpi, currentLabel);
}

interface Point {
  label: string;
  score: number | null;
  met: boolean | null;
  current: boolean;
}

/**
 * A bar per period (the preceding ones paler, the report's own period full), coloured by the
 * verdict against the norm, with the target as a dashed line. An empty string when no period
 * has a score: there is nothing to draw.
 */
function trendChartSvg(echarts: EchartsCore, kpi: KpiReport, currentLabel: string): string {
  const points: Point[] = [
    ...kpi.trend.map((t) => ({ label: t.label, score: t.score, met: t.met, current: false })),
    { label: currentLabel, score: kpi.score, met: kpi.met, current: true },
  ];
  if (points.every((p) => p.score === null)) return "";
  const count = kpiIsCount(kpi);
  const target = kpi.target ?? [...kpi.trend].reverse().find((t) => t.target !== null)?.target ?? null;
  const [min, max] = axisRange(points, target, { count, lowerIsBetter: lowerIsBetter(kpi) });
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, ...CHART_SIZE });
  try {
    chart.setOption({
      animation: false,
      grid: { left: 44, right: 8, top: 16, bottom: 20 },
      xAxis: {
        type: "category",
        data: points.map((p) => shortLabel(p.label)),
        axisTick: { show: false },
        axisLabel: { fontSize: 9, interval: 0, color: "#455a64" },
      },
      yAxis: {
        type: "value",
        min,
        max,
        splitNumber: 2,
        axisLabel: {
          fontSize: 9,
          color: "#607d8b",
          formatter: (v: number) => (count ? formatNumber(v) : formatRatio(v)),
        },
        splitLine: { lineStyle: { color: "#eceff1" } },
      },
      series: [
        {
          type: "bar",
          barMaxWidth: 22,
          emphasis: { disabled: true },
          // A period without data gets a short grey stub labelled "–", so a gap reads as "no data", not as 0.
          data: points.map((p) =>
            p.score === null
              ? {
                  value: min + (max - min) * 0.06,
                  itemStyle: { color: CHART_COLORS.noData, opacity: 0.6 },
                  label: { formatter: "–" },
                }
              : { value: p.score, itemStyle: { color: colorOf(p.met), opacity: p.current ? 1 : 0.55 } },
          ),
          label: {
            show: true,
            position: "top",
            fontSize: 8,
            color: "#263238",
            formatter: (p: { value: unknown }) =>
              typeof p.value === "number" ? barLabel(p.value, count) : "",
          },
          markLine:
            target === null
              ? undefined
              : {
                  silent: true,
                  symbol: "none",
                  label: { show: false },
                  lineStyle: { color: CHART_COLORS.norm, type: "dashed", width: 1 },
                  data: [{ yAxis: target }],
                },
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}

/** Bar labels with one decimal at most ("99.2 %"): seven of them share 300 pixels. */
function barLabel(value: number, count: boolean): string {
  return count ? formatNumber(value) : `${Math.round(value * 1000) / 10} %`;
}

function colorOf(met: boolean | null): string {
  if (met === null) return CHART_COLORS.noData;
  return met ? CHART_COLORS.met : CHART_COLORS.notMet;
}

/** A KPI whose norm is a ceiling (backlog share, a count): lower figures are better. */
export function lowerIsBetter(kpi: Pick<KpiReport, "norm" | "partNorms">): boolean {
  const ceiling = (norm: Norm) => norm.kind === "max" || norm.kind === "maxCount";
  if (kpi.norm !== null) return ceiling(kpi.norm);
  const parts = Object.values(kpi.partNorms);
  return parts.length > 0 && parts.every(ceiling);
}

/**
 * A y-axis that shows the differences that matter. Availability of 99.2 % against 99.5 % is
 * invisible on 0–100 %, so a ratio with a floor starts a little below its lowest value or target
 * and ends at 100 %; a ceiling (backlog share ≤ 5 %, at most 20) runs from 0 to a bit above the
 * highest value or target.
 */
export function axisRange(
  points: readonly { score: number | null }[],
  target: number | null,
  { count, lowerIsBetter }: { count: boolean; lowerIsBetter: boolean },
): [number, number] {
  const values = points.map((p) => p.score).filter((v): v is number => v !== null);
  if (target !== null) values.push(target);
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  if (count) return [0, Math.max(1, Math.ceil(hi * 1.25))];
  if (lowerIsBetter) return [0, Math.min(1, niceCeil(hi * 1.3))];
  const top = Math.max(hi, 1);
  const margin = Math.max((top - lo) * 0.5, 0.01);
  const step = lo - margin >= 0.9 ? 0.01 : 0.1;
  const bottom = Math.floor((lo - margin) / step) * step;
  return [Math.max(0, Math.round(bottom * 100) / 100), top];
}

/** Rounds up to 1, 2 or 5 times a power of ten: 0.052 → 0.1, 0.013 → 0.02. */
function niceCeil(value: number): number {
  if (value <= 0) return 0.01;
  const power = 10 ** Math.floor(Math.log10(value));
  const nice = [1, 2, 5, 10].find((m) => m * power >= value - 1e-12) ?? 10;
  return Math.round(nice * power * 1e6) / 1e6;
}

/** "2026-03" → "Mar 26", "2026-Q1" → "Q1 26", "2026" stays. */
export function shortLabel(label: string): string {
  const month = /^\d{2}(\d{2})-(\d{2})$/.exec(label);
  if (month !== null) return `${MONTHS[Number(month[2]) - 1] ?? month[2]} ${month[1]}`;
  const quarter = /^\d{2}(\d{2})-(Q\d)$/.exec(label);
  if (quarter !== null) return `${quarter[2]} ${quarter[1]}`;
  return label;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
