/**
 * nock for every suite that talks HTTP: no real network, a test fails on any request no
 * interceptor matched (even if the code under test swallowed the error), and on any interceptor
 * left unused (the code made fewer requests than the test says it must).
 */
import nock from "nock";
import { afterAll, afterEach, beforeAll, beforeEach, expect } from "vitest";

// nock 15 intercepts through @mswjs/interceptors, which calls Promise.withResolvers (Node ≥ 22).
// On Node 20 that is missing; this test-only shim is the spec's own definition.
if (typeof (Promise as { withResolvers?: unknown }).withResolvers !== "function") {
  Object.defineProperty(Promise, "withResolvers", {
    configurable: true,
    writable: true,
    value: function withResolvers<T>() {
      let resolve!: (value: T | PromiseLike<T>) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new Promise<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
  });
}

export function useNock(): void {
  const unmatched: string[] = [];
  const onNoMatch = (request: { method?: string; url?: string }) => {
    unmatched.push(`${request.method ?? "?"} ${request.url ?? "?"}`);
  };
  beforeAll(() => {
    nock.disableNetConnect();
    nock.emitter.on("no match", onNoMatch);
  });
  beforeEach(() => {
    unmatched.length = 0;
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(unmatched, "requests no interceptor matched").toEqual([]);
    expect(pending, "interceptors the code never used").toEqual([]);
  });
  afterAll(() => {
    nock.emitter.removeListener("no match", onNoMatch);
    nock.enableNetConnect();
  });
}
