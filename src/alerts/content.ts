/**
 * The words of an alert, shared by the Slack and Teams renderers: headline, facts and times in
 * the service window's zone. Plain text here; each renderer escapes for its own markup.
 */
import { DateTime } from "luxon";
import type { TimerClock } from "../engine/timers/index.js";
import type { Instant } from "../model/instant.js";
import { isFinalTransition } from "./keys.js";
import type { Alert, AlertMessage, AlertTransition, ClockEnd, FinalTransition } from "./types.js";

/** interfaces.md asks for a short title; the canonical model already keeps at most 80 characters. */
export const SHORT_TITLE = 80;

const CLOCK_LABEL: Record<TimerClock, string> = {
  response: "response",
  resolution: "resolution",
  stabilisation: "stabilisation",
  containment: "containment",
  "major-update": "major-incident update",
};

export function clockLabel(clock: TimerClock): string {
  return CLOCK_LABEL[clock];
}

const VERB: Record<AlertTransition, string> = {
  "at-risk": "At risk",
  breached: "Breached",
  "update-due": "Update due",
  "update-overdue": "Update overdue",
  "paused-long": "Paused",
};

const FINAL_VERB: Record<FinalTransition, string> = { resolved: "Resolved", closed: "Closed" };

/**
 * `Breached: P2 response of I2603-0042`; `Update due: major incident I2603-0042`; a final state:
 * `Resolved — met: P2 resolution of I-1`, `Resolved after breach (2 h 10 min over): P2 response of I-1`,
 * `Closed: P2 resolution of I-1` (a clock that had not stopped, within its time).
 */
export function headline(alert: Alert, at: Instant): string {
  const what =
    alert.clock === "major-update"
      ? `major incident ${alert.ticketId}`
      : `${alert.priority === null ? "" : `${alert.priority} `}${clockLabel(alert.clock)} of ${alert.ticketId}`;
  const transition = alert.transition;
  const verb = isFinalTransition(transition)
    ? finalVerb(alert, transition)
    : transition === "paused-long" && alert.pausedSince !== null
      ? `Paused for ${duration(at - alert.pausedSince)}`
      : VERB[transition];
  return `${verb}: ${what}`;
}

/** How a final state's clock ended; a final state recorded without one counts as `open`. */
export function clockEnd(alert: Alert): ClockEnd {
  return alert.finish?.end ?? "open";
}

function finalVerb(alert: Alert, transition: FinalTransition): string {
  const verb = FINAL_VERB[transition];
  const update = alert.clock === "major-update";
  switch (clockEnd(alert)) {
    case "met":
      return `${verb} — ${update ? "update given in time" : "met"}`;
    case "breached":
      return `${verb} after breach (${duration(Math.max(0, -alert.remainingMs))} over)`;
    case "open":
      return update ? `${verb} — update no longer owed` : verb;
  }
}

/** A final state's outcome: `met in time`, `2 h 10 min over (business hours)`, `not stopped, 15 min left`. */
function outcomeText(alert: Alert): string {
  const update = alert.clock === "major-update";
  switch (clockEnd(alert)) {
    case "met":
      return update ? "update given in time" : "met in time";
    case "breached":
      return onClock(`${duration(Math.max(0, -alert.remainingMs))} over`, alert);
    case "open":
      return update ? "no longer owed" : onClock(`not stopped, ${duration(alert.remainingMs)} left`, alert);
  }
}

/** `Mon 2 Mar 2026 10:00 CET` in the given zone (en-GB names the Dutch zone CET/CEST). */
export function formatInstant(at: Instant, zone: string): string {
  return DateTime.fromMillis(at, { zone }).setLocale("en-GB").toFormat("ccc d LLL yyyy HH:mm ZZZZ");
}

/** `15 min left`, `7 h 30 min left`, `30 min overdue`; business clocks say so. */
export function remainingText(alert: Pick<Alert, "remainingMs" | "clockKind">): string {
  const ms = alert.remainingMs;
  return onClock(ms >= 0 ? `${duration(ms)} left` : `${duration(-ms)} overdue`, alert);
}

function onClock(text: string, alert: Pick<Alert, "clockKind">): string {
  return alert.clockKind === "business" ? `${text} (business hours)` : text;
}

/** Whole minutes, rounded down: `0 min`, `45 min`, `7 h 30 min`, `3 d 2 h`. */
export function duration(ms: number): string {
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

export function shorten(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, Math.max(0, max - 1)).join("")}…`;
}

export interface Fact {
  title: string;
  value: string;
}

/**
 * The facts both renderers show, in this order; ticket-supplied values are raw text. A final state
 * shows the clock's outcome and the finish instead of the time remaining.
 */
export function alertFacts({ alert, zone, at }: AlertMessage): Fact[] {
  const owner = [alert.owner, alert.group].filter((v): v is string => v !== null).join(" · ");
  const transition = alert.transition;
  const facts: Fact[] = [
    { title: "Priority", value: alert.priority ?? "none" },
    { title: "Clock", value: clockLabel(alert.clock) },
    {
      title: alert.clock === "major-update" ? "Update due" : "Deadline",
      value: formatInstant(alert.deadline, zone),
    },
    ...(isFinalTransition(transition)
      ? [
          { title: "Outcome", value: outcomeText(alert) },
          { title: FINAL_VERB[transition], value: formatInstant(alert.finish?.at ?? at, zone) },
        ]
      : [{ title: "Remaining", value: remainingText(alert) }]),
    { title: "Owner", value: owner === "" ? "unassigned" : owner },
  ];
  // A pause at the finish is not news: the ticket no longer waits for anyone.
  if (alert.pausedSince !== null && !isFinalTransition(transition)) {
    facts.push({
      title: "Paused since",
      value: `${formatInstant(alert.pausedSince, zone)} (${duration(at - alert.pausedSince)})`,
    });
  }
  if (alert.location !== null) facts.push({ title: "Location", value: alert.location });
  facts.push({ title: "Source", value: `${alert.source} · ${alert.type}` });
  return facts;
}
