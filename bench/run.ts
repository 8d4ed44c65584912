/**
 * `npm run bench [-- name...]`: runs the benchmarks, each in a fresh Node process (so one's heap
 * and peak memory do not colour the next), prints the Markdown and writes docs/benchmarks.md.
 * Exits 1 when a figure misses its budget.
 */
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { BENCHES } from "./registry.js";
import type { BenchSection } from "./types.js";

const here = dirname(fileURLToPath(import.meta.url));
const requested = process.argv.slice(2);
const names = requested.length > 0 ? requested : Object.keys(BENCHES);

const sections: BenchSection[] = [];
for (const name of names) {
  process.stderr.write(`bench: ${name}…\n`);
  const out = execFileSync(process.execPath, ["--expose-gc", join(here, "run-one.js"), name], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 16 * 1024 * 1024,
  });
  const lastLine = out.trim().split("\n").at(-1) ?? "{}";
  sections.push(JSON.parse(lastLine) as BenchSection);
}

const cpu = cpus();
const machine = `${cpu.length} × ${cpu[0]?.model ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
const lines = [
  "# Benchmarks",
  "",
  `Measured ${new Date().toISOString()} on ${machine}.`,
  "",
  "Command: `npm run bench` (builds, then runs each benchmark in its own `node --expose-gc` process).",
  "",
];
for (const section of sections) {
  lines.push(
    `## ${section.title}`,
    "",
    ...section.lines,
    "",
    `Within budget: ${section.withinBudget ? "yes" : "**no**"}`,
    "",
  );
}
const markdown = lines.join("\n");
process.stdout.write(`${markdown}\n`);
if (requested.length === 0) writeFileSync(join(here, "..", "..", "docs", "benchmarks.md"), markdown);
process.exitCode = sections.every((s) => s.withinBudget) ? 0 : 1;
