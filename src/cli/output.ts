export type OutputFormat = "text" | "json";

export interface Output {
  format: OutputFormat;
  /** Human text on stdout (only in text format). */
  text(line: string): void;
  /** The machine result: JSON on stdout in json format, nothing otherwise. */
  json(value: unknown): void;
}

export function createOutput(
  format: OutputFormat,
  write: (s: string) => void = (s) => process.stdout.write(s),
): Output {
  return {
    format,
    text: (line) => {
      if (format === "text") write(`${line}\n`);
    },
    json: (value) => {
      if (format === "json") write(`${JSON.stringify(value, null, 2)}\n`);
    },
  };
}

export function parseFormat(value: string): OutputFormat {
  if (value === "text" || value === "json") return value;
  throw new Error(`--format must be text or json, not "${value}"`);
}
