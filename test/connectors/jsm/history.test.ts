import { describe, expect, it } from "vitest";
import {
  type CurrentValues,
  type HistoryOptions,
  historyEvents,
  sortHistories,
} from "../../../connectors/jsm/history.js";
import type { ChangeHistory, ChangeItem } from "../../../connectors/jsm/schema.js";

const T = (hhmm: string) => Date.parse(`2026-03-02T${hhmm}:00Z`);
const iso = (hhmm: string) => `2026-03-02T${hhmm}:00.000Z`;
const options: HistoryOptions = {
  priorities: { High: "P2", Highest: "P1" },
  pauseStatuses: { "Waiting for customer": "customer" },
  closedStatuses: ["Closed"],
  team: { id: "customfield_10001", name: "Team" },
  major: { id: "customfield_10050", name: "Major incident" },
};
const current = (fields: Partial<CurrentValues> = {}): CurrentValues => ({
  createdAt: T("08:00"),
  updatedAt: T("12:00"),
  owner: null,
  group: null,
  priority: "High",
  status: "In Progress",
  major: false,
  resolvedAt: null,
  ...fields,
});
/** Items as Jira sends them; a side left out is null. An item without `toString` must say so: TS sees Object's. */
type Item = { [K in keyof ChangeItem]?: string | null } & { fieldtype?: string };
const h = (id: string, hhmm: string, items: Item[]): ChangeHistory => ({
  id,
  author: null,
  created: T(hhmm),
  items: items.map((i) => ({
    field: null,
    fieldId: null,
    from: null,
    fromString: null,
    to: null,
    toString: null,
    ...i,
  })),
});
const status = (from: string, to: string) => ({
  field: "status",
  fieldId: "status",
  fromString: from,
  toString: to,
});

describe("historyEvents", () => {
  it("takes the current values as those at registration when a field never changed", () => {
    const result = historyEvents([], current({ owner: "acc-1", group: "L1", major: true }), options);
    expect(result).toEqual({
      events: [
        { at: iso("08:00"), type: "assigned", owner: "acc-1", group: "L1", party: null },
        { at: iso("08:00"), type: "major", value: true },
      ],
      firstPriority: "P2",
      unknowns: [],
    });
  });

  it("takes the first change's old value as the one at registration", () => {
    const result = historyEvents(
      [
        h("1", "09:00", [
          { field: "priority", fieldId: "priority", fromString: "Highest", toString: "High" },
        ]),
      ],
      current(),
      options,
    );
    expect(result.firstPriority).toBe("P1");
    expect(result.events).toEqual([{ at: iso("09:00"), type: "priority", priority: "P2" }]);
  });

  it("sorts histories by time, then numeric id, whatever order Jira sent them in", () => {
    const sorted = sortHistories([h("10", "09:00", []), h("9", "09:00", []), h("2", "08:30", [])]);
    expect(sorted.map((x) => x.id)).toEqual(["2", "9", "10"]);
  });

  it("matches a custom item without fieldId by the field's name, case-insensitively", () => {
    const result = historyEvents(
      [h("1", "09:00", [{ field: "team", fieldtype: "custom", fromString: "L1", toString: "L2" }])],
      current({ group: "L2" }),
      options,
    );
    expect(result.events).toEqual([
      { at: iso("08:00"), type: "assigned", owner: null, group: "L1", party: null },
      { at: iso("09:00"), type: "assigned", owner: null, group: "L2", party: null },
    ]);
  });

  it("reports an unmapped priority, keeps the last mapped one and makes no event", () => {
    const result = historyEvents(
      [h("1", "09:00", [{ field: "priority", fieldId: "priority", fromString: "High", toString: "Urgent" }])],
      current({ priority: "Urgent" }),
      options,
    );
    expect(result.events).toEqual([]);
    expect(result.unknowns).toEqual([{ field: "priority", value: "Urgent" }]);
  });

  it("pauses again when a request is reopened into a waiting status", () => {
    const result = historyEvents(
      [
        h("1", "09:00", [
          status("In Progress", "Resolved"),
          { field: "resolution", fieldId: "resolution", to: "10000", toString: "Done" },
        ]),
        h("2", "10:00", [
          status("Resolved", "Waiting for customer"),
          {
            field: "resolution",
            fieldId: "resolution",
            from: "10000",
            fromString: "Done",
            to: null,
            toString: null,
          },
        ]),
      ],
      current({ status: "Waiting for customer" }),
      options,
    );
    expect(result.events).toEqual([
      { at: iso("09:00"), type: "resolved" },
      { at: iso("10:00"), type: "reopened" },
      { at: iso("10:00"), type: "paused", reason: "customer" },
    ]);
  });

  it("moves between two waiting statuses without a gap, and resumes on leaving them", () => {
    const result = historyEvents(
      [
        h("1", "09:00", [status("In Progress", "Waiting for customer")]),
        h("2", "10:00", [status("Waiting for customer", "In Progress")]),
      ],
      current(),
      { ...options, pauseStatuses: { ...options.pauseStatuses } },
    );
    expect(result.events.map((e) => e.type)).toEqual(["paused", "resumed"]);
  });

  it("dates a resolution the changelog does not show at the issue's resolutiondate", () => {
    const result = historyEvents([], current({ status: "Resolved", resolvedAt: T("11:00") }), options);
    expect(result.events).toEqual([{ at: iso("11:00"), type: "resolved" }]);
  });

  it("reopens at the last update a ticket the changelog shows resolved but the issue is not", () => {
    const result = historyEvents(
      [h("1", "09:00", [{ field: "resolution", fieldId: "resolution", to: "10000", toString: "Done" }])],
      current({ resolvedAt: null }),
      options,
    );
    expect(result.events).toEqual([
      { at: iso("09:00"), type: "resolved" },
      { at: iso("12:00"), type: "reopened" },
    ]);
  });

  it("marks and unmarks a major incident from the major-incident field's changes", () => {
    const result = historyEvents(
      [
        h("1", "09:00", [{ fieldId: "customfield_10050", to: "MAJOR_INCIDENT", toString: "Major incident" }]),
        h("2", "10:00", [
          {
            fieldId: "customfield_10050",
            from: "MAJOR_INCIDENT",
            fromString: "Major incident",
            to: null,
            toString: null,
          },
        ]),
      ],
      current(),
      options,
    );
    expect(result.events).toEqual([
      { at: iso("09:00"), type: "major", value: true },
      { at: iso("10:00"), type: "major", value: false },
    ]);
  });

  it("closes on entering a closed status", () => {
    const result = historyEvents(
      [h("1", "09:00", [status("Resolved", "Closed")])],
      current({ status: "Closed" }),
      options,
    );
    expect(result.events).toEqual([{ at: iso("09:00"), type: "closed" }]);
  });

  it("closes on a site's own closed status, whatever its case, and only on that", () => {
    const dutch = { ...options, closedStatuses: ["Gesloten"] };
    const closes = historyEvents(
      [h("1", "09:00", [status("Opgelost", "gesloten")])],
      current({ status: "gesloten" }),
      dutch,
    );
    expect(closes.events).toEqual([{ at: iso("09:00"), type: "closed" }]);
    const english = historyEvents(
      [h("1", "09:00", [status("Resolved", "Closed")])],
      current({ status: "Closed" }),
      dutch,
    );
    expect(english.events).toEqual([]);
  });
});
