import { test } from 'node:test';
import assert from 'node:assert/strict';
import { constants, createHash, publicEncrypt, randomBytes } from 'node:crypto';
import { Api } from 'telegram';
import { doAuthentication } from 'telegram/network/Authenticator';
import { BinaryReader, Logger } from 'telegram/extensions';
import { LogLevel } from 'telegram/extensions/Logger';
import { _serverKeys } from 'telegram/crypto/RSA';
import { returnBigInt } from 'telegram/Helpers';
import bigInt from 'big-integer';
import { AuthKey, AuthKeyStore } from '../../../src/emulator/mtproto/auth-key';
import { dhPublicKey, dhSharedSecret, HandshakeError, KeyExchange } from '../../../src/emulator/mtproto/handshake';
import { ServerRsaKey } from '../../../src/emulator/mtproto/rsa';

// Required, not imported: the test swaps a function on the module object GramJS itself calls.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const helpers = require('telegram/Helpers') as typeof import('telegram/Helpers');

const rsaKey = ServerRsaKey.generate();
_serverKeys.set(rsaKey.fingerprint.toString(), { n: bigInt(rsaKey.publicNumbers.n), e: rsaKey.publicNumbers.e });

/** GramJS's own Authenticator, talking to our KeyExchange through TL bytes (no sockets). */
function plainSenderFor(exchange: KeyExchange) {
  return {
    async send(request: any) {
      const decoded = new BinaryReader(request.getBytes()).tgReadObject();
      const reply = exchange.handle(decoded);
      return new BinaryReader(reply.getBytes()).tgReadObject();
    },
  };
}

test('GramJS completes the key exchange and both sides hold the same key', async () => {
  const store = new AuthKeyStore();
  const exchange = new KeyExchange({ rsaKey, onAuthKey: (key) => store.add(key) });
  const { authKey } = await doAuthentication(plainSenderFor(exchange) as any, new Logger(LogLevel.NONE));
  assert.equal(store.size, 1);
  const stored = store.find(helpers.readBufferFromBigInt(authKey.keyId!, 8, true, true));
  assert.ok(stored, 'the server knows the client key id');
  assert.deepEqual(stored.authKey.key, authKey.getKey());
});

test('a DH result with a leading zero byte gives the 255-byte key GramJS derives', async () => {
  // Fix the server's private value, then pick the client's b so that g^ab has a zero first byte.
  const serverPrivate = randomBytes(256);
  const gA = dhPublicKey(serverPrivate);
  let clientB: Buffer;
  for (;;) {
    clientB = randomBytes(256);
    const secret = dhSharedSecret(clientB, gA);
    if (secret.length === 256 && secret[0] === 0 && secret[1] !== 0) break;
  }
  const original = helpers.generateRandomBytes;
  (helpers as any).generateRandomBytes = (count: number) => (count === 256 ? clientB : original(count));
  try {
    const store = new AuthKeyStore();
    const exchange = new KeyExchange({ rsaKey, onAuthKey: (key) => store.add(key), dhPrivateKey: () => serverPrivate });
    const { authKey } = await doAuthentication(plainSenderFor(exchange) as any, new Logger(LogLevel.NONE));
    assert.equal(authKey.getKey()!.length, 255, 'GramJS drops the leading zero byte');
    const stored = store.find(helpers.readBufferFromBigInt(authKey.keyId!, 8, true, true));
    assert.ok(stored, 'the server derived the same 255-byte key and key id');
    assert.equal(stored.authKey.key.length, 255);
  } finally {
    (helpers as any).generateRandomBytes = original;
  }
});

test('AuthKey.fromDhResult strips leading zeros like GramJS getByteArray', () => {
  const secret = Buffer.concat([Buffer.alloc(2), randomBytes(254)]);
  secret[2] |= 1;
  const key = AuthKey.fromDhResult(secret);
  assert.equal(key.key.length, 254);
  assert.deepEqual(key.key, helpers.getByteArray(bigInt(secret.toString('hex'), 16)));
});

test('steps out of order or with foreign nonces are refused', () => {
  const exchange = new KeyExchange({ rsaKey, onAuthKey: () => undefined });
  const nonce = bigInt(123456789);
  assert.throws(
    () => exchange.handle(new Api.SetClientDHParams({ nonce, serverNonce: nonce, encryptedData: Buffer.alloc(32) })),
    HandshakeError,
  );
  exchange.handle(new Api.ReqPqMulti({ nonce }));
  assert.throws(
    () => exchange.handle(new Api.ReqDHParams({ nonce: bigInt(1), serverNonce: nonce, p: Buffer.alloc(4), q: Buffer.alloc(4), publicKeyFingerprint: bigInt(1), encryptedData: Buffer.alloc(256) })),
    /nonce/,
  );
});

/**
 * The older encryption of p_q_inner_data as the spec gives it (core.telegram.org/mtproto/auth_key,
 * before RSA_PAD): RSA(sha1(data) + data + random padding to 255 bytes), built with node:crypto.
 */
function olderRsaEncryption(data: Buffer): Buffer {
  const plain = Buffer.concat([createHash('sha1').update(data).digest(), data, randomBytes(255 - 20 - data.length)]);
  return publicEncrypt({ key: rsaKey.publicKeyPem, padding: constants.RSA_NO_PADDING }, Buffer.concat([Buffer.alloc(1), plain]));
}

test('the older sha1 + data + padding encryption is read too, also written without its leading zero bytes', () => {
  for (const stripLeadingZero of [false, true]) {
    const exchange = new KeyExchange({ rsaKey, onAuthKey: () => undefined });
    const nonce = bigInt.randBetween(1, bigInt(2).pow(127));
    const resPq = exchange.handle(new Api.ReqPqMulti({ nonce })) as Api.ResPQ;
    const pq = BigInt('0x' + resPq.pq.toString('hex'));
    let p = 2n;
    while (pq % p !== 0n) p++;
    const bytes = (value: bigint) => Buffer.from(value.toString(16).padStart(8, '0'), 'hex');
    const newNonce = bigInt.randBetween(1, bigInt(2).pow(255));
    const inner = new Api.PQInnerDataDc({ pq: resPq.pq, p: bytes(p), q: bytes(pq / p), nonce, serverNonce: resPq.serverNonce, newNonce, dc: 2 }).getBytes();
    // A number below the modulus written without leading zeros (as mtcute does) is shorter: find one that is.
    let encrypted = olderRsaEncryption(inner);
    while (stripLeadingZero && encrypted[0] !== 0) encrypted = olderRsaEncryption(inner);
    if (stripLeadingZero) encrypted = encrypted.subarray(1);
    const answer = exchange.handle(new Api.ReqDHParams({ nonce, serverNonce: resPq.serverNonce, p: bytes(p), q: bytes(pq / p), publicKeyFingerprint: returnBigInt(rsaKey.fingerprint), encryptedData: encrypted }));
    assert.ok(answer instanceof Api.ServerDHParamsOk, `the server answers server_DH_params_ok (${stripLeadingZero ? '255' : '256'} bytes)`);
  }
});
