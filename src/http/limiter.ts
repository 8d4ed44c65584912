/**
 * At most N requests in flight per host, first come first served. One limiter map is shared by
 * every connector built on the same HTTP client, so two TOPdesk instances on one tenant share it.
 */

export interface Limiter {
  /** Runs `task` once a slot is free; the slot is released when it settles. */
  run<T>(task: () => Promise<T>): Promise<T>;
  /** requests running now, for tests and metrics */
  readonly active: number;
}

export function createLimiter(max: number): Limiter {
  if (!Number.isInteger(max) || max < 1)
    throw new RangeError(`concurrency must be a whole number ≥ 1, got ${max}`);
  let active = 0;
  const waiting: Array<() => void> = [];
  const release = () => {
    const next = waiting.shift();
    if (next === undefined) active--;
    else next(); // the slot passes straight to the next task
  };
  return {
    get active() {
      return active;
    },
    async run<T>(task: () => Promise<T>): Promise<T> {
      if (active < max) active++;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await task();
      } finally {
        release();
      }
    },
  };
}

/** One limiter per host, created on first use. */
export function perHostLimiters(max: number): (host: string) => Limiter {
  const limiters = new Map<string, Limiter>();
  return (host) => {
    let limiter = limiters.get(host);
    if (limiter === undefined) {
      limiter = createLimiter(max);
      limiters.set(host, limiter);
    }
    return limiter;
  };
}
