import { describe, expect, it } from "vitest";
import { md, renderMarkdown } from "../../src/report/markdown.js";
import { fixtureReport } from "../engine/report/fixture.js";

describe("Markdown report", () => {
  const text = renderMarkdown(fixtureReport("2026-03"));
  const lines = text.split("\n");

  it("opens with the period, its bounds with offsets and the catalog version", () => {
    expect(lines[0]).toBe("# SLA report 2026-03 (month)");
    expect(text).toContain("Period 2026-03-01T00:00:00+01:00 – 2026-04-01T00:00:00+02:00 (end excluded)");
    expect(text).toContain("catalog sib-2026.1");
  });

  it("lists the contract deviations with the part that failed", () => {
    expect(text).toContain("## Contract deviations");
    expect(text).toContain(
      "- **T2.6** Backlog older than 10 working days (Werkvoorraad ouder dan 10 werkdagen): count 24 (norm at most 20)",
    );
    expect(text).toContain(
      "- **O4.2** Network availability per location (Beschikbaarheid netwerk per locatie): Zwolle 98.5 % (norm ≥ 99 %)",
    );
  });

  it("has the agenda per meeting level, with an empty level said so", () => {
    const operational = lines.indexOf("### Operational meeting (monthly)");
    const tactical = lines.indexOf("### Tactical meeting (quarterly)");
    expect(operational).toBeGreaterThan(0);
    expect(lines.slice(operational, tactical).filter((l) => l.startsWith("- "))).toEqual([
      "- **T2.6** Backlog older than 10 working days: 4 % (norm missed)",
      "- **O1.3** First response P2: 91 % (norm missed)",
      "- **O4.2** Network availability per location: 98.5 % (norm missed)",
    ]);
    expect(lines[tactical + 2]).toBe("Nothing to discuss from this report.");
  });

  it("has a scorecard row per KPI and per part, names in English and Dutch", () => {
    expect(text).toContain(
      "### O1 Fast and controlled incident handling (Snelle en gecontroleerde incidentafhandeling)",
    );
    expect(text).toContain(
      "| O1.2 | First response P1<br>*Eerste inhoudelijke reactie P1* | ≤ 15 min (clock) in 95 % | 96.67 % | 30 | Met (minimum requirement) |",
    );
    expect(text).toContain(
      "| O1.3 | First response P2<br>*Eerste inhoudelijke reactie P2* | ≤ 1 h (business hours) in 95 % | 91 % | 100 | Not met (minimum requirement, **contract deviation**) |",
    );
    expect(text).toContain("| | ↳ count | at most 20 | 24 | 600 | Not met |");
    expect(text).toContain(
      "| O1.4 | First response P3<br>*Eerste inhoudelijke reactie P3* | ≤ 4 h (business hours) in 90 % | no data | 0 | No data |",
    );
  });

  it("escapes Markdown in catalog and record texts", () => {
    expect(text).toContain("Customer satisfaction \\<7/10\\>");
    expect(text).toContain('Klanttevredenheid &amp; "CSAT"');
    expect(md("a|b *c* [d](e) <script>")).toBe("a\\|b \\*c\\* \\[d\\](e) \\<script\\>");
  });

  it("has a trend table with the preceding periods and this one", () => {
    expect(text).toContain("| KPI | 2025-12 | 2026-01 | 2026-02 | 2026-03 |");
    expect(text).toContain("| O1.2 | 100 % | 90 % | 100 % | 96.67 % |");
  });

  it("ends with notes and the settings used", () => {
    expect(text).toContain("- **O5.2**: 12 stale devices excluded");
    expect(text).toContain("- **O1.3**: 2 breached cases (see the cases CSV)");
    expect(text).toContain("| rules | ownership.mode | continuous |");
  });

  it("says when the period had not ended yet", () => {
    expect(renderMarkdown(fixtureReport("2026-04"))).toContain("> **Provisional:**");
    expect(text).not.toContain("> **Provisional:**");
  });
});
