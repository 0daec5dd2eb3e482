/**
 * `npm run emulator`: the embedded Telegram as a standalone server on 127.0.0.1.
 *
 * Prints one JSON line with everything a GramJS script or a bot needs (every DC's address, the
 * default DC and its port, the RSA public key, the Bot API root, a bot's username and token),
 * then serves until SIGINT/SIGTERM.
 *
 * Settings (environment): EMULATOR_HOST, EMULATOR_MTPROTO_PORT (the default DC 2's port),
 * EMULATOR_DC1_PORT / EMULATOR_DC2_PORT / EMULATOR_DC3_PORT, EMULATOR_BOT_API_PORT,
 * EMULATOR_BOT_USERNAME (default family_album_bot), EMULATOR_MTPROTO_IDLE_TIMEOUT_S (default 120:
 * an MTProto connection that completes no frame for that long is closed; 0.001 … 3600),
 * EMULATOR_HTTP_TIMEOUT_S (default 60: a Bot API request whose headers and body have not all
 * arrived that long after it began is answered 408 and closed; kept-alive connections idle
 * between requests close after it too; 0.001 … 3600), EMULATOR_MEDIA_BUDGET_MB (default 64:
 * the megabytes of files no message holds kept for bots' file_ids; 0 or more),
 * EMULATOR_UPLOAD_PARTS_TTL_S (default 600: upload parts no send used are forgotten after that
 * long without a new part; 0.001 … 86400),
 * EMULATOR_RSA_KEY (a 2048-bit RSA private key PEM, inline or a file path: the servers keep that
 * key, so clients keep their registered public key across restarts; default a fresh key).
 */
import { startEmulator } from './index';
import { applyFaultSettings, readFaultSettings } from './settings';
import { ServerRsaKey } from './mtproto/rsa';

function portSetting(name: string, max = 65535): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > max) {
    throw new Error(`${name}=${raw} is not a port: use a number from 1 to ${max} (or leave it unset for a free one).`);
  }
  return port;
}

/** MTProto ports stay ≤ 32767: GramJS's StringSession stores the port as a signed 16-bit number. */
const MAX_MTPROTO_PORT = 32767;

/** A timeout in seconds from 0.001 to `maxSeconds`, as milliseconds; undefined when unset. */
function timeoutSetting(name: string, defaultSeconds: number, maxSeconds = 3600): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0.001 || seconds > maxSeconds) {
    throw new Error(`${name}=${raw} is not a timeout: use seconds from 0.001 to ${maxSeconds} (or leave it unset for ${defaultSeconds})`);
  }
  return seconds * 1000;
}

/** A size in megabytes (0 or more, fractions allowed), as bytes; undefined when unset. */
function megabytesSetting(name: string, defaultMegabytes: number): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return undefined;
  const megabytes = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(megabytes) || megabytes < 0) {
    throw new Error(`${name}=${raw} is not a size: use megabytes, 0 or more (or leave it unset for ${defaultMegabytes})`);
  }
  return Math.round(megabytes * 1024 * 1024);
}

async function main(): Promise<void> {
  const faults = readFaultSettings();
  const emulator = await startEmulator({
    host: process.env.EMULATOR_HOST || '127.0.0.1',
    mtprotoPort: portSetting('EMULATOR_MTPROTO_PORT', MAX_MTPROTO_PORT),
    mtprotoPorts: {
      1: portSetting('EMULATOR_DC1_PORT', MAX_MTPROTO_PORT),
      2: portSetting('EMULATOR_DC2_PORT', MAX_MTPROTO_PORT),
      3: portSetting('EMULATOR_DC3_PORT', MAX_MTPROTO_PORT),
    },
    botApiPort: portSetting('EMULATOR_BOT_API_PORT'),
    mtprotoIdleTimeoutMs: timeoutSetting('EMULATOR_MTPROTO_IDLE_TIMEOUT_S', 120),
    httpRequestTimeoutMs: timeoutSetting('EMULATOR_HTTP_TIMEOUT_S', 60),
    mediaBudgetBytes: megabytesSetting('EMULATOR_MEDIA_BUDGET_MB', 64),
    uploadPartsTtlMs: timeoutSetting('EMULATOR_UPLOAD_PARTS_TTL_S', 600, 86_400),
    rsaKey: process.env.EMULATOR_RSA_KEY ? ServerRsaKey.fromSetting('EMULATOR_RSA_KEY', process.env.EMULATOR_RSA_KEY) : undefined,
  });
  applyFaultSettings(emulator.control, faults);
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
