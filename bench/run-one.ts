/** Child process of bench/run.ts: runs one benchmark and prints its section as JSON on stdout. */
import { BENCHES } from "./registry.js";

const name = process.argv[2] ?? "";
const load = BENCHES[name];
if (load === undefined) {
  process.stderr.write(`unknown benchmark "${name}"; known: ${Object.keys(BENCHES).join(", ")}\n`);
  process.exit(2);
}
const bench = await load();
const section = await bench();
process.stdout.write(`${JSON.stringify(section)}\n`);
