/**
 * A ticket's life written event by event. The cursor `t` is wall time; `active` counts the minutes
 * on the ticket's own clock that run toward its resolution (business or clock hours, customer
 * pauses excluded), so a story can say "respond after 40 minutes, resolve after 7 hours of work"
 * and land on realistic wall times. Events are kept as instants and turned into ISO text at the
 * very end (see `toEventInput`).
 */
import type { z } from "zod";
import type { ticketEvent } from "../model/schema.js";
import { type ClockKind, type DemoCalendar, iso } from "./calendar.js";

export type TicketEventInput = z.input<typeof ticketEvent>;

type Draft<E> = E extends { type: "target" }
  ? Omit<E, "at" | "due"> & { at: number; due: number }
  : Omit<E, "at"> & { at: number };
/** A ticket event with instants (epoch ms) instead of ISO text. */
export type DraftEvent = Draft<TicketEventInput>;
type Body<E> = E extends unknown ? Omit<E, "at"> : never;
export type DraftEventBody = Body<DraftEvent>;

export function toEventInput(event: DraftEvent): TicketEventInput {
  if (event.type === "target") return { ...event, at: iso(event.at), due: iso(event.due) };
  return { ...event, at: iso(event.at) } as TicketEventInput;
}

export class Timeline {
  readonly events: DraftEvent[] = [];
  /** wall-clock cursor (epoch ms) */
  t: number;
  /** minutes run on the ticket's clock, customer pauses excluded */
  active = 0;
  owner: string | null = null;
  group: string | null = null;
  party: string | null = null;
  private readonly crossings = new Map<number, number>();

  constructor(
    private readonly cal: DemoCalendar,
    readonly clock: ClockKind,
    readonly createdAt: number,
    private readonly watched: readonly number[] = [],
  ) {
    this.t = createdAt;
  }

  /** Runs the ticket's clock on by `minutes` of active time. */
  advance(minutes: number): void {
    if (minutes <= 0) return;
    for (const threshold of this.watched) {
      if (!this.crossings.has(threshold) && this.active < threshold && threshold <= this.active + minutes) {
        this.crossings.set(threshold, this.cal.add(this.t, threshold - this.active, this.clock));
      }
    }
    this.t = this.cal.add(this.t, minutes, this.clock);
    this.active += minutes;
  }

  /** Runs the clock on until `active` reaches `minutes` (no-op when already past). */
  advanceTo(minutes: number): void {
    this.advance(minutes - this.active);
  }

  /** Wall time passes without counting (a customer pause, the time before closure). */
  wait(minutes: number, clock: ClockKind = this.clock): void {
    this.t = this.cal.add(this.t, minutes, clock);
  }

  /** A few seconds pass (system actions right after one another). */
  nudge(seconds: number): void {
    this.t += Math.round(seconds) * 1000;
  }

  /** The wall time at which `active` reached a watched threshold, if it did. */
  crossing(threshold: number): number | undefined {
    return this.crossings.get(threshold);
  }

  push(event: DraftEventBody, at: number = this.t): void {
    this.events.push({ ...event, at } as DraftEvent);
  }

  comment(visibleToCaller: boolean, automated = false, at: number = this.t): void {
    this.push({ type: "comment", visibleToCaller, automated }, at);
  }

  /** The assignment from now on; every field is written, as the model reads it as a full state. */
  assign(owner: string | null, group: string | null, party: string | null = this.party, at = this.t): void {
    this.owner = owner;
    this.group = group;
    this.party = party;
    this.push({ type: "assigned", owner, group, party }, at);
  }

  lastEventAt(): number {
    let last = this.createdAt;
    for (const e of this.events) if (e.at > last) last = e.at;
    return last;
  }
}
