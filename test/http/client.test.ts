import { Writable } from "node:stream";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  AuthHttpError,
  BadRequestHttpError,
  createHttpClient,
  type HttpClientOptions,
  MalformedResponseError,
  NotFoundHttpError,
  TransientHttpError,
} from "../../src/http/index.js";
import { createLogger } from "../../src/log/logger.js";
import { useNock } from "./nock-harness.js";

useNock();

const HOST = "https://api.example.test";
const URL_ = `${HOST}/tas/api/thing`;

/** A client whose waits are recorded instead of slept, so retry tests take no time. */
function client(options: HttpClientOptions = {}) {
  const waits: number[] = [];
  const http = createHttpClient({
    baseDelayMs: 10,
    retries: 3,
    sleep: async (ms) => {
      waits.push(ms);
    },
    now: () => Date.parse("2026-03-02T10:00:00Z"),
    ...options,
  });
  return { http, waits };
}

const thing = z.object({ id: z.string(), count: z.number() });

describe("success", () => {
  it("parses the body with the schema, keeping only its fields", async () => {
    nock(HOST).get("/tas/api/thing").query({ a: "1" }).reply(200, { id: "x", count: 2, extra: true });
    const { http } = client();
    const response = await http.request({ url: URL_, params: { a: 1 }, schema: thing });
    expect(response).toMatchObject({ status: 200, data: { id: "x", count: 2 } });
    expect(response.data).not.toHaveProperty("extra");
  });

  it.each([204, 206])("passes status %i through; an empty body is null data", async (status) => {
    nock(HOST)
      .get("/tas/api/thing")
      .reply(status, status === 204 ? "" : [{ id: "a", count: 1 }]);
    const { http } = client();
    const response = await http.request({ url: URL_, schema: z.array(thing) });
    expect(response.status).toBe(status);
    expect(response.data).toEqual(status === 204 ? null : [{ id: "a", count: 1 }]);
  });

  it("sends a JSON body with its content type", async () => {
    nock(HOST, { reqheaders: { "content-type": /application\/json/ } })
      .patch("/tas/api/thing", { optionalFields1: { text1: "running" } })
      .reply(200, { id: "x", count: 0 });
    const { http } = client();
    const response = await http.request({
      method: "PATCH",
      url: URL_,
      body: { optionalFields1: { text1: "running" } },
    });
    expect(response.status).toBe(200);
  });
});

describe("retries", () => {
  it("honours Retry-After in seconds on 429", async () => {
    nock(HOST).get("/tas/api/thing").reply(429, "", { "Retry-After": "2" });
    nock(HOST).get("/tas/api/thing").reply(200, { id: "x", count: 1 });
    const { http, waits } = client();
    expect((await http.request({ url: URL_, schema: thing })).data).toEqual({ id: "x", count: 1 });
    expect(waits).toEqual([2000]);
  });

  it("honours Retry-After as an HTTP date on 503", async () => {
    nock(HOST).get("/tas/api/thing").reply(503, "", { "Retry-After": "Mon, 02 Mar 2026 10:00:07 GMT" });
    nock(HOST).get("/tas/api/thing").reply(200, { id: "x", count: 1 });
    const { http, waits } = client();
    await http.request({ url: URL_ });
    expect(waits).toEqual([7000]);
  });

  it("backs off exponentially on 5xx without Retry-After, then succeeds", async () => {
    nock(HOST).get("/tas/api/thing").reply(500).get("/tas/api/thing").reply(502);
    nock(HOST).get("/tas/api/thing").reply(200, { id: "x", count: 1 });
    const { http, waits } = client();
    expect((await http.request({ url: URL_ })).status).toBe(200);
    expect(waits).toEqual([10, 20]);
  });

  it("gives up after the configured retries with a transient error", async () => {
    nock(HOST)
      .get("/tas/api/thing")
      .times(4)
      .reply(503, [{ message: "maintenance" }]);
    const { http, waits } = client({
      describeErrorBody: (b) => (b as Array<{ message: string }>)[0]?.message ?? null,
    });
    const error = await http.request({ url: URL_ }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientHttpError);
    expect((error as Error).message).toBe(
      `GET ${URL_}: 503 Service Unavailable (maintenance) after 4 attempts`,
    );
    expect(waits).toEqual([10, 20, 40]);
  });

  it("gives up at once when Retry-After asks for longer than it waits", async () => {
    nock(HOST).get("/tas/api/thing").reply(429, "", { "Retry-After": "3600" });
    const { http, waits } = client({ maxDelayMs: 60_000 });
    await expect(http.request({ url: URL_ })).rejects.toThrow(/asked to retry after 3600 s/);
    expect(waits).toEqual([]);
  });

  it("retries a timeout, then reports it", async () => {
    nock(HOST).get("/tas/api/thing").delay(300).reply(200, { id: "late", count: 0 });
    nock(HOST).get("/tas/api/thing").reply(200, { id: "x", count: 1 });
    const { http, waits } = client({ timeoutMs: 50 });
    expect((await http.request({ url: URL_, schema: thing })).data?.id).toBe("x");
    expect(waits).toEqual([10]);

    nock(HOST).get("/tas/api/thing").times(2).delay(300).reply(200, {});
    const once = client({ timeoutMs: 50, retries: 1 });
    await expect(once.http.request({ url: URL_ })).rejects.toThrow(
      new TransientHttpError(
        { method: "GET", url: URL_, status: null },
        "no response within 50 ms after 2 attempts",
      ),
    );
  });

  it("retries a network error", async () => {
    nock(HOST).get("/tas/api/thing").replyWithError("socket hang up");
    nock(HOST).get("/tas/api/thing").reply(200, { id: "x", count: 1 });
    const { http, waits } = client();
    expect((await http.request({ url: URL_ })).status).toBe(200);
    expect(waits).toEqual([10]);
  });

  it("does not repeat a POST after a 500 (it may have been processed)", async () => {
    nock(HOST).post("/tas/api/thing").reply(500);
    const { http, waits } = client();
    await expect(http.request({ method: "POST", url: URL_, body: {} })).rejects.toBeInstanceOf(
      BadRequestHttpError,
    );
    expect(waits).toEqual([]);
  });

  it("stops waiting when the signal aborts", async () => {
    nock(HOST).get("/tas/api/thing").reply(503);
    const controller = new AbortController();
    const http = createHttpClient({ baseDelayMs: 10_000 });
    const pending = http.request({ url: URL_, signal: controller.signal });
    setTimeout(() => controller.abort(new Error("shutdown")), 20);
    await expect(pending).rejects.toThrow("shutdown");
  });
});

describe("no retry", () => {
  it.each([
    [400, BadRequestHttpError],
    [401, AuthHttpError],
    [403, AuthHttpError],
    [404, NotFoundHttpError],
    [422, BadRequestHttpError],
  ])("%i is thrown at once as %o", async (status, type) => {
    nock(HOST)
      .get("/tas/api/thing")
      .reply(status, { errors: [{ errorMessage: "nope" }] });
    const { http, waits } = client({
      describeErrorBody: (b) =>
        (b as { errors: Array<{ errorMessage: string }> }).errors[0]?.errorMessage ?? null,
    });
    const error = await http.request({ url: URL_ }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ status, detail: "nope", url: URL_, method: "GET" });
    expect(waits).toEqual([]);
  });

  it("gives null for a 404 where the caller asks", async () => {
    nock(HOST).get("/tas/api/thing").reply(404);
    const { http } = client();
    expect(await http.requestOrNull({ url: URL_ })).toBeNull();
  });

  it("refuses to follow a redirect", async () => {
    nock(HOST).get("/tas/api/thing").reply(302, "", { Location: "https://login.example.test/" });
    const { http } = client();
    await expect(http.request({ url: URL_ })).rejects.toThrow(
      /302.*redirected elsewhere; check the base URL/,
    );
  });
});

describe("malformed responses", () => {
  it("names the field that does not match", async () => {
    nock(HOST)
      .get("/tas/api/thing")
      .reply(200, [
        { id: "a", count: 1 },
        { id: "b", count: "two" },
      ]);
    const { http } = client();
    const error = await http.request({ url: URL_, schema: z.array(thing) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MalformedResponseError);
    expect((error as MalformedResponseError).detail).toMatch(/^\[1\]\.count: .*expected number/);
  });

  it("reports a body that is not JSON", async () => {
    nock(HOST).get("/tas/api/thing").reply(200, "<html>login</html>");
    const { http } = client();
    await expect(http.request({ url: URL_ })).rejects.toThrow(`GET ${URL_}: response body is not JSON`);
  });
});

describe("secrets", () => {
  it("keeps credentials and query strings out of errors and logs", async () => {
    const secret = "s3cr3t-app-password";
    const auth = `Basic ${Buffer.from(`api-user:${secret}`).toString("base64")}`;
    const lines: string[] = [];
    const log = createLogger(
      "debug",
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    nock(HOST).get("/tas/api/thing").query(true).reply(503);
    nock(HOST).get("/tas/api/thing").query(true).reply(401, "unauthorized");
    const { http } = client({ log });
    const error = await http
      .request({ url: URL_, params: { token: secret }, headers: { Authorization: auth } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthHttpError);
    const everything = [JSON.stringify(error), String(error), (error as Error).stack ?? "", ...lines].join(
      "\n",
    );
    expect(lines.length).toBe(1);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain(auth.slice(6));
  });
});

describe("per-host concurrency", () => {
  it("keeps at most the configured number of requests in flight per host", async () => {
    let inFlight = 0;
    let most = 0;
    nock(HOST)
      .get("/tas/api/thing")
      .times(6)
      .reply(async () => {
        inFlight++;
        most = Math.max(most, inFlight);
        await new Promise((r) => setTimeout(r, 15));
        inFlight--;
        return [200, { id: "x", count: 0 }];
      });
    const { http } = client({ maxConcurrencyPerHost: 2 });
    await Promise.all(Array.from({ length: 6 }, () => http.request({ url: URL_ })));
    expect(most).toBe(2);
  });
});
