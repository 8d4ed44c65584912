import { describe, expect, it } from "vitest";
import { normalisedTitle, subjectKey } from "../../../src/engine/signals/index.js";
import { subjectHash } from "../../../src/engine/signals/subject-key.js";

const fields = (
  title: string | null,
  location: string | null = "Utrecht",
  catalogItem: string | null = null,
) => ({
  source: "topdesk",
  location,
  catalogItem,
  title,
});

describe("normalisedTitle", () => {
  it.each([
    ["  Outlook start NIET!! ", "outlook start niet"],
    ["Café-wifi  valt weg", "cafe wifi valt weg"],
    ["VPN: verbinding (mislukt)", "vpn verbinding mislukt"],
    ["Ørsted — 3e verdieping", "ørsted 3e verdieping"],
    ["!!!", ""],
  ])("%j → %j", (title, expected) => {
    expect(normalisedTitle(title)).toBe(expected);
  });
});

describe("subject key and hash", () => {
  it.each([
    ["case and punctuation", fields("Printer drukt niet af"), fields("PRINTER  drukt niet af!")],
    ["accents (one side not ASCII)", fields("Cafe wifi"), fields("Café wifi")],
    ["spaces around the location", fields("Printer"), fields("Printer", " utrecht ")],
  ])("are equal across %s", (_name, a, b) => {
    expect(subjectKey(a)).toBe(subjectKey(b));
    expect(subjectHash(a)).toBe(subjectHash(b));
    expect(subjectHash(a)).toBeGreaterThanOrEqual(0);
  });

  it.each([
    ["location", fields("Printer"), fields("Printer", "Zwolle")],
    ["catalog item", fields("Laptop", "Utrecht", "SWC-01"), fields("Laptop", "Utrecht", "SWC-02")],
    ["title", fields("Printer drukt niet af"), fields("Printer drukt af")],
    ["word boundaries", fields("print er"), fields("printer")],
  ])("differ by %s", (_name, a, b) => {
    expect(subjectKey(a)).not.toBe(subjectKey(b));
    expect(subjectHash(a)).not.toBe(subjectHash(b));
  });

  it.each([
    ["no title", fields(null)],
    ["no location", fields("Printer", null)],
    ["a title of punctuation only", fields("???")],
    ["a location of punctuation only", fields("Printer", "--")],
  ])("is missing with %s", (_name, ticket) => {
    expect(subjectKey(ticket)).toBeNull();
    expect(subjectHash(ticket)).toBe(-1);
  });

  it("hashes to a safe integer", () => {
    expect(Number.isSafeInteger(subjectHash(fields("Zaaksysteem traag")))).toBe(true);
  });
});
