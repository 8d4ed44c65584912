export { MAX_CASES_SHOWN } from "./cases.js";
export { axisRange, CHART_COLORS, loadTrendCharts, shortLabel, type TrendChartRenderer } from "./charts.js";
export { anchor, esc } from "./escape.js";
export { loadNormEdgeCharts, NORM_EDGE_COLORS, type NormEdgeChartRenderer } from "./norm-edge-chart.js";
export { renderHtml } from "./page.js";
export { MAX_SIGNAL_CASES_SHOWN } from "./signals.js";
