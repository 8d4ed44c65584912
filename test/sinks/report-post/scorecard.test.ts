import { describe, expect, it } from "vitest";
import { byteSize } from "../../../src/sinks/chat/adaptive-card.js";
import { teamsScorecardPayload } from "../../../src/sinks/chat/report-card.js";
import { slackScorecardContent } from "../../../src/sinks/chat/report-slack.js";
import { scorecardOf } from "../../../src/sinks/report-post/index.js";
import { marchReport } from "./period-report.js";

const FILES = ["/srv/out/sla-report-2026-03.html", "/srv/out/sla-report-2026-03-kpis.csv"];
const INTRANET = "https://intranet.example.org/sla";
const card = (publicUrl?: string) =>
  scorecardOf({
    job: "reports[0]:month",
    report: marchReport(),
    files: FILES,
    ...(publicUrl !== undefined && { publicUrl }),
  });

type Block = { type: string; text?: { text: string }; elements?: Array<{ text: string }> };
const texts = (blocks: unknown[]) =>
  (blocks as Block[]).map((b) => b.text?.text ?? b.elements?.map((e) => e.text).join(" ") ?? "");

describe("the scorecard of a written report", () => {
  it("counts, lists the deviations against their norm and the agenda, and links the files", () => {
    expect(card(INTRANET)).toEqual({
      job: "reports[0]:month",
      period: {
        label: "2026-03",
        kind: "month",
        start: Date.parse("2026-03-01T00:00:00+01:00"),
        end: Date.parse("2026-04-01T00:00:00+02:00"),
      },
      zone: "Europe/Amsterdam",
      catalogVersion: "sib-2026.1",
      periodComplete: true,
      counts: { met: 1, notMet: 2, noData: 1 },
      deviations: [
        {
          id: "O1.3",
          name: "Resolution <P2> & <P3>",
          result: "90 % (norm ≥ 95 %)",
          notes: ["3 tickets <reopened> & counted once", "second note"],
        },
      ],
      agenda: [
        {
          level: "operational",
          items: [{ id: "O1.3", name: "Resolution <P2> & <P3>", result: "90 %", notes: ["norm missed"] }],
        },
        {
          level: "tactical",
          items: [{ id: "T2.3", name: "Improvement items", result: "no data", notes: ["standing item"] }],
        },
      ],
      files: [
        { name: "sla-report-2026-03.html", url: `${INTRANET}/sla-report-2026-03.html` },
        { name: "sla-report-2026-03-kpis.csv", url: `${INTRANET}/sla-report-2026-03-kpis.csv` },
      ],
    });
  });

  it("names the files without a publicUrl", () => {
    expect(card().files).toEqual([
      { name: "sla-report-2026-03.html", url: null },
      { name: "sla-report-2026-03-kpis.csv", url: null },
    ]);
  });
});

describe("Slack: Block Kit scorecard", () => {
  it("escapes &, < and > in KPI names and notes, and links the files", () => {
    const { text, blocks } = slackScorecardContent(card(INTRANET));
    expect(text).toBe("SLA scorecard 2026-03 (month): 1 met · 2 not met · 1 no data · 1 contract deviation");
    expect(blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: ":bar_chart: SLA scorecard 2026-03 (month)", emoji: true },
    });
    expect(texts(blocks).slice(1)).toEqual([
      "*Period* 1 Mar 2026 – 31 Mar 2026 · catalog sib-2026.1\n*KPIs* 1 met · 2 not met · 1 no data",
      [
        "*Contract deviations* (minimum requirements not met)",
        "• *O1.3* Resolution &lt;P2&gt; &amp; &lt;P3&gt;: 90 % (norm ≥ 95 %)",
        "      _3 tickets &lt;reopened&gt; &amp; counted once_",
        "      _second note_",
      ].join("\n"),
      [
        "*Agenda*",
        "*Operational meeting*",
        "• *O1.3* Resolution &lt;P2&gt; &amp; &lt;P3&gt;: 90 % (norm missed)",
        "*Tactical meeting*",
        "• *T2.3* Improvement items: no data (standing item)",
      ].join("\n"),
      `Report: <${INTRANET}/sla-report-2026-03.html|sla-report-2026-03.html> · <${INTRANET}/sla-report-2026-03-kpis.csv|sla-report-2026-03-kpis.csv>`,
    ]);
  });

  it("says a provisional report is one, and names the files without a link", () => {
    const provisional = scorecardOf({
      job: "reports[0]:month",
      report: marchReport({
        periodComplete: false,
        deviations: [],
        agenda: { operational: [], tactical: [], strategic: [] },
      }),
      files: ["/srv/out/sla-report-2026-03.md"],
    });
    const lines = texts(slackScorecardContent({ ...provisional, deviations: [] }).blocks);
    expect(lines[1]).toContain(
      "\n:warning: Provisional: made before the period ended; every figure may still change.",
    );
    expect(lines[3]).toBe("*Agenda*\nNothing for the meetings from this report.");
    expect(lines[4]).toBe("Report files (in the report folder): sla-report-2026-03.md");
  });

  it("keeps a section under Block Kit's 3,000 characters and says how much more the report has", () => {
    const many = card();
    many.deviations = Array.from({ length: 60 }, (_, i) => ({
      id: `X${i}`,
      name: "A very long KPI name that goes on and on & on".repeat(2),
      result: "12 % (norm ≥ 95 %)",
      notes: [],
    }));
    const section = texts(slackScorecardContent(many).blocks)[2] ?? "";
    expect(section.length).toBeLessThanOrEqual(3000);
    expect(section).toMatch(/\n… and \d+ more lines in the report$/);
    const shown = section.split("\n").filter((l) => l.startsWith("• ")).length;
    expect(section.endsWith(`… and ${60 - shown} more lines in the report`)).toBe(true);
  });
});

describe("Teams: Adaptive Card 1.4 scorecard", () => {
  it("has the same content: counts as facts, deviations and agenda as fact sets, files as buttons", () => {
    const payload = teamsScorecardPayload(card(INTRANET));
    const [attachment] = payload.attachments;
    expect(attachment?.contentType).toBe("application/vnd.microsoft.card.adaptive");
    const content = attachment?.content as {
      version: string;
      body: Array<Record<string, unknown>>;
      actions: unknown[];
    };
    expect(content.version).toBe("1.4");
    const summary = content.body.map((b) =>
      b.type === "FactSet"
        ? (b.facts as Array<{ title: string; value: string }>).map((f) => `${f.title} = ${f.value}`)
        : b.text,
    );
    expect(summary).toEqual([
      "SLA scorecard 2026-03 (month)",
      "1 Mar 2026 – 31 Mar 2026 · catalog sib-2026.1",
      ["Met = 1", "Not met = 2", "No data = 1"],
      "Contract deviations (minimum requirements not met)",
      [
        "O1.3 Resolution <P2> & <P3> = 90 % (norm ≥ 95 %) — 3 tickets <reopened> & counted once — second note",
      ],
      "Agenda",
      "Operational meeting",
      ["O1.3 Resolution <P2> & <P3> = 90 % (norm missed)"],
      "Tactical meeting",
      ["T2.3 Improvement items = no data (standing item)"],
    ]);
    expect(content.actions).toEqual([
      {
        type: "Action.OpenUrl",
        title: "Open sla-report-2026-03.html",
        url: `${INTRANET}/sla-report-2026-03.html`,
      },
      {
        type: "Action.OpenUrl",
        title: "Open sla-report-2026-03-kpis.csv",
        url: `${INTRANET}/sla-report-2026-03-kpis.csv`,
      },
    ]);
  });

  it("stays under the size limit: notes go first, then the longest list, and the card says so", () => {
    const big = card();
    big.deviations = Array.from({ length: 40 }, (_, i) => ({
      id: `X${i}`,
      name: `KPI ${i}`,
      result: "12 % (norm ≥ 95 %)",
      notes: ["n".repeat(150)],
    }));
    const full = teamsScorecardPayload(big, 1_000_000);
    const limit = 2_500;
    expect(byteSize(full)).toBeGreaterThan(limit);
    const cut = teamsScorecardPayload(big, limit);
    expect(byteSize(cut)).toBeLessThanOrEqual(limit);
    type Body = Array<{ type: string; text?: string; facts?: Array<{ value: string }> }>;
    const body = (cut.attachments[0]?.content.body ?? []) as Body;
    const deviations = body.find((b) => b.type === "FactSet" && b.facts?.[0]?.value.startsWith("12 %"));
    expect(deviations?.facts?.every((f) => f.value === "12 % (norm ≥ 95 %)")).toBe(true);
    const shown = deviations?.facts?.length ?? 0;
    expect(shown).toBeGreaterThan(0);
    expect(body.at(-2)?.text).toBe(`… and ${40 - shown} more items in the report`);
  });
});
