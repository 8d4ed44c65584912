/** One section of `npm run bench`: a title and Markdown lines for docs/benchmarks.md. */
export interface BenchSection {
  title: string;
  lines: string[];
  /** false when a measured figure misses its budget; the run exits 1 so a regression is seen */
  withinBudget: boolean;
}

export type Bench = () => Promise<BenchSection>;
