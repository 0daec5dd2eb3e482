/**
 * How GramJS reaches the test servers, the way GramJS users do it
 * (https://gram.js.org/ "Connecting to test servers"; my.telegram.org's test configuration):
 * a StringSession set to DC 2's test address, then GramJS's own PHONE_/USER_/FILE_MIGRATE
 * handling moves to the number's DC (TelegramClient.sendCode and invoke call `_switchDC`,
 * downloads borrow an exported sender with auth.exportAuthorization / importAuthorization).
 *
 * One thing is added: a connection class that dials the address of the DC it is for, from
 * the DC id GramJS gives every connection. GramJS otherwise takes a migrated DC's host from
 * help.getConfig and forces port 443 (TelegramClient.getDC), and ports 80/443 for the first
 * connection (TelegramClient.connect), which would leave a twin or a proxy on other ports
 * unreachable after the first redirect. On Telegram's own servers it dials the same addresses.
 */
import { createPublicKey } from 'node:crypto';
import bigInt from 'big-integer';
import { TelegramClient } from 'telegram';
import { _serverKeys } from 'telegram/crypto/RSA';
import { Logger } from 'telegram/extensions';
import { LogLevel } from 'telegram/extensions/Logger';
import { ConnectionTCPFull } from 'telegram/network/connection/TCPFull';
import { StringSession } from 'telegram/sessions';
import { ServerRsaKey } from '../../../src/emulator/mtproto/rsa';
import type { DcAddress } from './addresses';

/** The test configuration's first DC (my.telegram.org: "149.154.167.40:443, DC 2"). */
export const FIRST_DC = 2;

/** A TCP Full connection that dials `addresses` by DC id (the DC GramJS connects to). */
export function addressedConnectionClass(addresses: readonly DcAddress[]): typeof ConnectionTCPFull {
  const byId = new Map(addresses.map((dc) => [dc.id, dc]));
  return class TestDcConnection extends ConnectionTCPFull {
    constructor(params: ConstructorParameters<typeof ConnectionTCPFull>[0]) {
      const dc = byId.get(Math.abs(params.dcId));
      super(dc ? { ...params, ip: dc.host, port: dc.port } : params);
    }
  };
}

/**
 * Makes GramJS accept the servers' RSA key (a twin's, or a proxy's), beside its built-in
 * keys of Telegram's servers. GramJS only completes the key exchange with keys it knows.
 */
export function trustServerKey(rsaPublicKeyPem: string): void {
  const jwk = createPublicKey(rsaPublicKeyPem).export({ format: 'jwk' });
  if (!jwk.n || !jwk.e) throw new Error('TEST_DC_RSA_KEY is not an RSA public key');
  const modulus = Buffer.from(jwk.n, 'base64url');
  const exponent = Buffer.from(jwk.e, 'base64url');
  const fingerprint = ServerRsaKey.fingerprintOf(modulus, exponent).toString();
  _serverKeys.set(fingerprint, { n: bigInt(modulus.toString('hex'), 16), e: Number(BigInt(`0x${exponent.toString('hex')}`)) });
}

/** A client on the test servers: a saved session, or a fresh one on DC 2. Connect it yourself. */
export function createTestDcClient(options: { addresses: readonly DcAddress[]; apiId: number; apiHash: string; session?: string }): TelegramClient {
  const session = new StringSession(options.session ?? '');
  if (!options.session) {
    const first = options.addresses.find((dc) => dc.id === FIRST_DC)!;
    // StringSession keeps the port as int16; the connection class dials the real one anyway.
    session.setDC(FIRST_DC, first.host, first.port <= 32767 ? first.port : 443);
  }
  return new TelegramClient(session, options.apiId, options.apiHash, {
    connection: addressedConnectionClass(options.addresses),
    testServers: true,
    useWSS: false,
    connectionRetries: 3,
    // GramJS sleeps through FLOOD_WAIT below this silently; ours (flood-wait.ts) shows a countdown and knows a limit.
    floodSleepThreshold: 0,
    baseLogger: new Logger(LogLevel.NONE),
  });
}
