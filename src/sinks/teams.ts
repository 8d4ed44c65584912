/**
 * Teams alerts through a Workflows webhook ("When a Teams webhook request is received" → "Post
 * card in a chat or channel"), over the shared HTTP pipeline. Post-only: a workflow cannot be
 * asked what it posted, nor update a card it posted (graph-chat.md §8.2–8.3), so every state is a
 * card of its own and a send whose outcome is unknown is sent again (at least once). A report's
 * scorecard is one more card.
 */
import { type AlertChannel, AlertDeliveryError, type AlertMessage } from "../alerts/types.js";
import { type HttpClient, HttpError, MalformedResponseError } from "../http/index.js";
import { type TeamsPayload, teamsAlertPayload } from "./chat/adaptive-card.js";
import { teamsScorecardPayload } from "./chat/report-card.js";
import type { ReportChannel, Scorecard } from "./report-post/types.js";

export class TeamsChannel implements AlertChannel, ReportChannel {
  readonly key: string;
  readonly label: string;
  /** legacy incoming webhooks throttled above ~4 requests a second; Workflows' limits are undocumented */
  readonly minIntervalMs = 500;
  readonly #http: HttpClient;
  readonly #webhookUrl: string;

  constructor(http: HttpClient, webhookUrl: string, key: string) {
    this.#http = http;
    this.#webhookUrl = webhookUrl;
    this.key = key;
    // The URL's signature makes it a secret: people see the hash the ledger uses.
    this.label = `teams ${key.slice("teams:".length)}`;
  }

  deliver(message: AlertMessage, _previous: unknown, signal?: AbortSignal): Promise<null> {
    return this.#post(teamsAlertPayload(message), signal);
  }

  async findPosted(): Promise<"unknown"> {
    return "unknown";
  }

  async postScorecard(card: Scorecard, _postKey: string, signal?: AbortSignal): Promise<null> {
    return this.#post(teamsScorecardPayload(card), signal);
  }

  async findScorecard(): Promise<"unknown"> {
    return "unknown";
  }

  async #post(body: TeamsPayload, signal: AbortSignal | undefined): Promise<null> {
    try {
      // 202 Accepted with an empty body is the answer (the legacy connector's was 200 "1"): any
      // 2xx is taken. Accepted is not yet posted: a failing flow shows in its run history only.
      await this.#http.request({ method: "POST", url: this.#webhookUrl, body, signal });
      return null;
    } catch (error) {
      // A 2xx whose body is not the JSON the pipeline expects: accepted all the same.
      if (error instanceof MalformedResponseError) return null;
      throw deliveryError(error);
    }
  }
}

function deliveryError(error: unknown): AlertDeliveryError {
  if (!(error instanceof HttpError)) {
    return new AlertDeliveryError("transient", `teams workflow: ${String(error)}`, {
      uncertain: true,
      cause: error,
    });
  }
  const what = `teams workflow: ${error.message}`;
  switch (error.kind) {
    case "transient":
      // No status: the request may have reached the flow before the connection failed.
      return new AlertDeliveryError("transient", what, { uncertain: error.status === null, cause: error });
    case "bad-request":
      return new AlertDeliveryError(error.status === 413 ? "rejected" : "config", what, { cause: error });
    default:
      // 401/403 (trigger not open to "Anyone"), 404 (flow deleted or URL changed)
      return new AlertDeliveryError("config", what, { cause: error });
  }
}
