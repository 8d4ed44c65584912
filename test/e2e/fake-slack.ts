/**
 * A fake Slack Web API on a real HTTP server (127.0.0.1, a free port), for tests that run the
 * built CLI in child processes, where nock cannot reach. It answers the methods our Slack sink
 * calls (src/sinks/slack.ts, slack-history.ts) the way Slack does: POST `/api/<method>`, a form
 * body (@slack/web-api sends `application/x-www-form-urlencoded`, objects as JSON text) or a JSON
 * body, the bot token as `Authorization: Bearer …`, HTTP 200 with `{ok: false, error}` for a
 * refused call (https://docs.slack.dev/apis/web-api/#responses).
 *
 * A message is stored the moment its request arrives; `postDelayMs` holds the answer to
 * chat.postMessage back, so a client killed meanwhile leaves a message Slack has and the client
 * never learnt about: what the sink's lookup after a crash must find.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SlackMessage {
  channel: string;
  ts: string;
  text: string;
  blocks: unknown[] | null;
  metadata: { event_type: string; event_payload: Record<string, unknown> } | null;
  /** a thread reply: its parent's ts */
  threadTs: string | null;
  /** times chat.update changed it */
  edits: number;
}

export interface FakeSlackOptions {
  token: string;
  /** the one channel the bot is in; any other is `channel_not_found` */
  channel: string;
  /** how long each chat.postMessage waits before it answers (after storing the message) */
  postDelayMs?: number;
}

type Params = Record<string, unknown>;
type Answer = Record<string, unknown>;

export class FakeSlack {
  /** every message posted, in arrival order, replies included */
  readonly messages: SlackMessage[] = [];
  /** every call, by method, in arrival order (authorised or not) */
  readonly calls: string[] = [];
  postDelayMs: number;
  /** called as soon as a posted message is stored, before the answer goes out */
  onPost: ((message: SlackMessage) => void) | null = null;
  readonly #options: FakeSlackOptions;
  readonly #server: Server;
  #lastMicros = 0;

  private constructor(options: FakeSlackOptions, server: Server) {
    this.#options = options;
    this.#server = server;
    this.postDelayMs = options.postDelayMs ?? 0;
  }

  static async start(options: FakeSlackOptions): Promise<FakeSlack> {
    const server = createServer();
    const slack = new FakeSlack(options, server);
    server.on("request", (request, response) => void slack.#handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return slack;
  }

  /** For `notify.slack.apiUrl`. */
  get apiUrl(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}/api/`;
  }

  /**
   * How often each alert was posted, by the `alert_key` of its metadata (our sink always sets
   * one); a message without it is counted by its text, so it shows up as unexpected.
   */
  postsByAlert(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const m of this.messages) {
      const key = m.metadata?.event_payload.alert_key;
      const name = typeof key === "string" ? key : `text: ${m.text}`;
      counts.set(name, (counts.get(name) ?? 0) + 1);
    }
    return counts;
  }

  callsOf(method: string): number {
    return this.calls.filter((c) => c === method).length;
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = (request.url ?? "").replace(/^\/api\//, "").replace(/\?.*$/, "");
    this.calls.push(method);
    let body: string;
    try {
      body = await readBody(request);
    } catch {
      return; // the client went away while sending (killed): nothing arrived
    }
    let answer: Answer;
    try {
      const params = parseBody(request.headers["content-type"], body);
      answer = this.#authorised(request, params) ? await this.#call(method, params) : refusal("invalid_auth");
    } catch (error) {
      // A bug of the fake itself is left to fail the test as an unhandled rejection.
      if (!(error instanceof Refused)) throw error;
      answer = refusal(error.code);
    }
    // The client may be gone (killed while it waited): there is no one left to answer.
    if (response.destroyed) return;
    response.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    response.end(JSON.stringify(answer));
  }

  #authorised(request: IncomingMessage, params: Params): boolean {
    const bearer = request.headers.authorization?.replace(/^Bearer /, "");
    return (bearer ?? params.token) === this.#options.token;
  }

  #call(method: string, params: Params): Promise<Answer> | Answer {
    switch (method) {
      case "chat.postMessage":
        return this.#postMessage(params);
      case "chat.update":
        return this.#update(params);
      case "conversations.history":
        return this.#history(params);
      case "conversations.replies":
        return this.#replies(params);
      default:
        return refusal("unknown_method");
    }
  }

  async #postMessage(params: Params): Promise<Answer> {
    if (params.channel !== this.#options.channel) return refusal("channel_not_found");
    const text = typeof params.text === "string" ? params.text : "";
    const blocks = jsonField(params.blocks, "invalid_blocks");
    if (text === "" && !Array.isArray(blocks)) return refusal("no_text");
    const threadTs = typeof params.thread_ts === "string" ? params.thread_ts : null;
    if (threadTs !== null && this.#find(threadTs) === undefined) return refusal("thread_not_found");
    const message: SlackMessage = {
      channel: this.#options.channel,
      ts: this.#nextTs(),
      text,
      blocks: Array.isArray(blocks) ? blocks : null,
      metadata: asMetadata(jsonField(params.metadata, "invalid_metadata_format")),
      threadTs,
      edits: 0,
    };
    this.messages.push(message);
    this.onPost?.(message);
    if (this.postDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.postDelayMs));
    return { ok: true, channel: message.channel, ts: message.ts, message: shown(message, true) };
  }

  #update(params: Params): Answer {
    if (params.channel !== this.#options.channel) return refusal("channel_not_found");
    const message = typeof params.ts === "string" ? this.#find(params.ts) : undefined;
    if (message === undefined) return refusal("message_not_found");
    const blocks = jsonField(params.blocks, "invalid_blocks");
    if (typeof params.text === "string") message.text = params.text;
    if (Array.isArray(blocks)) message.blocks = blocks;
    message.edits += 1;
    return {
      ok: true,
      channel: message.channel,
      ts: message.ts,
      text: message.text,
      message: shown(message, true),
    };
  }

  /** Top-level messages (replies only when broadcast, which this fake does not keep apart), newest first. */
  #history(params: Params): Answer {
    if (params.channel !== this.#options.channel) return refusal("channel_not_found");
    const inRange = this.messages.filter((m) => m.threadTs === null && withinRange(m.ts, params));
    return page(inRange.reverse(), params);
  }

  /** The thread's parent and its replies, oldest first. */
  #replies(params: Params): Answer {
    if (params.channel !== this.#options.channel) return refusal("channel_not_found");
    const parent = typeof params.ts === "string" ? this.#find(params.ts) : undefined;
    if (parent === undefined || parent.threadTs !== null) return refusal("thread_not_found");
    const thread = [parent, ...this.messages.filter((m) => m.threadTs === parent.ts)];
    return page(
      thread.filter((m) => withinRange(m.ts, params)),
      params,
    );
  }

  #find(ts: string): SlackMessage | undefined {
    return this.messages.find((m) => m.ts === ts);
  }

  /** Slack's "seconds.micros" from the real clock, unique and increasing within the channel. */
  #nextTs(): string {
    this.#lastMicros = Math.max(Date.now() * 1000, this.#lastMicros + 1);
    return microsToTs(this.#lastMicros);
  }
}

/** Answers a page of `messages` after `cursor` (an offset, opaque to the client), `limit` long. */
function page(messages: SlackMessage[], params: Params): Answer {
  const limit = Math.min(Math.max(Number(params.limit ?? 100) || 100, 1), 999);
  const offset =
    typeof params.cursor === "string" ? Number(Buffer.from(params.cursor, "base64").toString()) : 0;
  const slice = messages.slice(offset, offset + limit);
  const more = offset + limit < messages.length;
  const withMetadata = params.include_all_metadata === true || params.include_all_metadata === "true";
  return {
    ok: true,
    messages: slice.map((m) => shown(m, withMetadata)),
    has_more: more,
    response_metadata: { next_cursor: more ? Buffer.from(String(offset + limit)).toString("base64") : "" },
  };
}

/** A message as Slack shows it: metadata only when asked for (`include_all_metadata`). */
function shown(message: SlackMessage, withMetadata: boolean): Answer {
  return {
    type: "message",
    user: "U0SENTINEL",
    bot_id: "B0SENTINEL",
    text: message.text,
    ts: message.ts,
    ...(message.blocks !== null && { blocks: message.blocks }),
    ...(message.threadTs !== null && { thread_ts: message.threadTs }),
    ...(withMetadata && message.metadata !== null && { metadata: message.metadata }),
  };
}

/** `oldest`/`latest` bound the range; `inclusive` keeps messages exactly at a bound. */
function withinRange(ts: string, params: Params): boolean {
  const at = tsToMicros(ts);
  const inclusive = params.inclusive === true || params.inclusive === "true";
  const oldest = typeof params.oldest === "string" ? tsToMicros(params.oldest) : null;
  const latest = typeof params.latest === "string" ? tsToMicros(params.latest) : null;
  if (oldest !== null && (inclusive ? at < oldest : at <= oldest)) return false;
  if (latest !== null && (inclusive ? at > latest : at >= latest)) return false;
  return true;
}

function tsToMicros(ts: string): number {
  const [seconds = "0", fraction = ""] = ts.split(".");
  return Number(seconds) * 1_000_000 + Number(fraction.padEnd(6, "0").slice(0, 6));
}

function microsToTs(micros: number): string {
  return `${Math.floor(micros / 1_000_000)}.${String(micros % 1_000_000).padStart(6, "0")}`;
}

function refusal(error: string): Answer {
  return { ok: false, error };
}

/** A request Slack would refuse, with Slack's error code. */
class Refused extends Error {
  constructor(readonly code: string) {
    super(code);
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

/** A form body (values are text; objects arrive as JSON text) or a JSON body. */
function parseBody(contentType: string | undefined, body: string): Params {
  if (body === "") return {};
  if (!contentType?.startsWith("application/json")) return Object.fromEntries(new URLSearchParams(body));
  return jsonField(body, "invalid_json") as Params;
}

/** A field that may arrive as an object (JSON body) or as JSON text (form body). */
function jsonField(value: unknown, refusedAs: string): unknown {
  if (typeof value !== "string") return value;
  try {
    return JSON.parse(value);
  } catch {
    throw new Refused(refusedAs);
  }
}

function asMetadata(value: unknown): SlackMessage["metadata"] {
  if (typeof value !== "object" || value === null) return null;
  const { event_type, event_payload } = value as Record<string, unknown>;
  if (typeof event_type !== "string" || typeof event_payload !== "object" || event_payload === null)
    return null;
  return { event_type, event_payload: event_payload as Record<string, unknown> };
}
