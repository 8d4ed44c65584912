import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { SUPPLIER_NORMS_YAML } from "../support/supplier-norms.js";
import { cli } from "./run-cli.js";

const MON = (hhmm: string) => `2026-03-02T${hhmm}:00+01:00`;
const comment = (hhmm: string) => ({
  at: MON(hhmm),
  type: "comment",
  visibleToCaller: true,
  automated: false,
});
const ticket = (id: string, fields: Record<string, unknown>, events: unknown[] = []) =>
  JSON.stringify({
    kind: "ticket",
    id,
    source: "exports",
    type: "incident",
    priority: "P2",
    createdAt: MON("09:00"),
    events,
    ...fields,
  });

let config: string;
beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "cli-timers-"));
  const records = [
    ticket("I-AT-RISK", { title: "Printer <3rd floor>" }),
    ticket("I-BREACHED", { createdAt: MON("08:00") }, [
      { at: MON("08:05"), type: "assigned", owner: "op-17", group: "servicedesk", party: null },
    ]),
    ticket("I-RESOLVED", {}, [comment("09:05"), { at: MON("09:30"), type: "resolved" }]),
    ticket("I-MAJOR", { priority: "P1" }, [
      { at: MON("09:00"), type: "major", value: true },
      comment("09:10"),
    ]),
  ];
  writeFileSync(join(dir, "records.jsonl"), `${records.join("\n")}\n`);
  writeFileSync(join(dir, "supplier-norms.yaml"), SUPPLIER_NORMS_YAML);
  config = join(dir, "sla-sentinel.yaml");
  writeFileSync(
    config,
    "storage: {sqlite: ./store.db}\nconnectors:\n  - {name: exports, type: file, path: ./records.jsonl}\ncontract:\n  supplierNorms: ./supplier-norms.yaml\n",
  );
  expect((await cli("-c", config, "sync")).code).toBe(0);
});

describe("timers", () => {
  it("prints every open ticket's timers as JSON, most urgent first, with hand-checked values", async () => {
    const run = await cli("-c", config, "timers", "--at", MON("09:55"), "--format", "json");
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout);
    expect(out.at).toBe("2026-03-02T09:55:00+01:00");
    expect(
      out.timers.map(
        (t: { ticket: string; clock: string; state: string }) => `${t.ticket} ${t.clock} ${t.state}`,
      ),
    ).toEqual([
      "I-BREACHED response breached",
      "I-AT-RISK response at-risk",
      "I-MAJOR major-update at-risk",
      "I-BREACHED resolution running",
      "I-MAJOR stabilisation running",
      "I-AT-RISK resolution running",
      "I-MAJOR resolution running",
      "I-MAJOR response met",
    ]);
    expect(out.timers[1]).toEqual({
      source: "exports",
      ticket: "I-AT-RISK",
      title: "Printer <3rd floor>",
      priority: "P2",
      type: "incident",
      location: null,
      owner: null,
      group: null,
      clock: "response",
      clockKind: "business",
      state: "at-risk",
      deadline: "2026-03-02T10:00:00+01:00",
      remainingMinutes: 5,
      usedShare: 0.9167,
      stopped: false,
      pausedSince: null,
    });
    // The 09:10 update answered the first; the next is due 60 clock minutes later: 45 used at 09:55.
    expect(out.timers[2]).toMatchObject({
      clock: "major-update",
      clockKind: "clock",
      deadline: "2026-03-02T10:10:00+01:00",
      remainingMinutes: 15,
      usedShare: 0.75,
    });
    expect(out.timers[0]).toMatchObject({ owner: "op-17", group: "servicedesk", remainingMinutes: -55 });
  });

  it("prints a readable table", async () => {
    const run = await cli("-c", config, "timers", "--at", MON("09:55"));
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe("SLA timers as at Mon 2 Mar 2026 09:55 CET (Europe/Amsterdam)");
    expect(lines[1]).toMatch(/^STATE\s+TICKET\s+PRI\s+CLOCK\s+DEADLINE\s+LEFT\s+USED\s+OWNER\s+TITLE$/);
    expect(lines[2]).toMatch(
      /^breached\s+exports\/I-BREACHED\s+P2\s+response\s+Mon 2 Mar 09:00\s+-55 min \(b\)\s+192%\s+op-17$/,
    );
    expect(lines[3]).toMatch(
      /^at-risk\s+exports\/I-AT-RISK\s+P2\s+response\s+Mon 2 Mar 10:00\s+5 min \(b\)\s+92%\s+-\s+Printer <3rd floor>$/,
    );
    expect(lines.at(-1)).toBe("(b): business time, counted inside the service window only");
  });

  it("shows the past as it was: before a ticket's resolution it is still listed", async () => {
    const run = await cli("-c", config, "timers", "--at", MON("09:20"), "--format", "json");
    const ids = new Set(JSON.parse(run.stdout).timers.map((t: { ticket: string }) => t.ticket));
    expect(ids).toEqual(new Set(["I-AT-RISK", "I-BREACHED", "I-RESOLVED", "I-MAJOR"]));
  });

  it("says so when nothing is open", async () => {
    const run = await cli("-c", config, "timers", "--at", "2026-03-01T12:00:00+01:00");
    expect(run.stdout).toContain("no open ticket has a clock with a norm");
  });

  it("refuses a time without an offset with exit 2", async () => {
    const run = await cli("-c", config, "timers", "--at", "2026-03-02T09:55");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--at: .*no offset/);
  });
});
