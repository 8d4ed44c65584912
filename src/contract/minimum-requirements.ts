/**
 * The contract's minimum requirements on the service itself (appendix 12a §3), checked against
 * the configuration: a service window of at least 08:00–18:00 on every working day (mon–fri,
 * Dutch time; a wider window is allowed), P1 standby 24/7 (so P1 times run on the clock), the
 * channels portal + e-mail + phone, and O1.11's update cadence, which config may tighten but
 * not loosen. A failure is a deviation from the contract, reported like a config problem.
 */
import type { ConfigProblem } from "../config/problems.js";
import type { ContractConfig } from "../config/schema/contract.js";
import type { PathSegment } from "../config/yaml-path.js";
import type { Catalog } from "./catalog.js";
import type { KpiEntry } from "./catalog-schema.js";
import { type ProblemSite, plainSite } from "./problem-site.js";

export const MINIMUM_WINDOW = {
  from: "08:00",
  to: "18:00",
  days: ["mon", "tue", "wed", "thu", "fri"],
} as const;
export const REQUIRED_CHANNELS = ["portal", "e-mail", "phone"] as const;

const CHANNEL_ALIASES: Record<string, string> = {
  email: "e-mail",
  mail: "e-mail",
  telephone: "phone",
  telefoon: "phone",
  telefonie: "phone",
  "self-service portal": "portal",
};

export interface MinimumRequirementOptions {
  /** the config file, where the problems point; default a site without line numbers */
  configSite?: ProblemSite;
  /** the intake channels offered (`contract.channels` once config has one); unchecked when absent */
  channels?: readonly string[];
  /** the catalog in force: P1 clocks and O1.11's cadence are checked in each of its versions */
  catalog?: Catalog;
}

const SECTION = "appendix 12a §3";

/** Every deviation from the minimum requirements, each naming the configured and required values. */
export function checkMinimumRequirements(
  contract: ContractConfig,
  options: MinimumRequirementOptions = {},
): ConfigProblem[] {
  const site = options.configSite ?? plainSite("(config)");
  const at = (...path: PathSegment[]) => ["contract", ...path];
  const problems: ConfigProblem[] = [];
  const window = contract.serviceWindow;
  const zone = options.catalog?.timezone ?? "Europe/Amsterdam";
  const span = `${window.from}–${window.to}`;
  const minimum = `${MINIMUM_WINDOW.from}–${MINIMUM_WINDOW.to} on working days (mon–fri)`;

  if (window.timezone !== zone) {
    problems.push(
      site.problem(
        at("serviceWindow", "timezone"),
        `the service window is in ${window.timezone}, the contract's minimum ${minimum} is in ${zone} (${SECTION})`,
      ),
    );
  }
  if (window.from > MINIMUM_WINDOW.from) {
    problems.push(
      site.problem(
        at("serviceWindow", "from"),
        `service window ${span} starts after ${MINIMUM_WINDOW.from}: the minimum is ${minimum} (${SECTION})`,
      ),
    );
  }
  if (window.to < MINIMUM_WINDOW.to) {
    problems.push(
      site.problem(
        at("serviceWindow", "to"),
        `service window ${span} ends before ${MINIMUM_WINDOW.to}: the minimum is ${minimum} (${SECTION})`,
      ),
    );
  }
  const missingDays = MINIMUM_WINDOW.days.filter((day) => !window.days.includes(day));
  if (missingDays.length > 0) {
    problems.push(
      site.problem(
        at("serviceWindow", "days"),
        `service window days ${window.days.join(", ")} leave out ${missingDays.join(", ")}: the minimum is every working day, mon–fri (${SECTION})`,
      ),
    );
  }
  if (options.channels !== undefined) {
    const offered = new Set(options.channels.map(canonicalChannel));
    const missing = REQUIRED_CHANNELS.filter((channel) => !offered.has(channel));
    if (missing.length > 0) {
      problems.push(
        site.problem(
          at("channels"),
          `channels ${options.channels.join(", ") || "(none)"} leave out ${missing.join(", ")}: the contract requires ${REQUIRED_CHANNELS.join(" + ")} (${SECTION})`,
        ),
      );
    }
  }
  if (options.catalog !== undefined) {
    problems.push(...p1OnTheClock(options.catalog), ...updateCadence(contract, options.catalog, site));
  }
  return problems;
}

function canonicalChannel(channel: string): string {
  const name = channel.trim().toLowerCase();
  return CHANNEL_ALIASES[name] ?? name;
}

/** P1 standby is 24/7: a P1 time on business hours would stop at 18:00 and miss the night. */
function p1OnTheClock(catalog: Catalog): ConfigProblem[] {
  const problems = new Map<string, ConfigProblem>();
  for (const version of catalog.versions) {
    for (const kpi of version.kpis) {
      if (!measuresP1(kpi) || kpi.clock === "clock" || kpi.clock === "by-priority") continue;
      const message = `${kpi.id}: P1 times run on business hours (clock: ${kpi.clock ?? "none"}), but P1 standby is 24/7 and P1 times are clock hours (${SECTION})`;
      problems.set(message, catalog.site.problem([...entryPath(catalog, kpi.id), "clock"], message));
    }
  }
  return [...problems.values()];
}

function measuresP1(kpi: KpiEntry): boolean {
  const { measure } = kpi;
  if (measure.rule === "response" || measure.rule === "resolution") return measure.priority === "P1";
  return measure.rule === "p1-resolution";
}

/** Where an entry is written: in the base `kpis`, or in the change that added it. */
function entryPath(catalog: Catalog, id: string): PathSegment[] {
  const base = catalog.versions[0]?.kpis.findIndex((kpi) => kpi.id === id) ?? -1;
  if (base >= 0) return ["kpis", base];
  const change = catalog.changes.find((c) => c.entry.add?.id === id);
  return change === undefined ? [] : ["changes", change.index, "add"];
}

/** O1.11 is a contract requirement: config may ask for updates sooner, never later. */
function updateCadence(contract: ContractConfig, catalog: Catalog, site: ProblemSite): ConfigProblem[] {
  const problems = new Map<string, ConfigProblem>();
  const rules = contract.rules.majorUpdates;
  for (const version of catalog.versions) {
    for (const kpi of version.kpis) {
      const cadence = kpi.updateCadence;
      if (cadence === undefined) continue;
      const checks = [
        ["firstMinutes", rules.firstMinutes, cadence.firstMinutes, "first update"],
        ["intervalMinutes", rules.intervalMinutes, cadence.intervalMinutes, "interval between updates"],
      ] as const;
      for (const [key, configured, required, what] of checks) {
        if (configured <= required) continue;
        const message = `${kpi.id}: ${what} ${configured} min is longer than the contract's ${required} min: config may ask for updates sooner, never later`;
        problems.set(message, site.problem(["contract", "rules", "majorUpdates", key], message));
      }
    }
  }
  return [...problems.values()];
}
