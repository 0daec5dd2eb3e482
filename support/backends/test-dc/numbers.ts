/**
 * Which test number a person gets. Telegram's test DC gives everyone the numbers 99966 X YYYY
 * (X the DC id, 1–3; the login code is X repeated five times), so everybody running a suite
 * shares the same ten thousand numbers per DC (https://core.telegram.org/api/auth#test-accounts).
 *
 * - Parallel workers of one run never share a number: worker w owns the range
 *   block + w × WORKER_SPAN, and each person slot its own run of `tries` numbers inside it.
 * - Two machines rarely collide: the block is random, drawn once per machine and kept in the
 *   cache (machine.json), so the same machine reuses its numbers (and their cached sessions).
 * - Numbers found unusable (someone's 2FA, banned, invalid) are remembered in the cache and
 *   skipped at once next time, without asking for a login code.
 */

/** Numbers of one worker's range: room for 100 people with 10 tries each. */
export const WORKER_SPAN = 1000;
/** YYYY has four digits. */
const NUMBERS_PER_DC = 10_000;

/** The machine's random start in the 10 000 numbers (multiple of 10, so runs stay tidy). */
export function randomBlock(random: () => number = Math.random): number {
  return Math.floor(random() * (NUMBERS_PER_DC / 10)) * 10;
}

/** The phone number (digits only, no "+") of YYYY `index` on DC `dc`. */
export function testNumber(dc: number, index: number): string {
  return `99966${dc}${String(((index % NUMBERS_PER_DC) + NUMBERS_PER_DC) % NUMBERS_PER_DC).padStart(4, '0')}`;
}

/** The login code of a test number: its DC digit, five times. */
export function testCode(phone: string): string {
  const dc = /^99966([1-3])\d{4}$/.exec(phone)?.[1];
  if (!dc) throw new Error(`${phone} is not a test number (99966 X YYYY, X = 1, 2 or 3)`);
  return dc.repeat(5);
}

export interface NumberChoice {
  readonly block: number;
  readonly worker: number;
  /** 1, 2, 3 … per person of the worker. */
  readonly slot: number;
  readonly dc: number;
  readonly tries: number;
}

/** The numbers person `slot` of `worker` tries, in order: `tries` of them, none shared with another slot or worker. */
export function candidateNumbers(choice: NumberChoice): string[] {
  const start = choice.block + choice.worker * WORKER_SPAN + (choice.slot - 1) * choice.tries;
  return Array.from({ length: choice.tries }, (_, i) => testNumber(choice.dc, start + i));
}
