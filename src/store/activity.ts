/**
 * The two facts the store indexes about every record: until when it was active, and whether it is
 * still open. Period queries (`activeSince`, `openOnly`) and retention (`purgeBefore`) read only
 * these columns, so the rules live here, in one place, for every store backend.
 */
import type { Instant } from "../model/instant.js";
import type { CanonicalRecord, Ticket } from "../model/schema.js";

export interface RecordActivity {
  /**
   * The latest moment the record speaks of: for a finished ticket its closing or last resolution
   * (or any later event), for an outage its end. Retention drops a record once this is before the
   * cutoff; a period query keeps it when this is at or after the period's start.
   */
  activityAt: Instant;
  /**
   * Still running: an open ticket, an ongoing outage, an unmitigated vulnerability, a missing
   * patch, a security exception without an expiry. Open records are never purged and always match
   * `activeSince`, however old their last event.
   */
  open: boolean;
}

/**
 * @example
 * recordActivity(ticket with events created 09:00, resolved 11:00, closed 3 days later)
 * // → { activityAt: <closed>, open: false }
 * recordActivity({ kind: "outage", start, end: null, … }) // → { activityAt: start, open: true }
 */
export function recordActivity(record: CanonicalRecord): RecordActivity {
  switch (record.kind) {
    case "ticket":
      return ticketActivity(record);
    case "outage":
      return { activityAt: record.end ?? record.start, open: record.end === null };
    case "patch":
      return {
        activityAt: latest(record.availableAt, record.dueAt, record.installedAt),
        open: record.installedAt === null,
      };
    case "vulnerability":
      return {
        activityAt: latest(
          record.detectedAt,
          record.mitigatedAt,
          record.exception?.approvedAt ?? null,
          record.exception?.until ?? null,
        ),
        open: record.mitigatedAt === null,
      };
    case "security-exception":
      return {
        activityAt: latest(record.reviewBy, record.reviewedAt, record.expiresAt),
        open: record.expiresAt === null,
      };
    case "device":
      return { activityAt: latest(record.at, record.lastSyncAt), open: false };
    case "eol-item":
      return { activityAt: latest(record.eosDate, record.signalledAt), open: false };
    case "improvement":
      return { activityAt: latest(record.decisionAt, record.updatedAt), open: false };
    case "backup-run":
      return { activityAt: record.scheduledAt, open: false };
    case "restore-test":
    case "evidence":
      return { activityAt: record.at, open: false };
  }
}

/**
 * A ticket is finished when its last resolved/closed/reopened event is not a reopening. Its
 * activity is its latest event: normally the closing or the last resolution; a later event (a
 * rating arriving after closing) only extends it, so retention errs on keeping.
 */
function ticketActivity(ticket: Ticket): RecordActivity {
  let activityAt = ticket.createdAt;
  let finished = false;
  for (const event of ticket.events) {
    if (event.at > activityAt) activityAt = event.at;
    if (event.type === "resolved" || event.type === "closed") finished = true;
    else if (event.type === "reopened") finished = false;
  }
  return { activityAt, open: !finished };
}

/** The latest of the given instants; 0 (1970) when there is none, which only open records allow. */
function latest(...instants: Array<Instant | null>): Instant {
  let max = Number.NEGATIVE_INFINITY;
  for (const value of instants) if (value !== null && value > max) max = value;
  return Number.isFinite(max) ? max : 0;
}
