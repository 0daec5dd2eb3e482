import { createServer } from 'node:net';
import { startBotApiServer } from './bot-api/server';
import { EmulatorControl } from './control/control';
import { createHandlers } from './mtproto/handlers';
import { startMtprotoServer } from './mtproto/server';
import { subscribeUpdates } from './mtproto/updates';
import { TelegramState } from './state';

export { EmulatorControl } from './control/control';
export type { BotHandle, StateSnapshot } from './control/control';
export { TelegramState } from './state';

export interface EmulatorOptions {
  /** Interface to listen on; loopback unless you mean to share it. */
  host?: string;
  /** MTProto port; by default a free one ≤ 32767, since GramJS's StringSession saves ports as int16. */
  mtprotoPort?: number;
  /** Bot API port; 0 (the default) lets the OS choose. */
  botApiPort?: number;
  /** The DC id clients are told they are on. */
  dcId?: number;
}

/** What a client or a bot needs to reach the emulator. Plain data: printable as JSON. */
export interface EmulatorConnection {
  host: string;
  mtprotoPort: number;
  dcId: number;
  rsaPublicKeyPem: string;
  botApiRoot: string;
}

export interface Emulator extends EmulatorConnection {
  readonly state: TelegramState;
  /** Test-only: bots, faults, snapshots, reset. Not reachable through either protocol. */
  readonly control: EmulatorControl;
  connection(): EmulatorConnection;
  stop(): Promise<void>;
}

/**
 * Starts the embedded Telegram in this process: an MTProto server for GramJS user clients
 * and an HTTP Bot API server for bots, over one shared state.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const dcId = options.dcId ?? 2;
  const state = new TelegramState();
  const control = new EmulatorControl(state);
  const mtproto = await listenWithRetry((port) =>
    startMtprotoServer({ host, port, dcId, state, handlers: createHandlers() }), options.mtprotoPort);
  const unsubscribe = subscribeUpdates(state, mtproto.pushUpdates, { dcId });
  const botApi = await startBotApiServer({ host, port: options.botApiPort ?? 0, state });

  const connection: EmulatorConnection = {
    host,
    mtprotoPort: mtproto.port,
    dcId,
    rsaPublicKeyPem: mtproto.rsaPublicKeyPem,
    botApiRoot: botApi.apiRoot,
  };
  return {
    ...connection,
    state,
    control,
    connection: () => ({ ...connection }),
    async stop() {
      control.stop();
      unsubscribe();
      await Promise.all([mtproto.close(), botApi.close()]);
    },
  };
}

/**
 * Starts a server on the given port, or on a random free port in 20000–32767: GramJS saves
 * the port in a StringSession as a signed 16-bit number, so the OS's ephemeral ports
 * (32768 and up) would not survive a saved session.
 */
async function listenWithRetry<T>(start: (port: number) => Promise<T>, port?: number): Promise<T> {
  if (port !== undefined) return start(port);
  for (let attempt = 0; ; attempt++) {
    const candidate = 20000 + Math.floor(Math.random() * 12768);
    if (!(await isFree(candidate))) continue;
    try {
      return await start(candidate);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || attempt > 20) throw error;
    }
  }
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}
