/**
 * A small seeded pseudo-random generator, so the demo data set is reproducible: the same seed
 * gives the same records on every machine and Node version (Math.random cannot be seeded).
 *
 * The core is sfc32 (Chris Doty-Humphrey's "small fast chaotic" generator, 128-bit state,
 * period ≥ 2^32, passes PractRand); seeds of any text are spread over the state with FNV-1a and
 * 12 warm-up rounds. Not for cryptography.
 *
 * `fork(label)` gives an independent stream per section (tickets, devices, …) so that changing
 * how one section draws numbers does not reshuffle all the others.
 */

export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  /** uniform in [min, max) */
  float(min: number, max: number): number;
  /** uniform integer in [min, max] (both inclusive) */
  int(min: number, max: number): number;
  /** true with probability p */
  chance(p: number): boolean;
  /** one element, uniformly; throws on an empty list */
  pick<T>(items: readonly T[]): T;
  /** one key by weight, e.g. `weighted([["P1", 2], ["P2", 13]])` */
  weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T;
  /** value in [min, max) skewed towards min: `min + (max - min) * u^skew` (skew > 1 favours small) */
  skewed(min: number, max: number, skew: number): number;
  /** an independent stream derived from this generator's seed and the label */
  fork(label: string): Rng;
}

/** FNV-1a over the text's UTF-16 code units: a 32-bit hash for seeding. */
function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function sfc32(a0: number, b0: number, c0: number, d0: number): () => number {
  let a = a0 >>> 0;
  let b = b0 >>> 0;
  let c = c0 >>> 0;
  let d = d0 >>> 0;
  return () => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    return t / 4294967296;
  };
}

export function createRng(seed: number | string): Rng {
  const key = String(seed);
  const raw = sfc32(fnv1a(key), fnv1a(`${key}#1`), fnv1a(`${key}#2`), fnv1a(`${key}#3`));
  for (let i = 0; i < 12; i++) raw();

  const rng: Rng = {
    next: raw,
    float: (min, max) => min + (max - min) * raw(),
    int: (min, max) => min + Math.floor((max - min + 1) * raw()),
    chance: (p) => raw() < p,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError("pick from an empty list");
      return items[Math.floor(items.length * raw())] as T;
    },
    weighted<T>(entries: ReadonlyArray<readonly [T, number]>): T {
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let u = raw() * total;
      for (const [value, w] of entries) {
        u -= w;
        if (u < 0) return value;
      }
      const last = entries[entries.length - 1];
      if (last === undefined) throw new RangeError("weighted pick from an empty list");
      return last[0];
    },
    skewed: (min, max, skew) => min + (max - min) * raw() ** skew,
    fork: (label) => createRng(`${key}/${label}`),
  };
  return rng;
}
