import { describe, expect, it } from "vitest";
import { explainBadCron } from "../../src/config/index.js";

describe("explainBadCron", () => {
  it.each([
    "*/5 * * * *",
    "0 7 1 * *",
    "0 7 1 1,4,7,10 *",
    "30 8-18 * * mon-fri",
    "0 18 * * 1-5",
    "*/30 * * * * *",
    "0 0 12 * jan,jul sun",
    "  0   7 * * *  ",
  ])("accepts %j", (expression) => {
    expect(explainBadCron(expression)).toBeNull();
  });

  const FIELDS =
    "expected a cron expression of 5 fields (minute hour day month weekday), or 6 with seconds first";
  it.each([
    ["", `${FIELDS}; found 0`],
    ["* * * *", `${FIELDS}; found 4`],
    ["* * * * * * *", `${FIELDS}; found 7`],
    ["@daily", `${FIELDS}; found 1`],
    ["60 * * * *", 'invalid minute field (e.g. "*/5 * * * *" is every five minutes)'],
    ["0 24 * * *", 'invalid hour field (e.g. "*/5 * * * *" is every five minutes)'],
    ["0 7 32 * *", 'invalid day-of-month field (e.g. "*/5 * * * *" is every five minutes)'],
    ["0 7 1 13 *", 'invalid month field (e.g. "*/5 * * * *" is every five minutes)'],
    ["0 7 * * 8", 'invalid day-of-week field (e.g. "*/5 * * * *" is every five minutes)'],
    ["61 0 24 * * *", 'invalid second, hour field (e.g. "*/5 * * * *" is every five minutes)'],
    ["0 7 * * % *", "not a valid cron expression (allowed: digits, names, * , - / ? L W #)"],
  ])("rejects %j", (expression, message) => {
    expect(explainBadCron(expression)).toBe(message);
  });
});
