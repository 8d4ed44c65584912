/**
 * URL settings. Remote APIs are reached over https only; plain http is allowed for localhost so
 * tests and local mock servers work (interfaces.md: every connector and sink takes its base URL
 * so it can be pointed at a test server). TLS is always verified, so there is no "insecure" flag.
 */
import { z } from "zod";

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Why the text is not an acceptable API URL, or null. Never quotes the URL (it may hold a secret). */
export function explainBadApiUrl(text: string): string | null {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "not a URL (expected e.g. https://host/path)";
  }
  if (url.protocol === "http:" && !LOCAL_HOSTS.has(url.hostname)) {
    return "must use https (plain http is allowed only for localhost and 127.0.0.1)";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "must be an https URL";
  if (url.username !== "" || url.password !== "") {
    return "must not contain a user name or password; use the connector's credential settings";
  }
  if (url.search !== "" || url.hash !== "") return "must not have a query (?…) or fragment (#…)";
  return null;
}

/** An https API base URL; trailing slashes are removed so clients can append `/path`. */
export function apiBaseUrl(extra?: { check: (url: URL) => boolean; message: string }) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const problem = explainBadApiUrl(value);
      if (problem !== null) ctx.addIssue({ code: "custom", message: problem });
      else if (extra !== undefined && !extra.check(new URL(value)))
        ctx.addIssue({ code: "custom", message: extra.message });
    })
    .transform((value) => value.replace(/\/+$/, ""));
}

/**
 * A URL that is itself a secret (a Teams workflow URL carries its `sig=` signature). Same rules,
 * but kept exactly as given. The host is not checked: Microsoft has moved these URLs between
 * hosts (logic.azure.com → environment.api.powerplatform.com), see shared/apis/graph-chat.md §8.
 */
export const secretUrl = z.string().superRefine((value, ctx) => {
  const problem = explainBadApiUrl(value);
  // A signed workflow URL needs its query; only the scheme and host rules apply.
  if (problem !== null && !problem.startsWith("must not have a query")) {
    ctx.addIssue({ code: "custom", message: problem });
  }
});
