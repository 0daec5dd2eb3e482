import type { BenchOptions, BenchResult } from './report';

/** Not built yet: needs support/settle.ts and the actors. */
export async function runWaiting(_options: BenchOptions): Promise<BenchResult> {
  throw new Error('not built yet: needs support/settle.ts and the actors');
}
