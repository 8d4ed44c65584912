import { describe, expect, it } from "vitest";
import {
  alertKey,
  alertsOf,
  releaseAt,
  routeAlert,
  teamsChannelKey,
  threadKey,
  ticketLinker,
} from "../../src/alerts/index.js";
import { ticketTimers } from "../../src/engine/timers/index.js";
import { calendar, context } from "../sinks/writeback/helpers.js";
import { MON, notify, response, TUE, ticket } from "./helpers.js";

const HOUR = 3_600_000;

function alertsAt(t: ReturnType<typeof ticket>, now: string, pausedAlertAfterMs: number | null = 12 * HOUR) {
  const timers = ticketTimers(t, context(now));
  return timers === null ? [] : alertsOf(timers, Date.parse(now), { pausedAlertAfterMs });
}

const summary = (alerts: ReturnType<typeof alertsAt>) => alerts.map((a) => `${a.clock} ${a.transition}`);

describe("alertsOf", () => {
  it.each([
    ["09:30", []],
    ["09:45", ["response at-risk"]],
    ["10:01", ["response breached"]],
    ["15:00", ["response breached", "resolution at-risk"]],
  ] as const)("a P2 incident from 09:00 without a response, at %s: %j", (now, expected) => {
    expect(summary(alertsAt(ticket("T", { priority: "P2" }), MON(now)))).toEqual(expected);
  });

  it("raises the state a ticket is first seen in, not the states it skipped", () => {
    const alerts = alertsAt(ticket("T", { priority: "P2", createdAt: MON("08:00") }), MON("10:00"));
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      transition: "breached",
      clock: "response",
      priority: "P2",
      deadline: Date.parse("2026-03-02T08:00:00Z"),
      keyInstant: Date.parse("2026-03-02T08:00:00Z"),
    });
  });

  it("raises nothing for a stopped clock, even one stopped late", () => {
    const t = ticket("T", { priority: "P2" }, [response("10:30")]);
    expect(summary(alertsAt(t, MON("10:45")))).toEqual([]);
  });

  it.each([
    ["closed", { at: MON("09:50"), type: "closed" }],
    ["resolved", { at: MON("09:50"), type: "resolved" }],
  ] as const)("raises nothing for a %s ticket", (_what, event) => {
    expect(alertsAt(ticket("T", { priority: "P2", createdAt: MON("08:00") }, [event]), MON("10:00"))).toEqual(
      [],
    );
  });

  it.each([
    ["09:20", []],
    ["09:25", ["major-update update-due"]],
    ["09:31", ["major-update update-overdue"]],
  ] as const)("a major incident's first update at %s: %j", (now, expected) => {
    // P1, major from 09:00, responded at 09:05 by an automated message only (not an update).
    const t = ticket("T", { priority: "P1" }, [
      { at: MON("09:00"), type: "major", value: true },
      { at: MON("09:05"), type: "comment", visibleToCaller: true, automated: true },
    ]);
    const alerts = alertsAt(t, MON(now)).filter((a) => a.clock === "major-update");
    expect(summary(alerts)).toEqual(expected);
  });

  it("raises paused-long once a clock has been paused the configured time, keyed by the pause's start", () => {
    const t = ticket("T", { priority: "P2" }, [
      response("09:10"),
      { at: MON("10:00"), type: "paused", reason: "customer" },
    ]);
    expect(summary(alertsAt(t, MON("21:59")))).toEqual([]);
    const [alert] = alertsAt(t, MON("22:00"));
    expect(alert).toMatchObject({
      transition: "paused-long",
      clock: "resolution",
      pausedSince: Date.parse(MON("10:00")),
      keyInstant: Date.parse(MON("10:00")),
    });
    expect(summary(alertsAt(t, MON("22:00"), null))).toEqual([]);
  });

  it("carries the ticket's current owner, group, priority and link", () => {
    const t = ticket("T", { priority: "P3", location: "Utrecht", title: "VPN down" }, [
      { at: MON("09:01"), type: "assigned", owner: "op-17", group: "servicedesk", party: null },
      { at: MON("09:02"), type: "priority", priority: "P2" },
    ]);
    const timers = ticketTimers(t, context(MON("09:50")));
    const [alert] =
      timers === null
        ? []
        : alertsOf(timers, Date.parse(MON("09:50")), { pausedAlertAfterMs: null }, "https://x.test/T");
    expect(alert).toMatchObject({
      owner: "op-17",
      group: "servicedesk",
      priority: "P2",
      location: "Utrecht",
      title: "VPN down",
      link: "https://x.test/T",
    });
  });
});

describe("keys", () => {
  const [breached] = alertsAt(ticket("T", { priority: "P2", createdAt: MON("08:00") }), MON("10:00"));
  const atRisk = breached === undefined ? undefined : { ...breached, transition: "at-risk" as const };

  it("names ticket, clock, transition, deadline and channel in the alert key", () => {
    expect(breached && alertKey(breached, "slack:C1")).toBe(
      '["topdesk","T","response","breached","2026-03-02T08:00:00.000Z","slack:C1"]',
    );
  });

  it("keeps one thread per ticket clock and channel, whatever the transition", () => {
    expect(breached && atRisk && threadKey(breached, "slack:C1")).toBe(
      atRisk && threadKey(atRisk, "slack:C1"),
    );
    expect(breached && threadKey(breached, "slack:C1")).not.toBe(breached && threadKey(breached, "slack:C2"));
  });

  it("gives each expected major-incident update a thread of its own", () => {
    const t = ticket("T", { priority: "P1" }, [
      { at: MON("09:00"), type: "major", value: true },
      response("09:10"),
    ]);
    const first = alertsAt(t, MON("09:58")).find((a) => a.clock === "major-update");
    const t2 = ticket("T", { priority: "P1" }, [
      { at: MON("09:00"), type: "major", value: true },
      response("09:10"),
      response("10:05"),
    ]);
    const second = alertsAt(t2, MON("10:55")).find((a) => a.clock === "major-update");
    expect(first && second && threadKey(first, "c")).not.toBe(second && threadKey(second, "c"));
  });
});

describe("routeAlert", () => {
  const config = notify({
    teams: { webhookUrl: "https://flows.test/default?sig=a" },
    routes: [
      {
        when: { priority: ["P1"], location: ["Utrecht"] },
        slackChannel: "C0UTRECHT",
        teamsWebhookUrl: "https://flows.test/utrecht?sig=b",
      },
      { when: { type: ["security-incident"] }, slackChannel: "C0SEC" },
    ],
  });
  const keys = (alert: {
    priority: "P1" | "P2" | null;
    type: "incident" | "security-incident";
    location: string | null;
  }) => routeAlert(alert, config).map((c) => c.key);

  it.each([
    [
      "a P2 in Amsterdam goes to the defaults",
      { priority: "P2", type: "incident", location: "Amsterdam" },
      ["slack:C0ALERTS", teamsChannelKey("https://flows.test/default?sig=a")],
    ],
    [
      "a P1 in Utrecht to its route only",
      { priority: "P1", type: "incident", location: "Utrecht" },
      ["slack:C0UTRECHT", teamsChannelKey("https://flows.test/utrecht?sig=b")],
    ],
    [
      "a P1 security incident in Utrecht to both routes",
      { priority: "P1", type: "security-incident", location: "Utrecht" },
      ["slack:C0UTRECHT", teamsChannelKey("https://flows.test/utrecht?sig=b"), "slack:C0SEC"],
    ],
    [
      "a P1 without a location to the defaults",
      { priority: "P1", type: "incident", location: null },
      ["slack:C0ALERTS", teamsChannelKey("https://flows.test/default?sig=a")],
    ],
  ] as const)("%s", (_name, alert, expected) => {
    expect(keys(alert)).toEqual(expected);
  });
});

describe("releaseAt (quiet time)", () => {
  it.each([
    ["inside the window: now", "business", MON("10:00"), MON("10:00")],
    ["a business clock in the evening: the next morning", "business", MON("22:00"), TUE("08:00")],
    ["at the window's close: the next morning", "business", MON("18:00"), TUE("08:00")],
    ["at the window's opening: now", "business", TUE("08:00"), TUE("08:00")],
    ["Friday night: Monday morning", "business", "2026-03-06T19:00:00+01:00", "2026-03-09T08:00:00+01:00"],
    ["a 24/7 clock (P1): never held", "clock", MON("22:00"), MON("22:00")],
  ] as const)("%s", (_name, clockKind, now, expected) => {
    expect(releaseAt({ clockKind }, Date.parse(now), calendar, true)).toBe(Date.parse(expected));
  });

  it("holds nothing when quietOutsideWindow is off", () => {
    expect(releaseAt({ clockKind: "business" }, Date.parse(MON("22:00")), calendar, false)).toBe(
      Date.parse(MON("22:00")),
    );
  });

  it("skips a public holiday: King's Day 2026 (Monday 27 April) opens on Tuesday", () => {
    expect(
      releaseAt({ clockKind: "business" }, Date.parse("2026-04-24T19:00:00+02:00"), calendar, true),
    ).toBe(Date.parse("2026-04-28T08:00:00+02:00"));
  });
});

describe("ticketLinker", () => {
  const links = ticketLinker(
    [
      { name: "topdesk", type: "topdesk", baseUrl: "https://example.topdesk.net/tas/api" },
      { name: "jira", type: "jsm", baseUrl: "https://example.atlassian.net" },
      { name: "exports", type: "file", path: "./x.jsonl" },
    ] as never,
    [{ name: "custom", ticketUrl: (id: string) => `https://custom.test/t/${id}` }] as never,
  );

  it.each([
    [
      "topdesk",
      "I 2401 0457",
      "https://example.topdesk.net/tas/secure/incident?action=lookup&lookup=naam&lookupValue=I%202401%200457",
    ],
    ["jira", "SUP-1842", "https://example.atlassian.net/browse/SUP-1842"],
    ["custom", "X-1", "https://custom.test/t/X-1"],
    ["exports", "E-1", null],
    ["unknown", "U-1", null],
  ])("links %s ticket %s", (source, id, expected) => {
    expect(links(source, id)).toBe(expected);
  });
});
