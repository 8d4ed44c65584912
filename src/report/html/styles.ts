/** The page's only stylesheet, inlined: no fonts, images or scripts are fetched. */
export const STYLES = `
:root { --met: #1e7b3a; --met-bg: #e6f4ea; --bad: #c0392b; --bad-bg: #fdecea; --none: #6b7280; --none-bg: #f1f3f4;
  --ink: #1f2933; --muted: #5f6b76; --line: #dde3e8; --accent: #1d4e89; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  color: var(--ink); background: #f6f8fa; }
main { max-width: 1220px; margin: 0 auto; padding: 24px 28px 48px; background: #fff; }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--accent); color: var(--accent); }
h3 { font-size: 16px; margin: 22px 0 6px; }
h3 .nl, .nl { color: var(--muted); font-weight: normal; font-style: italic; }
.meta { color: var(--muted); margin: 0; }
.banner { margin: 14px 0; padding: 10px 14px; border-radius: 6px; border-left: 5px solid; }
.banner.provisional { background: #fff8e1; border-color: #f2a900; }
.banner.deviation { background: var(--bad-bg); border-color: var(--bad); }
.banner.ok { background: var(--met-bg); border-color: var(--met); }
.banner ul { margin: 6px 0 0; padding-left: 20px; }
.tiles { display: flex; gap: 12px; flex-wrap: wrap; margin: 16px 0 4px; }
.tile { flex: 1 1 150px; padding: 10px 14px; border-radius: 8px; border: 1px solid var(--line); }
.tile b { display: block; font-size: 26px; line-height: 1.1; }
.tile.met b { color: var(--met); } .tile.not-met b, .tile.deviations b { color: var(--bad); } .tile.no-data b { color: var(--none); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); background: #fafbfc; }
td.num, th.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.scorecard table { table-layout: fixed; margin-bottom: 6px; }
.scorecard caption { text-align: left; padding: 10px 0 6px; font-size: 15px; }
col.c-id { width: 64px; } col.c-name { width: 250px; } col.c-norm { width: 190px; } col.c-score { width: 86px; }
col.c-n { width: 56px; } col.c-status { width: 170px; } col.c-chart { width: 316px; }
.scorecard td { vertical-align: middle; overflow-wrap: anywhere; }
.scorecard tr.kpi > td:first-child { border-left: 6px solid var(--none); }
.scorecard tr.kpi.met > td:first-child { border-left-color: var(--met); }
.scorecard tr.kpi.not-met > td:first-child { border-left-color: var(--bad); }
.scorecard tr.kpi.not-met { background: #fff7f6; }
.scorecard tr.part td { font-size: 13px; color: #37474f; border-bottom-style: dotted; }
.scorecard tr.part > td:first-child { border-left: 6px solid transparent; }
.scorecard tr.part .part-name { padding-left: 18px; }
.kpi-id { font-weight: 600; white-space: nowrap; }
.kpi-id a { color: inherit; text-decoration: none; }
.name-nl { display: block; color: var(--muted); font-style: italic; font-size: 12px; }
.score { font-weight: 600; font-size: 15px; }
.status { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.status.met { background: var(--met-bg); color: var(--met); }
.status.not-met { background: var(--bad-bg); color: var(--bad); }
.status.no-data { background: var(--none-bg); color: var(--none); }
.flag { display: inline-block; margin: 2px 4px 0 0; padding: 0 6px; border-radius: 4px; font-size: 11px; border: 1px solid var(--line); color: var(--muted); white-space: nowrap; }
.flag.deviation { border-color: var(--bad); background: var(--bad); color: #fff; font-weight: 600; }
.flag.on-agenda { border-color: var(--accent); color: var(--accent); }
.flag.provisional { border-color: #f2a900; color: #8a6100; }
.chart { padding: 2px 4px; }
.chart figure { margin: 0; }
.chart svg { display: block; }
.no-trend { color: var(--muted); font-size: 12px; }
.agenda { display: grid; grid-template-columns: repeat(3, 1fr); gap: 14px; }
.agenda section { border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; }
.agenda h3 { margin: 4px 0 8px; font-size: 15px; }
.agenda ol { margin: 0; padding-left: 20px; }
.agenda li { margin-bottom: 4px; }
.agenda .empty { color: var(--muted); }
details { border: 1px solid var(--line); border-radius: 6px; margin: 8px 0; }
details[open] { padding-bottom: 6px; }
summary { cursor: pointer; padding: 8px 12px; font-weight: 600; }
details table { font-size: 13px; }
details td.case, details td.time { white-space: nowrap; }
details p { margin: 6px 12px; color: var(--muted); }
details ul.notes { margin: 0 12px 8px; padding-left: 20px; color: #37474f; font-size: 13px; }
.signals td { vertical-align: middle; }
.signals tr.flagged > td:first-child { border-left: 6px solid var(--bad); }
.signals tr.quiet > td:first-child { border-left: 6px solid transparent; }
.signals tr.flagged { background: #fff7f6; }
.experience { display: grid; grid-template-columns: repeat(3, 1fr); gap: 14px; }
.side-by-side { font-size: 13px; }
.norm-edges { display: flex; flex-wrap: wrap; gap: 10px; }
.norm-edge { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 4px 6px; }
.norm-edge figcaption { font-size: 12px; font-weight: 600; }
.norm-edge svg { display: block; }
.settings td { vertical-align: baseline; }
.settings td:first-child { color: var(--muted); white-space: nowrap; }
.settings td:nth-child(2) { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
.legend { color: var(--muted); font-size: 12px; margin-top: 28px; }
@media print { body { background: #fff; } main { padding: 0; } details { break-inside: avoid; } }
`;
