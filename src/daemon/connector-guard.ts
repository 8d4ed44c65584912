/**
 * Connectors as the daemon hands them to `syncOnce`: each poll and write-back call gets the
 * cycle's AbortSignal (SIGTERM stops a cycle between batches and cancels requests in flight, even
 * though `syncOnce` takes no signal itself), and every failure of a remote call is reported with
 * its class, for the metrics and for the start-up credential check.
 */
import type { Connector, PollContext, RecordBatch } from "../../connectors/types.js";
import { isHttpError } from "../http/index.js";
import type { FieldValue, WritebackTarget } from "../sinks/writeback/index.js";
import type { ApiErrorClass } from "./metrics.js";

export interface ApiErrorEvent {
  connector: string;
  operation: "poll" | "write";
  errorClass: ApiErrorClass;
  message: string;
}

export interface GuardContext {
  /** the signal of the cycle running now */
  signal(): AbortSignal;
  onError(event: ApiErrorEvent): void;
}

/**
 * The class of a failed remote call. Connectors wrap the pipeline's 401/403 into errors of their
 * own that explain the credential or permission (TopdeskAuthError, JsmAuthError, GraphAccessError),
 * each keeping the HTTP `status`; that status is what marks them here.
 */
export function classifyApiError(error: unknown, signal?: AbortSignal): ApiErrorClass {
  if (signal?.aborted === true || (error instanceof Error && error.name === "AbortError")) return "aborted";
  if (isHttpError(error)) return error.kind;
  const status = (error as { status?: unknown } | null)?.status;
  if (status === 401 || status === 403) return "auth";
  return "other";
}

export function guardConnectors(connectors: readonly Connector[], context: GuardContext): Connector[] {
  return connectors.map((connector) => guardConnector(connector, context));
}

function guardConnector(connector: Connector, context: GuardContext): Connector {
  const report = (operation: ApiErrorEvent["operation"], error: unknown, signal: AbortSignal) =>
    context.onError({
      connector: connector.name,
      operation,
      errorClass: classifyApiError(error, signal),
      message: error instanceof Error ? error.message : String(error),
    });

  async function* poll(pollContext: PollContext): AsyncGenerator<RecordBatch> {
    const signal = combined(pollContext.signal, context.signal());
    try {
      signal.throwIfAborted();
      for await (const batch of connector.poll({ ...pollContext, signal })) {
        // Every batch before this one is stored with its watermark; this one is fetched again
        // next time, which the store absorbs as unchanged.
        signal.throwIfAborted();
        yield batch;
      }
    } catch (error) {
      report("poll", error, signal);
      throw error;
    }
  }

  const target = connector as Partial<WritebackTarget>;
  const writeFields =
    typeof target.writeFields !== "function"
      ? undefined
      : async (
          ticketId: string,
          values: Readonly<Record<string, FieldValue>>,
          callerSignal?: AbortSignal,
        ) => {
          const signal = combined(callerSignal, context.signal());
          try {
            signal.throwIfAborted();
            await target.writeFields?.call(connector, ticketId, values, signal);
          } catch (error) {
            report("write", error, signal);
            throw error;
          }
        };

  // A Proxy rather than a copy: the connector's other members (name, writeback settings, methods
  // added later) stay exactly the connector's own, and `this` inside them stays the connector.
  return new Proxy(connector, {
    get(inner, property) {
      if (property === "poll") return poll;
      if (property === "writeFields") return writeFields;
      const value: unknown = Reflect.get(inner, property, inner);
      return typeof value === "function" ? value.bind(inner) : value;
    },
  });
}

function combined(caller: AbortSignal | undefined, cycle: AbortSignal): AbortSignal {
  return caller === undefined || caller === cycle ? cycle : AbortSignal.any([caller, cycle]);
}
