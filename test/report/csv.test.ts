import { describe, expect, it } from "vitest";
import { CASE_COLUMNS, csvCell, KPI_COLUMNS, renderCasesCsv, renderKpiCsv } from "../../src/report/csv.js";
import { fixtureReport } from "../engine/report/fixture.js";

/** A small RFC 4180 reader, enough to check what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  return rows;
}

describe("KPI CSV", () => {
  const rows = parseCsv(renderKpiCsv(fixtureReport("2026-03")));
  const header = rows[0] as string[];
  const record = (kpi: string, part = "") =>
    Object.fromEntries(header.map((h, i) => [h, rows.find((r) => r[1] === kpi && r[2] === part)?.[i]]));

  it("has the documented header and one row per KPI plus one per part", () => {
    expect(header).toEqual([...KPI_COLUMNS]);
    // 7 KPIs, T2.6 with 2 parts and O4.2 with 2 locations
    expect(rows).toHaveLength(1 + 7 + 2 + 2);
    expect(rows.every((r) => r.length === KPI_COLUMNS.length)).toBe(true);
  });

  it("writes a KPI's figures, names and flags", () => {
    expect(record("O1.3")).toMatchObject({
      period: "2026-03",
      goal: "O1",
      name_en: "First response P2",
      name_nl: "Eerste inhoudelijke reactie P2",
      norm: "≤ 1 h (business hours) in 95 %",
      score: "0.91",
      target: "0.95",
      met: "false",
      n: "100",
      minimum_requirement: "true",
      deviation: "true",
      on_agenda: "true",
      meeting: "operational",
      provisional: "false",
    });
    expect(record("O1.4")).toMatchObject({ score: "", target: "", met: "", n: "0", deviation: "false" });
  });

  it("writes each part with its own norm and verdict", () => {
    expect(record("T2.6", "count")).toMatchObject({
      norm: "at most 20",
      score: "24",
      target: "20",
      met: "false",
      deviation: "true",
    });
    expect(record("T2.6", "share")).toMatchObject({
      norm: "≤ 5 %",
      score: "0.04",
      met: "true",
      deviation: "false",
    });
  });

  it("quotes texts with commas and quotes", () => {
    expect(record("O3.3").name_nl).toBe('Klanttevredenheid & "CSAT"');
  });
});

describe("cases CSV", () => {
  const text = renderCasesCsv(fixtureReport("2026-03"));
  const rows = parseCsv(text);

  it("has a row per case with instants in the contract's zone", () => {
    expect(rows[0]).toEqual([...CASE_COLUMNS]);
    expect(rows.slice(1).map((r) => r[1])).toEqual(["O1.2", "O1.3", "O1.3"]);
    expect(rows[1]).toEqual([
      "2026-03",
      "O1.2",
      "",
      "I-2603-001",
      "topdesk",
      "breached",
      "47",
      "2026-03-10T09:15:00+01:00",
      "2026-03-10T10:02:00+01:00",
      "first reply was an <auto> mail & a note",
    ]);
  });

  it("defuses a case id that a spreadsheet would run as a formula", () => {
    expect(rows[2]?.[3]).toBe('\'=HYPERLINK("x")');
  });

  it("ends every line with CRLF", () => {
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "").includes("\n")).toBe(false);
  });
});

describe("csvCell", () => {
  it.each([
    [null, ""],
    [true, "true"],
    [0.123456789, "0.123457"],
    [-5, "-5"],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["line\nbreak", '"line\nbreak"'],
    ["+31 20", "'+31 20"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["-1+1", "'-1+1"],
    ["plain", "plain"],
  ])("%j → %j", (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });
});
