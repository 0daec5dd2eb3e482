/**
 * `npm run emulator`: the embedded Telegram as a standalone server on 127.0.0.1.
 *
 * Prints one JSON line with everything a GramJS script or a bot needs (ports, DC id, the RSA
 * public key, the Bot API root, a bot's username and token), then serves until SIGINT/SIGTERM.
 *
 * Settings (environment): EMULATOR_HOST, EMULATOR_MTPROTO_PORT, EMULATOR_BOT_API_PORT,
 * EMULATOR_BOT_USERNAME (default family_album_bot).
 */
import { startEmulator } from './index';

function portSetting(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`${name}=${raw} is not a port: use a number from 1 to 65535 (or leave it unset for a free one).`);
  }
  return port;
}

async function main(): Promise<void> {
  const emulator = await startEmulator({
    host: process.env.EMULATOR_HOST || '127.0.0.1',
    mtprotoPort: portSetting('EMULATOR_MTPROTO_PORT'),
    botApiPort: portSetting('EMULATOR_BOT_API_PORT'),
  });
  const bot = emulator.control.createBot({ username: process.env.EMULATOR_BOT_USERNAME || 'family_album_bot' });
  process.stdout.write(`${JSON.stringify({ ...emulator.connection(), bot: { username: bot.username, token: bot.token } })}\n`);

  const stop = (signal: string) => {
    process.stderr.write(`embedded Telegram: ${signal}, stopping\n`);
    emulator.stop().then(() => process.exit(0), (error) => {
      process.stderr.write(`embedded Telegram: failed to stop cleanly: ${error}\n`);
      process.exit(1);
    });
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: Error) => {
  const hint = (error as NodeJS.ErrnoException).code === 'EADDRINUSE' ? ' The port is in use: choose another or leave it unset.' : '';
  process.stderr.write(`embedded Telegram failed to start: ${error.message}.${hint}\n`);
  process.exit(1);
});
