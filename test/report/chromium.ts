/**
 * Headless Chromium for the page checks (Debian's package: `apt-get install chromium`), and a
 * small PNG decoder so a screenshot's pixels can be checked without another dependency.
 */
import { execFile } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { inflateSync } from "node:zlib";

const NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

/** The browser binary: $CHROMIUM_BIN, else the first of the usual names on PATH; null when none. */
export function findChromium(): string | null {
  const explicit = process.env.CHROMIUM_BIN;
  if (explicit !== undefined && explicit !== "") return explicit;
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const name of NAMES) {
      const candidate = join(dir, name);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return null;
}

const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--hide-scrollbars",
];

/** Runs Chromium on a URL with extra flags in a throw-away profile; resolves with its stdout. */
export function runChromium(binary: string, url: string, extra: readonly string[]): Promise<string> {
  const profile = mkdtempSync(join(tmpdir(), "sla-chromium-"));
  return new Promise<string>((resolve, reject) => {
    execFile(
      binary,
      [...FLAGS, `--user-data-dir=${profile}`, ...extra, url],
      { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        rmSync(profile, { recursive: true, force: true });
        if (error) reject(new Error(`chromium failed: ${error.message}\n${stderr}`));
        else resolve(stdout);
      },
    );
  });
}

export interface Png {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, row after row */
  rgba: Uint8Array;
}

/** Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what Chromium writes). */
export function decodePng(data: Buffer): Png {
  if (data.readUInt32BE(0) !== 0x89504e47) throw new Error("not a PNG");
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString("latin1", offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const [depth, colorType, , , interlace] = [body[8], body[9], body[10], body[11], body[12]];
      if (depth !== 8 || interlace !== 0 || (colorType !== 2 && colorType !== 6)) {
        throw new Error(`unsupported PNG: depth ${depth}, colour type ${colorType}, interlace ${interlace}`);
      }
      channels = colorType === 6 ? 4 : 3;
    } else if (type === "IDAT") idat.push(body);
    else if (type === "IEND") break;
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(height * stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? (pixels[y * stride + x - channels] as number) : 0;
      const b = y > 0 ? (pixels[(y - 1) * stride + x] as number) : 0;
      const c = x >= channels && y > 0 ? (pixels[(y - 1) * stride + x - channels] as number) : 0;
      pixels[y * stride + x] = ((line[x] as number) + predictor(filter, a, b, c)) & 0xff;
    }
  }
  const rgba = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    rgba[i * 4] = pixels[i * channels] as number;
    rgba[i * 4 + 1] = pixels[i * channels + 1] as number;
    rgba[i * 4 + 2] = pixels[i * channels + 2] as number;
    rgba[i * 4 + 3] = channels === 4 ? (pixels[i * channels + 3] as number) : 255;
  }
  return { width, height, rgba };
}

function predictor(filter: number | undefined, a: number, b: number, c: number): number {
  switch (filter) {
    case 0:
      return 0;
    case 1:
      return a;
    case 2:
      return b;
    case 3:
      return (a + b) >> 1;
    case 4: {
      const p = a + b - c;
      const pa = Math.abs(p - a);
      const pb = Math.abs(p - b);
      const pc = Math.abs(p - c);
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
    default:
      throw new Error(`bad PNG filter ${filter}`);
  }
}

/** How many pixels lie within `tolerance` of a colour ("#1e7b3a"). */
export function pixelsNear(png: Png, hex: string, tolerance = 12): number {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [
    number,
    number,
    number,
  ];
  let n = 0;
  for (let i = 0; i < png.rgba.length; i += 4) {
    const dr = Math.abs((png.rgba[i] as number) - r);
    const dg = Math.abs((png.rgba[i + 1] as number) - g);
    const db = Math.abs((png.rgba[i + 2] as number) - b);
    if (dr <= tolerance && dg <= tolerance && db <= tolerance) n++;
  }
  return n;
}

/** Distinct colours in the image, capped at `cap` (a blank page has one or two). */
export function distinctColours(png: Png, cap = 1000): number {
  const seen = new Set<number>();
  for (let i = 0; i < png.rgba.length && seen.size < cap; i += 4) {
    seen.add(
      ((png.rgba[i] as number) << 16) | ((png.rgba[i + 1] as number) << 8) | (png.rgba[i + 2] as number),
    );
  }
  return seen.size;
}
