import type { BenchOptions, BenchResult } from './report';

/** Not built yet: needs the embedded Telegram. */
export async function runLogin(_options: BenchOptions): Promise<BenchResult> {
  throw new Error('not built yet: needs the embedded Telegram');
}
