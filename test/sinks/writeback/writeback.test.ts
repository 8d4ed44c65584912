import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuthHttpError, BadRequestHttpError } from "../../../src/http/index.js";
import type { Ticket } from "../../../src/model/schema.js";
import {
  type FieldValue,
  runWriteback,
  type WritebackTarget,
  writebackKey,
} from "../../../src/sinks/writeback/index.js";
import { SqliteStore } from "../../../src/store/sqlite-store.js";
import { makeConnector, tas } from "../../connectors/topdesk/harness.js";
import { useNock } from "../../http/nock-harness.js";
import { context, MON, response, ticket } from "./helpers.js";

useNock();

let store: SqliteStore;
beforeEach(async () => {
  store = SqliteStore.open(":memory:");
  await store.migrate();
});
afterEach(async () => {
  await store.close();
});

const put = (...tickets: Ticket[]) =>
  store.upsert(tickets.map((record) => ({ connector: "topdesk", record })));

type Call = { ticket: string; values: Record<string, FieldValue> };

/** A target that records its writes; `refuse` maps a ticket id to the error its write throws. */
function recordingTarget(refuse: Record<string, Error> = {}, enabled = true) {
  const calls: Call[] = [];
  const target: WritebackTarget = {
    name: "topdesk",
    writebackEnabled: enabled,
    writebackFields: {
      slaStatus: "optionalFields1.text1",
      responseDue: "optionalFields1.date1",
      remainingMinutes: "optionalFields1.number1",
      nextUpdateDue: "optionalFields1.date3",
    },
    async writeFields(ticketId, values) {
      const error = refuse[ticketId];
      if (error !== undefined) throw error;
      calls.push({ ticket: ticketId, values: { ...values } });
    },
  };
  return { target, calls };
}

const OPEN = ticket("I 1", { priority: "P2" });
const CLOSED = ticket("I 2", { priority: "P2" }, [
  { at: MON("09:10"), type: "resolved" },
  { at: MON("09:20"), type: "closed" },
]);

describe("runWriteback", () => {
  it("sends all values first, then only what changed, then nothing", async () => {
    await put(OPEN);
    const { target, calls } = recordingTarget();
    await runWriteback({ store, targets: [target], context: context(MON("09:30")) });
    await runWriteback({ store, targets: [target], context: context(MON("09:45")) });
    const [third] = await runWriteback({ store, targets: [target], context: context(MON("09:45")) });
    expect(calls).toEqual([
      {
        ticket: "I 1",
        values: {
          "optionalFields1.text1": "running",
          "optionalFields1.date1": "2026-03-02T09:00:00.000Z",
          "optionalFields1.number1": 30,
        },
      },
      { ticket: "I 1", values: { "optionalFields1.text1": "at-risk", "optionalFields1.number1": 15 } },
    ]);
    expect(third).toMatchObject({ mode: "write", considered: 1, unchanged: 1, written: 0 });
    expect(JSON.parse((await store.getMeta(writebackKey("topdesk"))) ?? "{}")).toEqual({
      "I 1": {
        "optionalFields1.text1": "at-risk",
        "optionalFields1.date1": "2026-03-02T09:00:00.000Z",
        "optionalFields1.number1": 15,
      },
    });
  });

  it("never writes to a closed ticket, and forgets what it wrote to it", async () => {
    await put(OPEN, CLOSED);
    await store.setMeta(
      writebackKey("topdesk"),
      JSON.stringify({ "I 2": { "optionalFields1.text1": "running" } }),
    );
    const { target, calls } = recordingTarget();
    const [summary] = await runWriteback({ store, targets: [target], context: context(MON("10:00")) });
    expect(calls.map((c) => c.ticket)).toEqual(["I 1"]);
    expect(summary).toMatchObject({ considered: 1, written: 1 });
    expect(Object.keys(JSON.parse((await store.getMeta(writebackKey("topdesk"))) ?? "{}"))).toEqual(["I 1"]);
  });

  it("gives a resolved ticket its final values once", async () => {
    await put(ticket("I 3", { priority: "P2" }, [response("09:20"), { at: MON("11:00"), type: "resolved" }]));
    const { target, calls } = recordingTarget();
    await runWriteback({ store, targets: [target], context: context(MON("12:00")) });
    await runWriteback({ store, targets: [target], context: context(MON("13:00")) });
    // remainingMinutes and nextUpdateDue are null and were never written: nothing to clear.
    expect(calls).toEqual([
      {
        ticket: "I 3",
        values: { "optionalFields1.text1": "met", "optionalFields1.date1": "2026-03-02T09:00:00.000Z" },
      },
    ]);
  });

  it.each([
    ["a dry run", true, true, "dry-run"],
    ["writeback.enabled: false", false, false, "disabled"],
  ] as const)("%s sends nothing and reports what it would send", async (_name, dryRun, enabled, mode) => {
    await put(OPEN, CLOSED);
    const { target, calls } = recordingTarget({}, enabled);
    const [summary] = await runWriteback({
      store,
      targets: [target],
      context: context(MON("09:30")),
      dryRun,
    });
    expect(calls).toEqual([]);
    expect(summary).toMatchObject({
      mode,
      written: 0,
      pending: [
        {
          ticket: "I 1",
          fields: {
            "optionalFields1.text1": "running",
            "optionalFields1.date1": "2026-03-02T09:00:00.000Z",
            "optionalFields1.number1": 30,
          },
        },
      ],
    });
    expect(await store.getMeta(writebackKey("topdesk"))).toBeNull();
  });

  it("goes on past a ticket the source refuses, and retries it next time", async () => {
    await put(ticket("I 4", { priority: "P2" }), ticket("I 5", { priority: "P2" }));
    const refused = new BadRequestHttpError(
      { method: "PATCH", url: "https://x/tas/api", status: 400 },
      "400",
    );
    const { target, calls } = recordingTarget({ "I 4": refused });
    const [summary] = await runWriteback({ store, targets: [target], context: context(MON("09:30")) });
    expect(calls.map((c) => c.ticket)).toEqual(["I 5"]);
    expect(summary?.failed).toEqual([{ ticket: "I 4", error: refused.message }]);
    expect(Object.keys(JSON.parse((await store.getMeta(writebackKey("topdesk"))) ?? "{}"))).toEqual([
      "I 4",
      "I 5",
    ]);
  });

  it("stops a target on a credential problem, keeping what it wrote", async () => {
    await put(ticket("I 6", { priority: "P2" }), ticket("I 7", { priority: "P2" }));
    const denied = new AuthHttpError({ method: "PATCH", url: "https://x/tas/api", status: 401 }, "401");
    const { target, calls } = recordingTarget({ "I 7": denied });
    const [summary] = await runWriteback({ store, targets: [target], context: context(MON("09:30")) });
    expect(calls.map((c) => c.ticket)).toEqual(["I 6"]);
    expect(summary).toMatchObject({ written: 1, error: denied.message });
    expect(JSON.parse((await store.getMeta(writebackKey("topdesk"))) ?? "{}")["I 6"]).toBeDefined();
  });

  it("writes through the TOPdesk connector: only changed optional fields, nothing for closed tickets", async () => {
    await put(OPEN, CLOSED);
    const { connector } = makeConnector(undefined);
    const path = "/tas/api/incidents/number/I%201";
    // writeback fields of the harness config: slaStatus text1, resolutionDue date2, remainingMinutes number1
    tas()
      .patch(path, {
        optionalFields1: { text1: "running", date2: "2026-03-02T16:00:00.000+0000", number1: 30 },
      })
      .reply(200, {});
    tas()
      .patch(path, { optionalFields1: { number1: 20 } })
      .reply(200, {});
    await runWriteback({ store, targets: [connector], context: context(MON("09:30")) });
    await runWriteback({ store, targets: [connector], context: context(MON("09:40")) });
  });
});
