/**
 * One `sla-sentinel run` process of the built CLI, as an operator starts it, with its JSON log
 * lines (stderr, docs/operations.md "Logs") collected so a test can wait for what it says.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const CLI_MAIN = join(REPO_ROOT, "dist/src/cli/main.js");

export interface LogLine {
  msg: string;
  level: string;
  /** epoch ms of the line's `time` */
  at: number;
  fields: Record<string, unknown>;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class Instance {
  readonly name: string;
  /** where it serves /healthz and /metrics (`server.port`) */
  readonly port: number;
  readonly lines: LogLine[] = [];
  /** output that is not a JSON log line (a crash's stack trace, a start-up error) */
  readonly otherOutput: string[] = [];
  readonly exited: Promise<Exit>;
  #exit: Exit | null = null;
  readonly #child: ChildProcess;

  /**
   * `configFile` must serve on `port`; `env` is added to this process's environment (the
   * config's `${NAME}` secrets).
   */
  constructor(name: string, configFile: string, port: number, env: Record<string, string> = {}) {
    this.name = name;
    this.port = port;
    this.#child = spawn(process.execPath, [CLI_MAIN, "-c", configFile, "run"], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.#collect(this.#child.stdout);
    this.#collect(this.#child.stderr);
    this.#child.on("error", (error) => this.otherOutput.push(`spawn: ${error.message}`));
    // `close`, not `exit`: it comes after the last output has been read.
    this.exited = new Promise((resolve) => {
      this.#child.on("close", (code, signal) => {
        this.#exit = { code, signal };
        resolve(this.#exit);
      });
    });
  }

  get running(): boolean {
    return this.#exit === null;
  }

  /** The name the instance holds leases under (`daemon starting`'s `instance`). */
  get holder(): string | undefined {
    const value = this.lines.find((l) => l.msg === "daemon starting")?.fields.instance;
    return typeof value === "string" ? value : undefined;
  }

  logged(msg: string): LogLine[] {
    return this.lines.filter((l) => l.msg === msg);
  }

  /** The first line with this message (already logged or to come); fails on exit or timeout. */
  async waitForLog(msg: string, timeoutMs: number): Promise<LogLine> {
    let line: LogLine | undefined;
    await until(
      () => {
        line = this.lines.find((l) => l.msg === msg);
        if (line === undefined && !this.running)
          throw new Error(`${this.name} exited before "${msg}"\n${this.tail()}`);
        return line !== undefined;
      },
      timeoutMs,
      () => `${this.name} to log "${msg}"\n${this.tail()}`,
    );
    return line as LogLine;
  }

  kill(signal: NodeJS.Signals): void {
    if (this.running) this.#child.kill(signal);
  }

  /** The last lines said, for a failure message. */
  tail(count = 15): string {
    const said = this.lines.map((l) => `${l.level} ${l.msg} ${JSON.stringify(l.fields)}`);
    return [...said, ...this.otherOutput].slice(-count).join("\n");
  }

  #collect(stream: NodeJS.ReadableStream | null): void {
    let pending = "";
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk: string) => {
      const parts = (pending + chunk).split("\n");
      pending = parts.pop() ?? "";
      for (const part of parts) if (part.trim() !== "") this.#take(part);
    });
  }

  #take(text: string): void {
    try {
      const { msg, level, time, ...fields } = JSON.parse(text) as Record<string, unknown>;
      if (typeof msg === "string" && typeof time === "string") {
        this.lines.push({ msg, level: String(level), at: Date.parse(time), fields });
        return;
      }
    } catch {
      // not a log line: kept as it is
    }
    this.otherOutput.push(text);
  }
}

/** Polls `check` every 20 ms until it holds; fails after `timeoutMs` saying what it waited for. */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A port nothing listens on now: each instance serves /healthz on its own (`server.port`). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}
