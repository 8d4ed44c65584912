import nock from "nock";
import { describe, expect, it } from "vitest";
import { teamsChannelKey } from "../../src/alerts/index.js";
import { createHttpClient } from "../../src/http/index.js";
import { byteSize, TEAMS_MAX_BYTES, teamsAlertPayload } from "../../src/sinks/chat/adaptive-card.js";
import { TeamsChannel } from "../../src/sinks/teams.js";
import { useNock } from "../http/nock-harness.js";
import { alertMessage, LINK } from "./alert-message.js";

useNock();

const HOST = "https://prod-42.westeurope.environment.api.powerplatform.com";
const PATH = "/powerautomate/automations/direct/workflows/0f1e/triggers/manual/paths/invoke";
const WEBHOOK = `${HOST}${PATH}?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=s3cr3t-signature`;

function channel() {
  const waits: number[] = [];
  const http = createHttpClient({
    retries: 2,
    baseDelayMs: 1,
    sleep: async (ms) => {
      waits.push(ms);
    },
  });
  return { teams: new TeamsChannel(http, WEBHOOK, teamsChannelKey(WEBHOOK)), waits };
}

describe("TeamsChannel", () => {
  it("posts an Adaptive Card 1.4 message and takes 202 Accepted with an empty body", async () => {
    let body: Record<string, unknown> = {};
    nock(HOST)
      .post(PATH, (b: Record<string, unknown>) => {
        body = b;
        return true;
      })
      .query({ "api-version": "1", sp: "/triggers/manual/run", sv: "1.0", sig: "s3cr3t-signature" })
      .reply(202, "");
    const { teams } = channel();
    expect(await teams.deliver(alertMessage(), null)).toBeNull();
    expect(body).toEqual({
      type: "message",
      attachments: [
        {
          contentType: "application/vnd.microsoft.card.adaptive",
          contentUrl: null,
          content: {
            $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
            type: "AdaptiveCard",
            version: "1.4",
            msteams: { width: "Full" },
            body: [
              {
                type: "TextBlock",
                text: "Breached: P2 response of I2603-0042",
                weight: "Bolder",
                size: "Medium",
                color: "Attention",
                wrap: true,
              },
              { type: "TextBlock", text: "I2603-0042 · Printer <3rd floor> & scanner", wrap: true },
              {
                type: "FactSet",
                facts: [
                  { title: "Priority", value: "P2" },
                  { title: "Clock", value: "response" },
                  { title: "Deadline", value: "Mon 2 Mar 2026 10:00 CET" },
                  { title: "Remaining", value: "30 min overdue (business hours)" },
                  { title: "Owner", value: "op-17 · servicedesk" },
                  { title: "Location", value: "Utrecht" },
                  { title: "Source", value: "topdesk · incident" },
                ],
              },
            ],
            actions: [{ type: "Action.OpenUrl", title: "Open ticket", url: LINK }],
          },
        },
      ],
    });
  });

  it("takes the legacy 200 with body 1 as delivered too", async () => {
    nock(HOST).post(PATH).query(true).reply(200, "1");
    expect(await channel().teams.deliver(alertMessage(), null)).toBeNull();
  });

  it("never shows the workflow URL: its key and label are a hash", () => {
    const { teams } = channel();
    expect(teams.key).toMatch(/^teams:[0-9a-f]{16}$/);
    expect(`${teams.key} ${teams.label}`).not.toMatch(/s3cr3t|powerplatform/);
  });

  it.each([
    [413, "rejected"],
    [400, "config"],
    [401, "config"],
    [404, "config"],
  ] as const)("classifies HTTP %i as %s", async (status, kind) => {
    nock(HOST).post(PATH).query(true).reply(status, "");
    const failure = await channel()
      .teams.deliver(alertMessage(), null)
      .catch((e: unknown) => e);
    expect(failure).toMatchObject({ kind });
    expect(String((failure as Error).message)).not.toContain("s3cr3t");
  });

  it("retries a 429 after its Retry-After, then gives up as transient (certainly not posted)", async () => {
    nock(HOST).post(PATH).query(true).times(3).reply(429, "", { "Retry-After": "2" });
    const { teams, waits } = channel();
    await expect(teams.deliver(alertMessage(), null)).rejects.toMatchObject({
      kind: "transient",
      uncertain: false,
    });
    expect(waits).toEqual([2000, 2000]);
  });

  it("calls a dropped connection uncertain and does not retry the POST itself", async () => {
    nock(HOST).post(PATH).query(true).replyWithError("socket hang up");
    await expect(channel().teams.deliver(alertMessage(), null)).rejects.toMatchObject({
      kind: "transient",
      uncertain: true,
    });
  });

  it("cannot look back at what it posted", async () => {
    expect(await channel().teams.findPosted()).toBe("unknown");
  });
});

describe("teamsAlertPayload size", () => {
  it("stays well under the limit for an ordinary alert", () => {
    expect(byteSize(teamsAlertPayload(alertMessage()))).toBeLessThan(3000);
  });

  it.each([
    ["a long title", { title: "ü".repeat(60_000) }],
    [
      "long free text everywhere",
      { title: "x".repeat(40_000), owner: "o".repeat(40_000), location: "l".repeat(40_000) },
    ],
  ])("cuts %s until the card fits %i bytes", (_what, fields) => {
    const payload = teamsAlertPayload(alertMessage(fields));
    expect(byteSize(payload)).toBeLessThanOrEqual(TEAMS_MAX_BYTES);
    const body = payload.attachments[0]?.content.body as Array<{ text?: string }>;
    expect(body[1]?.text).toMatch(/^I2603-0042 · .*…$/);
  });

  it("cuts the title to fit a smaller cap when asked", () => {
    const message = alertMessage({ title: "t".repeat(80) });
    const cap = byteSize(teamsAlertPayload(message)) - 40;
    const payload = teamsAlertPayload(message, cap);
    expect(byteSize(payload)).toBeLessThanOrEqual(cap);
    const body = payload.attachments[0]?.content.body as Array<{ text?: string }>;
    expect(body[1]?.text).toMatch(/^I2603-0042 · t+…$/);
  });
});
