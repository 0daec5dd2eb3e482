import type { BenchOptions, BenchResult } from './report';

/** Not built yet: needs the embedded Telegram and the bot. */
export async function runRoundTrip(_options: BenchOptions): Promise<BenchResult> {
  throw new Error('not built yet: needs the embedded Telegram and the bot');
}
