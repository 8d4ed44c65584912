import { describe, expect, it } from "vitest";
import { optionalFieldsBody, topdeskTime } from "../../../connectors/topdesk/writer.js";
import { useNock } from "../../http/nock-harness.js";
import { fixture } from "./fixtures.js";
import { API, makeConnector, PASSWORD, tas } from "./harness.js";

useNock();

const PATH = `${API}/incidents/number/I%202603%200101`;
const VALUES = {
  "optionalFields1.text1": "at-risk",
  "optionalFields1.date2": "2026-03-02T16:00:00.000Z",
  "optionalFields1.number1": 15,
};
const BODY = { optionalFields1: { text1: "at-risk", date2: "2026-03-02T16:00:00.000+0000", number1: 15 } };

describe("optionalFieldsBody", () => {
  it("groups slots per tab and writes dates in TOPdesk's format", () => {
    expect(optionalFieldsBody({ ...VALUES, "optionalFields2.date5": "2026-03-02T17:30:00+01:00" })).toEqual({
      ...BODY,
      optionalFields2: { date5: "2026-03-02T16:30:00.000+0000" },
    });
  });

  it.each([
    ["optionalFields1.text2", ""],
    ["optionalFields1.date1", null],
    ["optionalFields2.number3", 0],
  ])("clears %s with TOPdesk's unset value %j", (path, unset) => {
    const [tab, slot] = path.split(".") as [string, string];
    expect(optionalFieldsBody({ [path]: null })).toEqual({ [tab]: { [slot]: unset } });
  });

  it.each(["optionalFields1.memo1", "optionalFields3.text1", "priority", "optionalFields1.text6"])(
    "refuses %s",
    (path) => {
      expect(() => optionalFieldsBody({ [path]: "x" })).toThrow(RangeError);
    },
  );

  it("formats instants in UTC", () => {
    expect(topdeskTime(Date.parse("2026-07-01T10:00:00+02:00"))).toBe("2026-07-01T08:00:00.000+0000");
  });
});

describe("writeFields", () => {
  it("PATCHes only the given optional fields of the incident, by its number", async () => {
    tas().patch(PATH, BODY).reply(200, {});
    const { connector } = makeConnector(undefined);
    await connector.writeFields("I 2603 0101", VALUES);
  });

  it("uses PUT where the server does not allow PATCH, and keeps doing so", async () => {
    tas().patch(PATH, BODY).reply(405);
    tas().put(PATH, BODY).times(2).reply(200, {});
    const { connector } = makeConnector(undefined);
    await connector.writeFields("I 2603 0101", VALUES);
    await connector.writeFields("I 2603 0101", VALUES);
  });

  it("says which permission is missing when TOPdesk refuses the write", async () => {
    tas().patch(PATH).reply(403, fixture("version-403"));
    const { connector } = makeConnector(undefined);
    const error = await connector.writeFields("I 2603 0101", VALUES).catch((e: unknown) => e);
    expect((error as Error).message).toBe(
      'connector "topdesk" (topdesk): TOPdesk refused access (403 Forbidden): the account may not change incidents: ' +
        "its permission group needs 1st and 2nd line incident permission (write); see connectors/topdesk/README.md",
    );
    expect((error as Error).message).not.toContain(PASSWORD);
  });

  it("sends nothing for no values", async () => {
    const { connector } = makeConnector(undefined);
    await connector.writeFields("I 2603 0101", {});
  });

  it("exposes the configured write-back fields", () => {
    const { connector } = makeConnector(undefined);
    expect(connector.writebackEnabled).toBe(true);
    expect(connector.writebackFields).toEqual({
      slaStatus: "optionalFields1.text1",
      resolutionDue: "optionalFields1.date2",
      remainingMinutes: "optionalFields1.number1",
    });
  });

  it("refuses the OData option it does not support yet", () => {
    expect(() => makeConnector(undefined, { reportingFeed: true })).toThrow(
      /reportingFeed: true is not supported yet/,
    );
  });
});
