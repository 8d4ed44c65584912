import nock from "nock";
import { describe, expect, it } from "vitest";
import { connectorHttpClient } from "../../connectors/http-setup.js";
import { BadRequestHttpError, createHttpClient } from "../../src/http/index.js";
import { VERSION } from "../../src/version.js";
import { useNock } from "../http/nock-harness.js";

useNock();

const ORIGIN = "https://itsm.example.test";
/** An API that words its errors as {"problem": "..."}. */
const describeProblem = (body: unknown): string | null =>
  typeof body === "object" && body !== null && "problem" in body ? String(body.problem) : null;

describe("connectorHttpClient", () => {
  it("uses the pipeline the caller passes in", () => {
    const http = createHttpClient();
    expect(connectorHttpClient({ http }, describeProblem)).toBe(http);
  });

  it("without one, builds a pipeline that names sla-sentinel as user agent", async () => {
    nock(ORIGIN, { reqheaders: { "user-agent": `sla-sentinel/${VERSION}` } })
      .get("/ping")
      .reply(200, { ok: true });
    const response = await connectorHttpClient({}, describeProblem).request({ url: `${ORIGIN}/ping` });
    expect(response.data).toEqual({ ok: true });
  });

  it("without one, words a failure with the API's explanation from the error body", async () => {
    nock(ORIGIN).get("/tickets/1").reply(400, { problem: "field 'x' is read-only" });
    const failure = connectorHttpClient({}, describeProblem).request({ url: `${ORIGIN}/tickets/1` });
    await expect(failure).rejects.toBeInstanceOf(BadRequestHttpError);
    await expect(failure).rejects.toMatchObject({ status: 400, detail: "field 'x' is read-only" });
  });
});
