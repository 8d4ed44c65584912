/**
 * Slack's Web API and a Teams workflow, played by a loopback HTTP server in the bench process, so
 * that the alert step runs as configured for both and every request it makes is counted. Slack
 * methods answer `ok` as chat.postMessage does (the channel and a fresh `ts`), reads answer with
 * nothing found; the workflow answers 202 Accepted with no body, as Teams does.
 */
import { once } from "node:events";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ChatStub {
  /** notify.slack.apiUrl */
  readonly slackApiUrl: string;
  /** notify.teams.webhookUrl */
  readonly teamsWebhookUrl: string;
  /** requests received so far, per service */
  requests(): { slack: number; teams: number };
  close(): Promise<void>;
}

const SLACK_PREFIX = "/slack/api/";
const TEAMS_PATH = "/teams/workflows/bench/triggers/manual/paths/invoke";

export async function startChatStub(): Promise<ChatStub> {
  const counts = { slack: 0, teams: 0 };
  let messages = 0;
  const server = createServer((request, response) => {
    const path = request.url?.split("?")[0] ?? "";
    if (path.startsWith(SLACK_PREFIX)) counts.slack++;
    else if (path === TEAMS_PATH) counts.teams++;
    readBody(request)
      .then((body) => {
        if (path.startsWith(SLACK_PREFIX))
          answerSlack(response, path.slice(SLACK_PREFIX.length), body, ++messages);
        else response.writeHead(path === TEAMS_PATH ? 202 : 404).end();
      })
      .catch(() => response.writeHead(400).end());
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const { port } = server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  return {
    slackApiUrl: `${base}${SLACK_PREFIX}`,
    teamsWebhookUrl: `${base}${TEAMS_PATH}?api-version=1&sig=bench-signature`,
    requests: () => ({ ...counts }),
    async close() {
      // The SDKs keep connections alive; the server would otherwise wait for them to time out.
      server.closeAllConnections();
      server.close();
      await once(server, "close");
    },
  };
}

function answerSlack(response: ServerResponse, method: string, body: string, n: number): void {
  const channel = channelOf(body);
  const ts = `1773221400.${String(n).padStart(6, "0")}`;
  const answer = method.startsWith("conversations.")
    ? { ok: true, messages: [], has_more: false }
    : { ok: true, channel, ts, message: { ts, text: "" } };
  response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer));
}

/** The `channel` argument, form-encoded (the SDK's default) or JSON. */
function channelOf(body: string): string {
  if (body.startsWith("{")) return String((JSON.parse(body) as { channel?: unknown }).channel ?? "");
  return new URLSearchParams(body).get("channel") ?? "";
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}
