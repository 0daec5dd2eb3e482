/**
 * Production entry point: `npm start`.
 *
 *   BOT_TOKEN=123:ABC DATABASE_URL=postgres://… [TELEGRAM_ENV=test] [BOT_API_ROOT=http://…] npm start
 *
 * Fails fast, naming every missing or wrong setting; checks the database answers; migrates it;
 * then long-polls until SIGINT/SIGTERM, finishing the update in hand before it exits.
 */
import { GrammyError } from 'grammy';
import { createBot } from './bot';
import { COMMANDS } from './commands';
import { openCheckedPool } from './db/connection';
import { migrate } from './db/migrate';
import { readSettings } from './settings';

async function main(): Promise<void> {
  const settings = readSettings(process.env);
  const db = await openCheckedPool(settings.databaseUrl, { max: 10 });
  try {
    const applied = await migrate(db);
    if (applied.length > 0) console.log(`Database migrated: ${applied.join(', ')}`);

    const bot = createBot({ token: settings.token, db, apiRoot: settings.apiRoot, environment: settings.environment });
    const stop = () => {
      console.log('Stopping…');
      void bot.stop();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);

    try {
      await bot.init();
    } catch (error) {
      if (error instanceof GrammyError && error.error_code === 401) {
        throw new Error(
          `BOT_TOKEN was rejected by Telegram (401 Unauthorized). Copy it again from @BotFather; a token from the test DC's @BotFather needs TELEGRAM_ENV=test, a production token must not have it.`,
        );
      }
      throw error;
    }
    await bot.api
      .setMyCommands([...COMMANDS])
      .catch((error: unknown) => console.warn(`Could not set the command menu: ${String(error)}`));
    await bot.start({
      onStart: (me) => console.log(`@${me.username} is running (${settings.environment === 'test' ? 'test DC' : 'production'}). Ctrl-C stops it.`),
    });
  } finally {
    await db.end();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
