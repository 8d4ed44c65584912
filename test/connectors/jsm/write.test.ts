import { describe, expect, it } from "vitest";
import { JsmFieldNotEditableError } from "../../../connectors/jsm/index.js";
import { editBody, encode } from "../../../connectors/jsm/writer.js";
import { BadRequestHttpError } from "../../../src/http/index.js";
import { runWriteback } from "../../../src/sinks/writeback/index.js";
import { useNock } from "../../http/nock-harness.js";
import { context, ticket } from "../../sinks/writeback/helpers.js";
import { memoryStore } from "../topdesk/harness.js";
import { fixture } from "./fixtures.js";
import { cloud, cloudConfig, DC_PATH, dc, dcConfig, EMAIL, makeConnector, PAT, TOKEN } from "./harness.js";

useNock();

const PATH = "/rest/api/3/issue/ITS-101";
const VALUES = {
  customfield_10101: "at-risk",
  customfield_10102: "2026-03-06T16:00:00.000Z",
  customfield_10103: 15,
};
const BODY = {
  fields: {
    customfield_10101: "at-risk",
    customfield_10102: "2026-03-06T16:00:00.000+0000",
    customfield_10103: 15,
  },
};
const BASIC = `Basic ${Buffer.from(`${EMAIL}:${TOKEN}`).toString("base64")}`;
const fields = () => cloud().get("/rest/api/3/field").reply(200, fixture("field-cloud"));

describe("editBody", () => {
  const types = new Map([
    ["text", { type: "string", custom: "com.atlassian.jira.plugin.system.customfieldtypes:textfield" }],
    ["area", { type: "string", custom: "com.atlassian.jira.plugin.system.customfieldtypes:textarea" }],
    ["num", { type: "number", custom: null }],
    ["when", { type: "datetime", custom: null }],
    ["day", { type: "date", custom: null }],
    ["select", { type: "option", custom: null }],
  ]);

  it.each([
    ["text", "breached", "breached"],
    ["num", -30, -30],
    ["when", "2026-03-02T17:30:00+01:00", "2026-03-02T16:30:00.000+0000"],
    ["day", "2026-03-02T16:30:00.000Z", "2026-03-02"],
    ["select", "at-risk", { value: "at-risk" }],
    [
      "area",
      "paused",
      {
        type: "doc",
        version: 1,
        content: [{ type: "paragraph", content: [{ type: "text", text: "paused" }] }],
      },
    ],
    ["unknown", 12, 12],
    ["text", null, null],
    ["num", null, null],
  ])("%s ← %j is sent as %j (Cloud)", (id, value, sent) => {
    expect(editBody({ [id]: value }, types, "cloud")).toEqual({ fields: { [id]: sent } });
  });

  it("sends multi-line text as text on Data Center (v2 takes wiki markup, not ADF)", () => {
    expect(editBody({ area: "paused" }, types, "datacenter")).toEqual({ fields: { area: "paused" } });
  });

  it.each([
    ["num", "soon"],
    ["when", "not a time"],
  ])("refuses %s ← %j", (id, value) => {
    expect(() => encode(value, types.get(id) ?? { type: null, custom: null }, "cloud", id)).toThrow(
      RangeError,
    );
  });
});

describe("writeFields", () => {
  it("PUTs only the given fields, without notifying watchers, as the configured account", async () => {
    fields();
    cloud().put(PATH, BODY).query({ notifyUsers: "false" }).matchHeader("authorization", BASIC).reply(204);
    const { connector } = makeConnector();
    await connector.writeFields("ITS-101", VALUES);
  });

  it("falls back to a normal edit where notifyUsers=false is not allowed, and keeps doing so", async () => {
    fields();
    cloud().put(PATH, BODY).query({ notifyUsers: "false" }).reply(403, fixture("error-notify"));
    cloud().put(PATH, BODY).times(2).reply(204);
    const { connector } = makeConnector();
    await connector.writeFields("ITS-101", VALUES);
    await connector.writeFields("ITS-101", VALUES);
  });

  it("says which field is not on the edit screen, from Jira's error", async () => {
    fields();
    cloud().put(PATH, BODY).query(true).reply(400, fixture("error-not-on-screen"));
    const { connector } = makeConnector();
    const error = await connector.writeFields("ITS-101", VALUES).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JsmFieldNotEditableError);
    // a per-ticket refusal: the write-back goes on with the other tickets
    expect(error).toBeInstanceOf(BadRequestHttpError);
    expect((error as Error).message).toBe(
      'connector "jira" (jsm): cannot write customfield_10102 on ITS-101: not on the issue\'s edit screen ' +
        "(or not in its field configuration or context); add the field to the Edit screen of the project's " +
        "screen scheme for this issue type",
    );
  });

  it("asks editmeta which field it is when the error body was not passed on", async () => {
    fields();
    cloud().put(PATH, BODY).query(true).reply(400, fixture("error-not-on-screen"));
    cloud().get(`${PATH}/editmeta`).reply(200, fixture("editmeta-its-101"));
    const { connector } = makeConnector(undefined, {}, { describeErrors: false });
    const error = await connector.writeFields("ITS-101", VALUES).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JsmFieldNotEditableError);
    expect((error as JsmFieldNotEditableError).fieldIds).toEqual(["customfield_10102"]);
  });

  it("passes another bad request on as it is", async () => {
    const body = { errorMessages: [], errors: { customfield_10103: "Operation value must be a number." } };
    fields();
    cloud().put(PATH, BODY).query(true).reply(400, body);
    cloud()
      .get(`${PATH}/editmeta`)
      .reply(200, {
        fields: { customfield_10101: {}, customfield_10102: {}, customfield_10103: {} },
      });
    const { connector } = makeConnector();
    await expect(connector.writeFields("ITS-101", VALUES)).rejects.toThrow(
      "PUT https://example.atlassian.net/rest/api/3/issue/ITS-101: 400 Bad Request " +
        "(customfield_10103: Operation value must be a number.)",
    );
  });

  it("says the account may not edit issues when the normal edit is refused too", async () => {
    fields();
    cloud().put(PATH, BODY).query({ notifyUsers: "false" }).reply(403, fixture("error-notify"));
    cloud()
      .put(PATH, BODY)
      .reply(403, { errorMessages: ["You do not have permission to edit issues in this project."] });
    const { connector } = makeConnector();
    await expect(connector.writeFields("ITS-101", VALUES)).rejects.toThrow(
      'connector "jira" (jsm): Jira refused access (403 Forbidden): the account may not edit issues: it needs Edit issues on the project',
    );
  });

  it("refuses a write-back field the site does not have, before sending anything", async () => {
    fields();
    const { connector } = makeConnector(
      cloudConfig({ writeback: { fields: { slaStatus: "customfield_19999" } } }),
    );
    await expect(connector.writeFields("ITS-101", { customfield_19999: "running" })).rejects.toThrow(
      'connector "jira" (jsm): writeback.fields: customfield_19999: no such field on this site',
    );
  });

  it("sends nothing for no values", async () => {
    const { connector } = makeConnector();
    await connector.writeFields("ITS-101", {});
  });

  it("writes through /rest/api/2 with the personal access token on Data Center", async () => {
    dc().get(`${DC_PATH}/rest/api/2/field`).reply(200, fixture("field-dc"));
    dc()
      .put(`${DC_PATH}/rest/api/2/issue/ITS-301`, { fields: { customfield_10104: "paused" } })
      .query({ notifyUsers: "false" })
      .matchHeader("authorization", `Bearer ${PAT}`)
      .reply(204);
    const { connector } = makeConnector(
      dcConfig({ writeback: { fields: { slaStatus: "customfield_10104" } } }),
    );
    await connector.writeFields("ITS-301", { customfield_10104: "paused" });
  });
});

describe("write-back orchestration", () => {
  it("counts a ticket whose field is not on the screen as refused and writes the others", async () => {
    const store = await memoryStore();
    try {
      await store.upsert(
        ["ITS-1", "ITS-2"].map((id) => ({
          connector: "jira",
          record: ticket(id, { priority: "P2", source: "jira" }),
        })),
      );
      const config = cloudConfig({
        writeback: { fields: { slaStatus: "customfield_10101", resolutionDue: "customfield_10102" } },
      });
      const { connector } = makeConnector(config);
      fields();
      const sent = {
        fields: { customfield_10101: "running", customfield_10102: "2026-03-02T16:00:00.000+0000" },
      };
      cloud().put("/rest/api/3/issue/ITS-1", sent).query(true).reply(400, fixture("error-not-on-screen"));
      cloud().put("/rest/api/3/issue/ITS-2", sent).query(true).reply(204);
      const [summary] = await runWriteback({
        store,
        targets: [connector],
        context: context("2026-03-02T09:30:00+01:00"),
      });
      expect(summary).toMatchObject({ target: "jira", mode: "write", considered: 2, written: 1 });
      expect(summary?.failed).toEqual([
        {
          ticket: "ITS-1",
          error: expect.stringContaining('connector "jira" (jsm): cannot write customfield_10102 on ITS-1'),
        },
      ]);
    } finally {
      await store.close();
    }
  });
});
