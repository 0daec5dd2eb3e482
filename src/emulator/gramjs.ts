/**
 * How any unmodified GramJS (`telegram`) script reaches the embedded Telegram.
 *
 * GramJS needs three things pointed at the emulator, and nothing else changed:
 *  1. the emulator's RSA public key in `telegram/crypto/RSA` `_serverKeys` (GramJS only does
 *     the key exchange with servers whose fingerprint it knows);
 *  2. a connection class that dials the emulator's port for each DC: `TelegramClient.connect()`
 *     ignores the session's port (it uses 80, or 443 for WSS), and after a *_MIGRATE redirect
 *     (`_switchDC`) and for exported senders (downloads from another DC) GramJS takes the host
 *     from help.getConfig's dcOptions but forces port 443. Every connection GramJS makes is
 *     given the DC id it is for (`dcId` in the constructor's options), so the class picks the
 *     port by DC id; the port never comes from the session;
 *  3. a session whose DC address is the emulator's host (`StringSession.setDC`).
 *
 * `emulatorClientOptions()` returns (2) plus a silent logger (GramJS otherwise prints a version
 * banner); `emulatorSession()` returns (3); `registerEmulatorKey()` does (1).
 *
 *     const endpoint = { host: '127.0.0.1', port, dcId: 2, rsaPublicKeyPem, dcs };   // startEmulator()'s connection()
 *     registerEmulatorKey(endpoint.rsaPublicKeyPem);
 *     const client = new TelegramClient(emulatorSession(endpoint), 12345, 'any-hash', emulatorClientOptions(endpoint));
 *     await client.connect();
 */
import { createPublicKey } from 'node:crypto';
import bigInt from 'big-integer';
import { TelegramClient } from 'telegram';
import type { TelegramClientParams } from 'telegram/client/telegramBaseClient';
import { _serverKeys } from 'telegram/crypto/RSA';
import { Logger } from 'telegram/extensions';
import { LogLevel } from 'telegram/extensions/Logger';
import { ConnectionTCPFull } from 'telegram/network/connection/TCPFull';
import { StringSession } from 'telegram/sessions';
import { ServerRsaKey } from './mtproto/rsa';

/** Where the emulator's MTProto server listens, and its public key. */
export interface EmulatorEndpoint {
  /** The DC a fresh client starts on, and its address. */
  host: string;
  port: number;
  dcId: number;
  rsaPublicKeyPem: string;
  /** Every DC's address (`startEmulator().dcs`); without it every DC id dials `port` (a lone server). */
  dcs?: ReadonlyArray<{ readonly id: number; readonly host: string; readonly port: number }>;
}

/** StringSession stores the port as a signed 16-bit integer. */
const MAX_SESSION_PORT = 32767;

/**
 * Adds the emulator's RSA public key to GramJS's known server keys (process-wide, additive:
 * Telegram's own keys stay, so the same process can also reach the real test DC).
 * Returns the key's fingerprint (signed decimal, as GramJS keys the map).
 */
export function registerEmulatorKey(rsaPublicKeyPem: string): string {
  const jwk = createPublicKey(rsaPublicKeyPem).export({ format: 'jwk' });
  if (!jwk.n || !jwk.e) throw new Error('registerEmulatorKey needs an RSA public key PEM (the emulator prints one as rsaPublicKeyPem)');
  const modulus = Buffer.from(jwk.n, 'base64url');
  const exponent = Buffer.from(jwk.e, 'base64url');
  const fingerprint = ServerRsaKey.fingerprintOf(modulus, exponent).toString();
  _serverKeys.set(fingerprint, { n: bigInt(modulus.toString('hex'), 16), e: Number(BigInt('0x' + exponent.toString('hex'))) });
  return fingerprint;
}

/**
 * A `ConnectionTCPFull` that dials the emulator's port of the DC GramJS connects to, whatever
 * port GramJS computed (80, 443, or the session's): `ports` by DC id, `fallbackPort` for a DC
 * it does not name. The host still comes from the session / help.getConfig dcOptions, which
 * the emulator fills with its own addresses.
 */
export function emulatorConnectionClass(fallbackPort: number, ports: ReadonlyMap<number, number> = new Map()): typeof ConnectionTCPFull {
  return class EmulatorConnectionTCPFull extends ConnectionTCPFull {
    constructor(params: ConstructorParameters<typeof ConnectionTCPFull>[0]) {
      super({ ...params, port: ports.get(params.dcId) ?? fallbackPort });
    }
  };
}

/** The endpoint of an emulator's connection info (`startEmulator().connection()` or `npm run emulator`'s JSON line). */
export function emulatorEndpoint(connection: { host: string; mtprotoPort: number; dcId: number; rsaPublicKeyPem: string; dcs?: EmulatorEndpoint['dcs'] }): EmulatorEndpoint {
  return { host: connection.host, port: connection.mtprotoPort, dcId: connection.dcId, rsaPublicKeyPem: connection.rsaPublicKeyPem, dcs: connection.dcs };
}

/** The port of each DC of an endpoint, by DC id. */
export function portsByDc(endpoint: EmulatorEndpoint): Map<number, number> {
  return new Map((endpoint.dcs ?? []).map((dc) => [dc.id, dc.port]));
}

/** GramJS's logger with every level off: no banner, no reconnect chatter. */
export function silentLogger(): Logger {
  return new Logger(LogLevel.NONE);
}

/**
 * A StringSession pointing at the emulator: a fresh one on the endpoint's DC, or `saved` (from
 * `session.save()`) to resume with its auth key on the DC it was saved on, with no new
 * handshake. The stored port is the emulator's when it fits in int16; otherwise 443 (ignored
 * anyway: the connection class supplies the port).
 */
export function emulatorSession(endpoint: EmulatorEndpoint, saved = ''): StringSession {
  const session = new StringSession(saved);
  if (!saved) session.setDC(endpoint.dcId, endpoint.host, endpoint.port <= MAX_SESSION_PORT ? endpoint.port : 443);
  return session;
}

/** The TelegramClient parameters that route a client to the emulator. */
export function emulatorClientOptions(endpoint: EmulatorEndpoint, overrides: TelegramClientParams = {}): TelegramClientParams {
  registerEmulatorKey(endpoint.rsaPublicKeyPem);
  return {
    connection: emulatorConnectionClass(endpoint.port, portsByDc(endpoint)),
    baseLogger: silentLogger(),
    useWSS: false,
    connectionRetries: 3,
    ...overrides,
  };
}

/** Convenience: a TelegramClient on the emulator (connect it yourself). */
export function createEmulatorClient(
  endpoint: EmulatorEndpoint,
  options: { session?: string; apiId?: number; apiHash?: string; params?: TelegramClientParams } = {},
): TelegramClient {
  return new TelegramClient(
    emulatorSession(endpoint, options.session),
    options.apiId ?? 1,
    options.apiHash ?? 'emulator',
    emulatorClientOptions(endpoint, options.params),
  );
}
