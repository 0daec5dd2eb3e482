import { createServer } from 'node:net';
import { startBotApiServer } from './bot-api/server';
import { BotFather } from './botfather/botfather';
import { EmulatorControl } from './control/control';
import { createHandlers } from './mtproto/handlers';
import type { DcAddress } from './mtproto/dcs';
import { ServerRsaKey } from './mtproto/rsa';
import { startMtprotoServer, type MtprotoServer } from './mtproto/server';
import { subscribeUpdates } from './mtproto/updates';
import { DEFAULT_DC, TEST_DC_IDS, TelegramState } from './state';

export { EmulatorControl } from './control/control';
export type { BotHandle, StateSnapshot } from './control/control';
export { TelegramState } from './state';
export type { DcAddress } from './mtproto/dcs';

export interface EmulatorOptions {
  /** Interface to listen on; loopback unless you mean to share it. */
  host?: string;
  /** MTProto port of the default DC (`dcId`); by default a free one ≤ 32767, since GramJS's StringSession saves ports as int16. */
  mtprotoPort?: number;
  /** MTProto ports by DC id (1, 2, 3); a DC not named gets a free port (or `mtprotoPort` for the default DC). */
  mtprotoPorts?: Readonly<Partial<Record<number, number>>>;
  /** Bot API port; 0 (the default) lets the OS choose. */
  botApiPort?: number;
  /** The DC a client starts on when it knows no better (default 2): `mtprotoPort` and `dcId` of the connection name it. */
  dcId?: number;
  /** The servers' RSA key (one for every DC, as Telegram has); a fresh 2048-bit one by default. */
  rsaKey?: ServerRsaKey;
  /** MTProto connections that complete no frame for this long are closed (default 120 s; 1 ms … 1 h). */
  mtprotoIdleTimeoutMs?: number;
  /** A Bot API request not fully received this long after it began is answered 408 and closed (default 60 s; 1 ms … 1 h). */
  httpRequestTimeoutMs?: number;
  /**
   * Bytes of stored files that no message holds any more but a bot was given a file_id for:
   * past it, the least recently released go first (default 64 MB; see `state/media-store.ts`).
   * Files a message holds are never evicted.
   */
  mediaBudgetBytes?: number;
  /** Upload parts no send used are forgotten after this long without a new part (default 10 min). */
  uploadPartsTtlMs?: number;
  /** The clock upload parts expire by (ms since the epoch); tests pass their own to age them without waiting. */
  now?: () => number;
}

/** What a client or a bot needs to reach the emulator. Plain data: printable as JSON. */
export interface EmulatorConnection {
  host: string;
  /** The default DC's MTProto port (`dcs` has every DC's). */
  mtprotoPort: number;
  /** The default DC: where a client starts; a number of another DC is redirected from there. */
  dcId: number;
  /** Every DC: id, host and port. A GramJS connection class must pick the port by DC id (`gramjs.ts`). */
  dcs: DcAddress[];
  /** The servers' RSA public key as SPKI PEM (`BEGIN PUBLIC KEY`). */
  rsaPublicKeyPem: string;
  /** The same key as PKCS#1 PEM (`BEGIN RSA PUBLIC KEY`), as Telegram publishes its keys. */
  rsaPublicKeyPkcs1Pem: string;
  /** Its fingerprint (Telegram's: lower 64 bits of sha1 of n and e), unsigned hex. */
  rsaFingerprint: string;
  botApiRoot: string;
}

export interface Emulator extends EmulatorConnection {
  readonly state: TelegramState;
  /** Test-only: bots, faults, snapshots, reset. Not reachable through either protocol. */
  readonly control: EmulatorControl;
  /** The MTProto server of each DC, by DC id. */
  readonly servers: ReadonlyMap<number, MtprotoServer>;
  connection(): EmulatorConnection;
  stop(): Promise<void>;
}

/**
 * Starts the embedded Telegram in this process: the test DC's three DCs (1, 2, 3), each an
 * MTProto server on its own port, and an HTTP Bot API server for bots, all over one shared
 * state. An account lives on one DC (99966XYYYY on DC X) and is redirected there from the
 * others, as on Telegram (`mtproto/dcs.ts`). @BotFather is there to make bots by conversation
 * (`botfather/`).
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const host = options.host ?? '127.0.0.1';
  const dcId = options.dcId ?? DEFAULT_DC;
  const state = new TelegramState({ mediaBudgetBytes: options.mediaBudgetBytes, uploadPartsTtlMs: options.uploadPartsTtlMs, now: options.now });
  // Abandoned uploads are forgotten even when no one uploads anything more.
  const uploadSweep = setInterval(() => state.sweepUploads(), Math.min(60_000, options.uploadPartsTtlMs ?? 60_000));
  uploadSweep.unref();
  const control = new EmulatorControl(state);
  const rsaKey = options.rsaKey ?? (await ServerRsaKey.generateAsync());
  const handlers = createHandlers();
  // Filled as the servers start; each server reads it at every request.
  const dcs: DcAddress[] = [];
  const portOf = (id: number) => options.mtprotoPorts?.[id] ?? (id === dcId ? options.mtprotoPort : undefined);
  const started = await Promise.all(TEST_DC_IDS.map((id) =>
    listenWithRetry((port) => startMtprotoServer({ host, port, dcId: id, dcs, state, handlers, rsaKey, idleTimeoutMs: options.mtprotoIdleTimeoutMs }), portOf(id))));
  const servers = new Map(started.map((server) => [server.dcId, server]));
  dcs.push(...started.map((server) => ({ id: server.dcId, host, port: server.port })));
  const home = servers.get(dcId);
  if (!home) throw new Error(`dcId ${dcId} is not one of the emulator's DCs (${TEST_DC_IDS.join(', ')})`);

  // Updates reach an account's sessions on its home DC, where its client is signed in.
  const unsubscribe = subscribeUpdates(state, (accountId, updates) =>
    (servers.get(state.findAccount(accountId)?.homeDc ?? dcId) ?? home).pushUpdates(accountId, updates));
  const botApi = await startBotApiServer({ host, port: options.botApiPort ?? 0, state, requestTimeoutMs: options.httpRequestTimeoutMs });
  const botFather = new BotFather(state);
  botFather.start();

  const connection: EmulatorConnection = {
    host,
    mtprotoPort: home.port,
    dcId,
    dcs: dcs.map((dc) => ({ ...dc })),
    rsaPublicKeyPem: rsaKey.publicKeyPem,
    rsaPublicKeyPkcs1Pem: rsaKey.publicKeyPkcs1Pem,
    rsaFingerprint: BigInt.asUintN(64, rsaKey.fingerprint).toString(16).padStart(16, '0'),
    botApiRoot: botApi.apiRoot,
  };
  return {
    ...connection,
    state,
    control,
    servers,
    connection: () => ({ ...connection, dcs: connection.dcs.map((dc) => ({ ...dc })) }),
    async stop() {
      clearInterval(uploadSweep);
      control.stop();
      botFather.stop();
      unsubscribe();
      await Promise.all([...started.map((server) => server.close()), botApi.close()]);
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
