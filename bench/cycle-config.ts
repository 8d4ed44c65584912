/**
 * The cycle benchmark's config, as a user would write it: the built-in catalog with the example
 * supplier norms, the service window and holidays of bench/report.ts, retention on, the `file`
 * connector, and notify with a Slack channel and a Teams workflow at the chat stub. It goes
 * through the same parsing and validation as a config file.
 */
import { copyFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Config, parseConfigText } from "../src/config/index.js";
import { STANDARD_CHANGE_LEAD_TIMES } from "../src/demo/index.js";
import type { StorageConfig } from "../src/store/types.js";
import type { ChatStub } from "./chat-stub.js";

/** The connector's name, and so the `source` of the tickets and the write-back target's name. */
export const TARGET = "servicedesk";
export const SLACK_CHANNEL = "C0BENCH0001";

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

export interface CycleConfigInput {
  /** the bench's folder: the config file's, where the supplier norms are copied */
  dir: string;
  /** the JSON Lines export, absolute */
  file: string;
  storage: StorageConfig;
  chat: Pick<ChatStub, "slackApiUrl" | "teamsWebhookUrl">;
}

export function benchConfig({ dir, file, storage, chat }: CycleConfigInput): Config {
  copyFileSync(join(repoRoot, "config", "supplier-norms.example.yaml"), join(dir, "supplier-norms.yaml"));
  const config = {
    contract: {
      catalog: "builtin:sib",
      supplierNorms: "./supplier-norms.yaml",
      serviceWindow: {
        timezone: "Europe/Amsterdam",
        days: ["mon", "tue", "wed", "thu", "fri"],
        from: "08:00",
        to: "18:00",
      },
      holidays: { country: "NL", goodFriday: false, liberationDay: "lustrum" },
      rules: { standardChangeLeadTimes: { ...STANDARD_CHANGE_LEAD_TIMES } },
    },
    // 24 months keeps every record here, yet the retention step runs as it would in production.
    storage: { ...storage, retention: { months: 24 } },
    connectors: [{ type: "file", name: TARGET, path: file }],
    notify: {
      slack: { token: "xoxb-bench-token", channel: SLACK_CHANNEL, apiUrl: chat.slackApiUrl },
      teams: { webhookUrl: chat.teamsWebhookUrl },
    },
  };
  // JSON is YAML: the config goes through the same validation as a file.
  return parseConfigText(JSON.stringify(config), configFile(dir), {});
}

export const configFile = (dir: string) => join(dir, "sla-sentinel.yaml");
