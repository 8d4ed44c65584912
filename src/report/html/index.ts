export { MAX_CASES_SHOWN } from "./cases.js";
export { axisRange, CHART_COLORS, loadTrendCharts, shortLabel, type TrendChartRenderer } from "./charts.js";
export { anchor, esc } from "./escape.js";
export { renderHtml } from "./page.js";
