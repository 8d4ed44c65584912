/** `calendar elapsed` and `calendar add`: the contract's clocks from the command line. */
import type { Command } from "commander";
import { DateTime } from "luxon";
import { businessCalendar } from "../../engine/calendar/index.js";
import type { ClockKind } from "../../engine/calendar/types.js";
import { explainBadInstant, parseInstant } from "../../model/instant.js";
import { commandContext, type GlobalOptions } from "../context.js";
import { UsageError } from "../errors.js";

interface ClockOption {
  clock: string;
}

export function registerCalendar(program: Command, globals: () => GlobalOptions): void {
  const calendar = program
    .command("calendar")
    .description("business-clock arithmetic on the configured service window and holidays");

  calendar
    .command("elapsed")
    .description("minutes between two times on a clock")
    .requiredOption("--from <time>", "start, ISO 8601 with offset (e.g. 2026-03-02T09:15:00+01:00)")
    .requiredOption("--to <time>", "end, ISO 8601 with offset")
    .option("--clock <clock>", "business | clock", "business")
    .action(async (opts: ClockOption & { from: string; to: string }) => {
      const { out, cal, clock } = await setUp(globals(), opts.clock);
      const minutes = roundMinutes(
        cal.elapsedMs(instantArg("--from", opts.from), instantArg("--to", opts.to), clock) / 60_000,
      );
      out.json({ minutes });
      out.text(`${minutes} minutes on the ${clock} clock`);
    });

  calendar
    .command("add")
    .description("the time N minutes after a start on a clock")
    .requiredOption("--from <time>", "start, ISO 8601 with offset")
    .requiredOption("--minutes <n>", "minutes to add (≥ 0; fractions allowed)")
    .option("--clock <clock>", "business | clock", "business")
    .action(async (opts: ClockOption & { from: string; minutes: string }) => {
      const { out, cal, clock } = await setUp(globals(), opts.clock);
      const minutes = Number(opts.minutes);
      if (opts.minutes.trim() === "" || !Number.isFinite(minutes) || minutes < 0) {
        throw new UsageError(`--minutes must be a number ≥ 0, not "${opts.minutes}"`);
      }
      const dueMs = cal.addMs(instantArg("--from", opts.from), Math.round(minutes * 60_000), clock);
      const due = DateTime.fromMillis(dueMs, { zone: cal.zone }).toISO({ suppressMilliseconds: true });
      out.json({ due });
      out.text(`${due}`);
    });
}

async function setUp(options: GlobalOptions, clockText: string) {
  const clock = clockArg(clockText);
  const context = await commandContext(options, { needsFile: false });
  const { serviceWindow, holidays } = context.config.contract;
  return { out: context.out, cal: businessCalendar({ serviceWindow, holidays }), clock };
}

function clockArg(value: string): ClockKind {
  if (value === "business" || value === "clock") return value;
  throw new UsageError(`--clock must be business or clock, not "${value}"`);
}

function instantArg(flag: string, value: string): number {
  const ms = parseInstant(value);
  if (ms === null) throw new UsageError(`${flag}: ${explainBadInstant(value)}`);
  return ms;
}

/** Seconds precision: minutes are reported with at most 4 decimals (1 s = 0.0167 min). */
function roundMinutes(minutes: number): number {
  return Math.round(minutes * 10_000) / 10_000;
}
