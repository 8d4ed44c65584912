/**
 * One signal's tallies per period slot: its population, the numerator and denominator of its
 * value, the cases that count against it, and those cases written out for the report's period
 * only (trend periods keep figures; writing their cases out would only cost time).
 */
import type { PeriodSlots } from "./slots.js";
import type { SignalCase, SignalFigure } from "./types.js";

export class Meter {
  private readonly population: Float64Array;
  private readonly numerator: Float64Array;
  private readonly denominator: Float64Array;
  private readonly hitCount: Float64Array;
  readonly cases: SignalCase[] = [];

  constructor(private readonly slots: PeriodSlots) {
    const size = slots.periods.length;
    this.population = new Float64Array(size);
    this.numerator = new Float64Array(size);
    this.denominator = new Float64Array(size);
    this.hitCount = new Float64Array(size);
  }

  /** A member of the population in `slot`, adding `num` / `den` to the value's ratio. */
  count(slot: number, num: number, den: number): void {
    this.population[slot] = (this.population[slot] as number) + 1;
    this.numerator[slot] = (this.numerator[slot] as number) + num;
    this.denominator[slot] = (this.denominator[slot] as number) + den;
  }

  /** A case counting against the measure; `write` runs only for the report's period. */
  hit(slot: number, write: () => SignalCase): void {
    this.hitCount[slot] = (this.hitCount[slot] as number) + 1;
    if (slot === this.slots.report) this.cases.push(write());
  }

  /**
   * For share signals (value: cases ÷ members): a member, which is a case when `write` is given.
   * Callers make `write` only for a case, so the members that are not cost no closure.
   */
  share(slot: number, write: (() => SignalCase) | null): void {
    this.count(slot, write === null ? 0 : 1, 1);
    if (write !== null) this.hit(slot, write);
  }

  figure(slot: number): SignalFigure {
    const den = this.denominator[slot] as number;
    return {
      label: (this.slots.periods[slot] as { label: string }).label,
      value: den > 0 ? (this.numerator[slot] as number) / den : null,
      n: this.population[slot] as number,
      hits: this.hitCount[slot] as number,
    };
  }
}
