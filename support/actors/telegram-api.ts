/**
 * GramJS's `Api` classes, loaded on first use rather than when the step definitions load.
 *
 * Why: cucumber's coordinator loads every step definition (and so the actors' tasks and
 * questions) before it starts its workers, and in a `--parallel` run it never acts as a person.
 * Loading `telegram` builds GramJS's whole TL schema (~0.55 s of CPU), on the critical path of
 * every parallel run. The workers load it in BeforeAll anyway, when they start the backend.
 */
import type { Api } from 'telegram';

let api: typeof Api | undefined;

export function telegramApi(): typeof Api {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  api ??= (require('telegram') as typeof import('telegram')).Api;
  return api;
}
