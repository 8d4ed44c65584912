import { describe, expect, it } from "vitest";
import { TopdeskAuthError } from "../../connectors/topdesk/client.js";
import type { Connector, PollContext, RecordBatch } from "../../connectors/types.js";
import { type ApiErrorEvent, classifyApiError, guardConnectors } from "../../src/daemon/index.js";
import {
  AuthHttpError,
  MalformedResponseError,
  NotFoundHttpError,
  TransientHttpError,
} from "../../src/http/index.js";
import type { WritebackTarget } from "../../src/sinks/writeback/index.js";
import { ticket } from "../store/records.js";

const init = { method: "GET", url: "https://example.topdesk.net/tas/api/incidents", status: 500 };
const abortError = Object.assign(new Error("stopped"), { name: "AbortError" });

describe("classifyApiError", () => {
  it.each([
    ["a transient error", "transient", new TransientHttpError(init, "500")],
    ["a pipeline 401", "auth", new AuthHttpError({ ...init, status: 401 }, "401")],
    ["a connector's explained 403", "auth", new TopdeskAuthError("topdesk", 403, "list")],
    ["a 404", "not-found", new NotFoundHttpError({ ...init, status: 404 }, "404")],
    ["a malformed body", "malformed", new MalformedResponseError({ ...init, status: 200 }, "no id")],
    ["an abort", "aborted", abortError],
    ["anything else", "other", new Error("boom")],
    ["a thrown string", "other", "boom"],
  ])("%s → %s", (_what, expected, error) => {
    expect(classifyApiError(error)).toBe(expected);
  });

  it("calls whatever fails after the cycle's signal aborted an abort", () => {
    expect(classifyApiError(new Error("socket hang up"), AbortSignal.abort())).toBe("aborted");
  });
});

function pager(pages: RecordBatch[], seen: PollContext[]): Connector {
  return {
    name: "topdesk",
    type: "topdesk",
    async *poll(context) {
      seen.push(context);
      for (const page of pages) yield page;
    },
  };
}

const page = (id: string): RecordBatch => ({ records: [ticket(id)], rejections: [], watermark: id });

describe("guardConnectors", () => {
  it("stops a poll between batches once the cycle's signal aborts, and reports it as aborted", async () => {
    const controller = new AbortController();
    const events: ApiErrorEvent[] = [];
    const seen: PollContext[] = [];
    const [guarded] = guardConnectors([pager([page("A"), page("B")], seen)], {
      signal: () => controller.signal,
      onError: (event) => events.push(event),
    });
    const received: string[] = [];
    const poll = async () => {
      for await (const batch of (guarded as Connector).poll({ watermark: null })) {
        received.push(batch.watermark ?? "");
        controller.abort(abortError);
      }
    };
    await expect(poll()).rejects.toThrow("stopped");
    expect(received).toEqual(["A"]);
    expect(seen[0]?.signal).toBe(controller.signal); // requests in flight are cancelled too
    expect(events).toEqual([
      { connector: "topdesk", operation: "poll", errorClass: "aborted", message: "stopped" },
    ]);
  });

  it("does not start a poll when the cycle is already aborted", async () => {
    const seen: PollContext[] = [];
    const [guarded] = guardConnectors([pager([page("A")], seen)], {
      signal: () => AbortSignal.abort(abortError),
      onError: () => {},
    });
    const iterator = (guarded as Connector).poll({ watermark: null })[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toThrow("stopped");
    expect(seen).toEqual([]);
  });

  it("keeps the connector's own members and adds writeFields only where the connector has it", () => {
    const target: Connector & WritebackTarget = {
      ...pager([], []),
      writebackEnabled: true,
      writebackFields: { slaStatus: "optionalFields1.text1" },
      writeFields: async () => {},
    };
    const [reader, writer] = guardConnectors([pager([], []), target], {
      signal: () => new AbortController().signal,
      onError: () => {},
    });
    expect(typeof (reader as Partial<WritebackTarget>).writeFields).toBe("undefined");
    expect(writer).toMatchObject({ name: "topdesk", type: "topdesk", writebackEnabled: true });
    expect((writer as unknown as WritebackTarget).writebackFields).toEqual({
      slaStatus: "optionalFields1.text1",
    });
    expect(typeof (writer as unknown as WritebackTarget).writeFields).toBe("function");
  });
});
