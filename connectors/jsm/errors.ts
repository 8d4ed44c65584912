/**
 * The JSM connector's own failures, each one line naming the connector and what a person must
 * fix. Never contains the token or the e-mail address: only the connector name, the status and
 * the permission that is missing.
 */
import { BadRequestHttpError } from "../../src/http/index.js";

export type Deployment = "cloud" | "datacenter";

/** What the account was doing when Jira refused it, to say which permission is missing. */
export type JsmOperation =
  | "myself"
  | "fields"
  | "search"
  | "changelog"
  | "comments"
  | "sla"
  | "feedback"
  | "users"
  | "write";

const FORBIDDEN: Record<JsmOperation, string> = {
  myself:
    "the account may not use the REST API (for Cloud: a CAPTCHA after failed logins also gives 403; log in once in a browser)",
  fields: "the account may not list fields: it needs access to Jira (a product licence)",
  search: "the account may not search issues: it needs Browse projects on the configured projects",
  changelog: "the account may not read issue history: it needs Browse projects on the configured projects",
  comments:
    "the account may not read request comments: it must be an agent of the service project (Service Desk Team role, a JSM agent licence)",
  sla: "the account may not read SLAs: it must be an agent of the service project (Service Desk Team role, a JSM agent licence)",
  feedback: "the account may not read request feedback: it must be an agent of the service project",
  users: "the account may not look up users: it needs the global permission Browse users and groups",
  write:
    "the account may not edit issues: it needs Edit issues on the project (and the workflow status must allow edits)",
};

/** A 401/403, phrased for the person who has to fix it. */
export class JsmAuthError extends Error {
  override readonly name = "JsmAuthError";
  constructor(
    connector: string,
    readonly status: number,
    operation: JsmOperation,
    deployment: Deployment,
  ) {
    const cause =
      status === 401
        ? deployment === "cloud"
          ? "Jira rejected the e-mail and API token (401 Unauthorized): check email and token, that the token has not expired or been revoked, and that it is a classic API token (scoped tokens only work through api.atlassian.com)"
          : "Jira rejected the personal access token (401 Unauthorized): check token, and that the token has not expired or been revoked"
        : `Jira refused access (403 Forbidden): ${FORBIDDEN[operation]}`;
    super(`connector "${connector}" (jsm): ${cause}; see connectors/jsm/README.md`);
  }
}

/**
 * Jira refused to set fields because they are not on the edit screen (or not in its
 * field configuration or context). A `BadRequestHttpError`, so the write-back orchestration
 * counts it against this ticket and goes on with the others.
 */
export class JsmFieldNotEditableError extends BadRequestHttpError {
  constructor(
    init: { method: string; url: string; status: number | null },
    connector: string,
    ticket: string,
    readonly fieldIds: readonly string[],
  ) {
    const line =
      `connector "${connector}" (jsm): cannot write ${fieldIds.join(", ")} on ${ticket}: ` +
      "not on the issue's edit screen (or not in its field configuration or context); add the field to " +
      "the Edit screen of the project's screen scheme for this issue type";
    super({ ...init, detail: null }, line);
    // One line for people, without the method/URL prefix the other HTTP errors carry.
    this.message = line;
  }
}

/** Another problem that needs a person (bad project key, a field id that does not exist). */
export class JsmConfigError extends Error {
  override readonly name = "JsmConfigError";
  constructor(connector: string, problem: string) {
    super(`connector "${connector}" (jsm): ${problem}; see connectors/jsm/README.md`);
  }
}
