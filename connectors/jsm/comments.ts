/**
 * Request comments → canonical `comment` events (decision 3: the first caller-visible entry written
 * by a person is the first substantive response). Pure.
 *
 * - The caller's own words are not a response at all and are left out: comments by the reporter
 *   or a request participant, and by accounts of type `customer` (portal-only customers).
 * - Automated, so never a substantive response: accounts of type `app` (Automation for Jira,
 *   integrations), the accounts listed in `automationAccounts`, and this connector's own account.
 * - Public comments are caller-visible; internal notes are not.
 * The service-desk API does not give an author's account type (shared/apis/jsm.md §5.3, jira.js
 * `serviceDesk/models/user.ts`); it is looked up separately and arrives in `accountTypes`.
 */
import type { IssueComment, JiraUser, RequestComment } from "./schema.js";
import { userIds } from "./values.js";

/** A comment from either API, reduced to what classification needs. */
export interface CommentEntry {
  at: number;
  /** public (service-desk `public`, platform `jsdPublic` without a role/group restriction) */
  public: boolean;
  author: JiraUser;
}

export interface CommentContext {
  /** ids (accountId, key, name) of the reporter and the request participants */
  callers: ReadonlySet<string>;
  /** automationAccounts from the config, lower-cased: ids, names or login names */
  automation: ReadonlySet<string>;
  /** ids of the account this connector runs as */
  self: ReadonlySet<string>;
  /** accountId → accountType, for authors whose type the comment does not carry */
  accountTypes: ReadonlyMap<string, string>;
}

export type CommentEvent = { at: string; type: "comment"; visibleToCaller: boolean; automated: boolean };

export type CommentClass = "caller" | "automated" | "agent";

/**
 * @example classifyComment({ at, public: true, author: { accountId: "557058:f5…", accountType: "app" } }, context) // → "automated"
 */
export function classifyComment(comment: CommentEntry, context: CommentContext): CommentClass {
  const author = comment.author;
  // No author: an e-mail from an address Jira does not know, i.e. not the service desk.
  if (author == null) return "caller";
  const ids = userIds(author);
  if (ids.some((id) => context.callers.has(id))) return "caller";
  const type =
    author.accountType ?? (author.accountId != null ? context.accountTypes.get(author.accountId) : undefined);
  if (type === "customer") return "caller";
  if (type === "app") return "automated";
  if (ids.some((id) => context.self.has(id))) return "automated";
  const names = [...ids, author.displayName].filter((n): n is string => n != null);
  if (names.some((n) => context.automation.has(n.toLowerCase()))) return "automated";
  return "agent";
}

export function commentEvents(comments: readonly CommentEntry[], context: CommentContext): CommentEvent[] {
  const out: CommentEvent[] = [];
  for (const comment of comments) {
    const kind = classifyComment(comment, context);
    if (kind === "caller") continue;
    out.push({
      at: new Date(comment.at).toISOString(),
      type: "comment",
      visibleToCaller: comment.public,
      automated: kind === "automated",
    });
  }
  return out;
}

export function fromRequestComment(comment: RequestComment): CommentEntry {
  return { at: comment.created, public: comment.public, author: comment.author };
}

/** A platform comment is public unless marked internal or restricted to a role or group. */
export function fromIssueComment(comment: IssueComment): CommentEntry {
  return {
    at: comment.created,
    public: comment.jsdPublic !== false && comment.visibility == null,
    author: comment.author,
  };
}
