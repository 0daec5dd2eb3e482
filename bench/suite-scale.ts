import type { BenchOptions, BenchResult } from './report';

/** Not built yet: needs the acceptance suite. */
export async function runSuiteScale(_options: BenchOptions): Promise<BenchResult> {
  throw new Error('not built yet: needs the acceptance suite');
}
