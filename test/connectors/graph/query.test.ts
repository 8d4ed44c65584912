import { describe, expect, it } from "vitest";
import { encodeQueryValue, odataString, withQuery } from "../../../connectors/graph/query.js";

describe("query strings", () => {
  it.each([
    ["onboardingStatus eq 'Onboarded'", "onboardingStatus%20eq%20%27Onboarded%27"],
    ["service eq 'Exchange Online'", "service%20eq%20%27Exchange%20Online%27"],
    ["id,deviceName", "id,deviceName"],
    ["lastSeen ge 2026-03-02T00:00:00Z", "lastSeen%20ge%202026-03-02T00%3A00%3A00Z"],
    ["a+b&c=d#e", "a%2Bb%26c%3Dd%23e"],
    ["Zürich", "Z%C3%BCrich"],
  ])("%j → %s (a space is never +)", (value, encoded) => {
    expect(encodeQueryValue(value)).toBe(encoded);
    expect(decodeURIComponent(encoded)).toBe(value);
  });

  it("appends parameters in order, leaves undefined ones out, and keeps OData's $", () => {
    expect(
      withQuery("https://graph.microsoft.com/v1.0/devices", {
        $select: "deviceId,isCompliant",
        $filter: undefined,
        $top: 999,
      }),
    ).toBe("https://graph.microsoft.com/v1.0/devices?$select=deviceId,isCompliant&$top=999");
    expect(withQuery("https://x.example/a?b=1", { c: true })).toBe("https://x.example/a?b=1&c=true");
    expect(withQuery("https://x.example/a", {})).toBe("https://x.example/a");
  });

  it("refuses a parameter name that would need encoding", () => {
    expect(() => withQuery("https://x.example/a", { "a&b": "1" })).toThrow(
      "invalid query parameter name: a&b",
    );
  });

  it("the URL parser leaves the encoded query as it is", () => {
    const url = withQuery("https://x.example/a", { $filter: `name eq ${odataString("O'Neil & Co")}` });
    expect(new URL(url).search).toBe("?$filter=name%20eq%20%27O%27%27Neil%20%26%20Co%27");
    expect(new URL(url).searchParams.get("$filter")).toBe("name eq 'O''Neil & Co'");
  });
});
