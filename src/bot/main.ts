/**
 * Production entry point: `npm start`.
 *
 *   BOT_TOKEN=123:ABC DATABASE_URL=postgres://… [TELEGRAM_ENV=test] [BOT_API_ROOT=http://…] npm start
 *
 * Fails fast, naming every missing or wrong setting; checks the database answers and the Bot API
 * knows the token — both at once, each within a stated time (DATABASE_TIMEOUT_MS,
 * BOT_API_TIMEOUT_MS), naming the setting to fix when it does not; migrates the database; then
 * long-polls until SIGINT/SIGTERM, finishing the update in hand before it exits.
 *
 * The first SIGINT or SIGTERM always stops it: while it starts, at once (nothing has been done
 * that needs undoing); while it polls, once the update in hand is finished. A second one ends
 * it at once.
 */
import { constants } from 'node:os';
import { Bot, GrammyError } from 'grammy';
import { createBot } from './bot';
import { COMMANDS } from './commands';
import { boundedWaits, openCheckedPool } from './db/connection';
import { migrate } from './db/migrate';
import { readSettings, type Settings } from './settings';

/** The start-up was cut short by a signal. */
class Interrupted extends Error {
  constructor(readonly signal: NodeJS.Signals) {
    super(`${signal} during start-up: stopped.`);
  }
}

async function main(): Promise<void> {
  const settings = readSettings(process.env);
  const stopping = new AbortController();
  let bot: Bot | undefined; // once it polls
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping.signal.aborted) {
      console.log(`${signal} again: exiting now.`);
      process.exit(128 + (constants.signals[signal] ?? 1));
    }
    console.log(`${signal}: stopping…`);
    stopping.abort(new Interrupted(signal));
    if (bot?.isRunning()) void bot.stop();
  };
  process.on('SIGINT', onSignal).on('SIGTERM', onSignal);

  // getMe through a bare grammY bot: the Family Album needs the database, which is checked meanwhile.
  const probe = new Bot(settings.token, { client: { apiRoot: settings.apiRoot, environment: settings.environment } });
  const [database, api] = await Promise.allSettled([
    untilStopped(openCheckedPool(settings.databaseUrl, { max: 10, ...boundedWaits(settings.databaseTimeoutMs) }), stopping.signal),
    untilStopped(checkBotApi(probe, settings, stopping.signal), stopping.signal),
  ]);
  if (stopping.signal.aborted) throw stopping.signal.reason;
  const problems = [database, api].filter((result) => result.status === 'rejected').map((result) => describe((result as PromiseRejectedResult).reason));
  if (database.status === 'fulfilled' && problems.length > 0) await database.value.end().catch(() => undefined);
  if (problems.length > 0) throw new Error(problems.length === 1 ? problems[0] : `The bot cannot start:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  const db = (database as PromiseFulfilledResult<Awaited<ReturnType<typeof openCheckedPool>>>).value;

  try {
    const applied = await untilStopped(migrate(db), stopping.signal);
    if (applied.length > 0) console.log(`Database migrated: ${applied.join(', ')}`);
    // The real bot, on the database now known to answer (getMe's answer is reused).
    bot = createBot({ token: settings.token, db, apiRoot: settings.apiRoot, environment: settings.environment, botInfo: probe.botInfo }) as unknown as Bot;
    await bot.api
      .setMyCommands([...COMMANDS], undefined, grammySignal(AbortSignal.any([stopping.signal, AbortSignal.timeout(settings.botApiTimeoutMs)])))
      .catch((error: unknown) => console.warn(`Could not set the command menu: ${describe(error)}`));
    if (stopping.signal.aborted) throw stopping.signal.reason;
    await bot.start({
      onStart: (me) => console.log(`@${me.username} is running (${settings.environment === 'test' ? 'test DC' : 'production'}). Ctrl-C stops it.`),
    });
  } finally {
    await db.end();
  }
}

/**
 * Asks the Bot API who the bot is (getMe), within BOT_API_TIMEOUT_MS: grammY retries a network
 * error for ever, so an unreachable Bot API would otherwise hang start-up without a word.
 */
async function checkBotApi(bot: Bot, settings: Settings, stopping: AbortSignal): Promise<void> {
  const timeout = AbortSignal.timeout(settings.botApiTimeoutMs);
  const where = settings.apiRoot ? `The Bot API at ${settings.apiRoot} (BOT_API_ROOT)` : "Telegram's Bot API (https://api.telegram.org)";
  try {
    await bot.init(grammySignal(AbortSignal.any([stopping, timeout])));
  } catch (error) {
    if (error instanceof GrammyError && error.error_code === 401) {
      throw new Error(
        'BOT_TOKEN was rejected by Telegram (401 Unauthorized). Copy it again from @BotFather; a token from the test DC\'s @BotFather needs TELEGRAM_ENV=test, a production token must not have it.',
      );
    }
    if (timeout.aborted) {
      throw new Error(
        `${where} did not answer getMe within ${settings.botApiTimeoutMs} ms (BOT_API_TIMEOUT_MS): ` +
          (settings.apiRoot ? 'check that BOT_API_ROOT points at a running Bot API server' : "check this machine's network, or set BOT_API_ROOT to a Bot API server it can reach") +
          ', or raise BOT_API_TIMEOUT_MS.',
      );
    }
    throw error;
  }
}

/** `work`, unless a signal stops the process first: then its reason (the {@link Interrupted}). */
function untilStopped<T>(work: Promise<T>, stopping: AbortSignal): Promise<T> {
  if (stopping.aborted) return Promise.reject(stopping.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(stopping.reason);
    stopping.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => stopping.removeEventListener('abort', onAbort));
  });
}

/** grammY types its signals with the abort-controller polyfill's declarations; Node's are the same thing at run time. */
function grammySignal(signal: AbortSignal): Parameters<Bot['init']>[0] {
  return signal as unknown as Parameters<Bot['init']>[0];
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

main().catch((error: unknown) => {
  if (error instanceof Interrupted) {
    // Nothing was started that needs undoing; a database connection still being attempted would
    // otherwise keep the process for up to DATABASE_TIMEOUT_MS.
    process.exit(128 + (constants.signals[error.signal] ?? 1));
  }
  console.error(describe(error));
  process.exitCode = 1;
});
