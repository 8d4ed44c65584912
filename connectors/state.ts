/** Key-value state for connectors: views used by dry runs and tests. */
import type { KeyValueState } from "./types.js";

/**
 * For `sync --dry-run`: reads go to `base`, writes stay in memory, so a dry run leaves the
 * store exactly as it was.
 */
export function dryRunState(base: KeyValueState): KeyValueState {
  const written = new Map<string, string>();
  return {
    getMeta: async (key) => written.get(key) ?? base.getMeta(key),
    setMeta: async (key, value) => {
      written.set(key, value);
    },
  };
}

/** An in-memory state, for tests and for embedding without a store. */
export function memoryState(): KeyValueState & { readonly entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getMeta: async (key) => entries.get(key) ?? null,
    setMeta: async (key, value) => {
      entries.set(key, value);
    },
  };
}
