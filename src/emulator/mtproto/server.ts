/**
 * The MTProto server: a TCP listener that wires the layers together.
 *
 *   socket → transport (full, abridged, intermediate, padded; plain or obfuscated) → payload
 *     auth_key_id = 0  → plain message → key exchange (handshake.ts)
 *     auth_key_id ≠ 0  → session layer (decrypt, service messages) → dispatch → handler
 *
 * Nothing a client sends can take the process down: framing faults close that one
 * connection with a transport error, undecodable content gets an rpc_error or a
 * bad_msg_notification, and handler failures become rpc_errors.
 */
import { createServer, type Socket } from 'node:net';
import type { Api } from 'telegram';
import type { TelegramState } from '../state';
import { AuthKeyStore } from './auth-key';
import { decodeObject, readPlainMessage, writePlainMessage } from './codec';
import type { DcAddress } from './dcs';
import { createDispatcher } from './dispatch';
import type { HandlerRegistry } from './handler';
import { KeyExchange } from './handshake';
import { MessageIdGenerator } from './message-ids';
import { ServerRsaKey } from './rsa';
import { SessionLayer } from './session';
import { attachTransport, checkIdleTimeout, TransportError, type FrameConnection } from './transport';

export type LogLevel = 'debug' | 'warn';
export type ServerLogger = (level: LogLevel, message: string) => void;

export interface MtprotoServerOptions {
  /** Interface to listen on (default 127.0.0.1). */
  host?: string;
  /** Port; 0 lets the OS choose, but keep it ≤ 32767 if clients save a StringSession (int16). */
  port: number;
  /** The DC id clients are on, reported to handlers for help.getConfig (default 2). */
  dcId?: number;
  /**
   * Every DC of the emulator, this one included, for help.getConfig and the *_MIGRATE redirects
   * (`dcs.ts`). Read at each request, so the caller may fill it as its servers start. Absent:
   * this server is alone and answers for every DC id.
   */
  dcs?: readonly DcAddress[];
  state: TelegramState;
  handlers: HandlerRegistry;
  /** The server's RSA key; a fresh 2048-bit one by default. */
  rsaKey?: ServerRsaKey;
  /** Where protocol events go; by default warnings to stderr, debug when MTPROTO_DEBUG is set. */
  log?: ServerLogger;
  /** Close a connection that completes no frame for this long (default 120 s; 1 ms … 1 h). */
  idleTimeoutMs?: number;
}

export interface MtprotoServer {
  readonly host: string;
  readonly port: number;
  readonly dcId: number;
  /** The RSA public key as SPKI PEM, for clients (register it with `registerEmulatorKey`). */
  readonly rsaPublicKeyPem: string;
  /** Telegram's fingerprint of that key, as the signed decimal string GramJS uses. */
  readonly fingerprint: string;
  /** `{ n, e }` of that key, n as a decimal string. */
  readonly rsaPublicKey: { n: string; e: number };
  /** Auth keys made so far; survives reconnects (never persisted). */
  readonly authKeys: AuthKeyStore;
  /** How many key exchanges completed (a resumed StringSession adds none). */
  readonly handshakes: number;
  /** Sends updates to every live session signed in to the account (msg_id ≡ 3 mod 4). */
  pushUpdates(accountId: number, updates: Api.TypeUpdates): void;
  /** Stops listening and destroys every connection. */
  close(): Promise<void>;
}

export function defaultLogger(level: LogLevel, message: string): void {
  if (level === 'warn' || process.env.MTPROTO_DEBUG) process.stderr.write(`[mtproto] ${message}\n`);
}

export async function startMtprotoServer(options: MtprotoServerOptions): Promise<MtprotoServer> {
  const host = options.host ?? '127.0.0.1';
  const dcId = options.dcId ?? 2;
  const log = options.log ?? defaultLogger;
  if (options.idleTimeoutMs !== undefined) checkIdleTimeout(options.idleTimeoutMs);
  const rsaKey = options.rsaKey ?? (await ServerRsaKey.generateAsync());
  const authKeys = new AuthKeyStore();
  const sockets = new Set<Socket>();
  let handshakes = 0;
  let port = options.port;


  const dispatch = createDispatcher({
    state: options.state,
    handlers: options.handlers,
    authKeys,
    server: {
      host,
      get port() {
        return port;
      },
      dcId,
      dcs: options.dcs,
    },
    log: (message) => log('warn', message),
  });
  const sessions = new SessionLayer({ authKeys, dispatch, log: (message) => log('debug', message) });

  /** Per-connection state of the unencrypted phase. */
  const plainPhase = new WeakMap<FrameConnection, { exchange: KeyExchange; messageIds: MessageIdGenerator }>();

  function onPlainPayload(connection: FrameConnection, payload: Buffer): void {
    let phase = plainPhase.get(connection);
    if (!phase) {
      phase = {
        messageIds: new MessageIdGenerator(),
        exchange: new KeyExchange({
          rsaKey,
          onAuthKey: (authKey, details) => {
            authKeys.add(authKey, details);
            handshakes++;
          },
        }),
      };
      plainPhase.set(connection, phase);
    }
    try {
      const { body } = readPlainMessage(payload);
      const reply = phase.exchange.handle(decodeObject(body));
      connection.send(writePlainMessage(phase.messageIds.next('response'), reply.getBytes()));
    } catch (error) {
      connection.fail(TransportError.NOT_FOUND, `key exchange: ${(error as Error).message}`);
    }
  }

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    attachTransport(socket, {
      onPayload(connection, payload) {
        if (payload.length >= 8 && payload.readBigUInt64LE(0) === 0n) onPlainPayload(connection, payload);
        else sessions.receive(connection, payload);
      },
      onClose: (connection) => sessions.dropConnection(connection),
      log: (message) => log('debug', message),
    }, { idleTimeoutMs: options.idleTimeoutMs });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as { port: number }).port;
  server.on('error', (error) => log('warn', `server error: ${error.message}`));

  return {
    host,
    port,
    dcId,
    rsaPublicKeyPem: rsaKey.publicKeyPem,
    fingerprint: rsaKey.fingerprint.toString(),
    rsaPublicKey: rsaKey.publicNumbers,
    authKeys,
    get handshakes() {
      return handshakes;
    },
    pushUpdates(accountId, updates) {
      sessions.push(accountId, updates);
    },
    close() {
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        sessions.clear();
      });
    },
  };
}
