/**
 * The norm-edge distribution as inline SVG, rendered on the server by ECharts like the trend
 * charts: one small bar chart per clock and priority, a bar per tenth of the norm. Within the
 * norm the bars are grey-blue, the last tenth before the deadline amber (a pile-up there is the
 * signal), beyond the norm red.
 */
import type { NormEdgeDistribution } from "../../engine/signals/types.js";
import { bucketText } from "../signal-format.js";
import { type EchartsCore, loadEchartsCore } from "./charts.js";

export const NORM_EDGE_COLORS = { within: "#7a90a8", edge: "#e69a00", beyond: "#c0392b" } as const;

export const NORM_EDGE_CHART_SIZE = { width: 360, height: 120 } as const;

export type NormEdgeChartRenderer = (distribution: NormEdgeDistribution) => string;

export async function loadNormEdgeCharts(): Promise<NormEdgeChartRenderer> {
  const echarts = await loadEchartsCore();
  return (distribution) => normEdgeChartSvg(echarts, distribution);
}

function colorOf(bucket: { from: number; to: number | null }): string {
  if (bucket.to === null || bucket.from >= 1 - 1e-9) return NORM_EDGE_COLORS.beyond;
  return bucket.to >= 1 - 1e-9 ? NORM_EDGE_COLORS.edge : NORM_EDGE_COLORS.within;
}

/** Axis labels: the bucket's upper bound in percent ("100"), the open last one as "›150". */
function axisLabel(bucket: { from: number; to: number | null }): string {
  return bucket.to === null ? `›${Math.round(bucket.from * 100)}` : String(Math.round(bucket.to * 100));
}

/** A round axis top at or above `value`: 1, 2, 2.5 or 5 times a power of ten, at least 2. */
export function niceCount(value: number): number {
  if (value <= 2) return 2;
  const power = 10 ** Math.floor(Math.log10(value));
  const nice = [1, 2, 2.5, 5, 10].find((m) => m * power >= value - 1e-9) ?? 10;
  return Math.ceil(nice * power);
}

function normEdgeChartSvg(echarts: EchartsCore, distribution: NormEdgeDistribution): string {
  const { buckets } = distribution;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, ...NORM_EDGE_CHART_SIZE });
  try {
    chart.setOption({
      animation: false,
      grid: { left: 30, right: 6, top: 14, bottom: 22 },
      xAxis: {
        type: "category",
        data: buckets.map(axisLabel),
        axisTick: { show: false },
        axisLabel: { fontSize: 8, interval: 0, color: "#455a64" },
      },
      yAxis: {
        type: "value",
        min: 0,
        max: niceCount(max * 1.2),
        splitNumber: 2,
        minInterval: 1,
        axisLabel: { fontSize: 8, color: "#607d8b" },
        splitLine: { lineStyle: { color: "#eceff1" } },
      },
      series: [
        {
          type: "bar",
          barCategoryGap: "15%",
          emphasis: { disabled: true },
          data: buckets.map((b) => ({
            value: b.count,
            name: bucketText(b),
            itemStyle: { color: colorOf(b) },
          })),
          label: {
            show: true,
            position: "top",
            fontSize: 8,
            color: "#263238",
            formatter: (p: { value: unknown }) =>
              typeof p.value === "number" && p.value > 0 ? String(p.value) : "",
          },
        },
      ],
    });
    return chart.renderToSVGString();
  } finally {
    chart.dispose();
  }
}
