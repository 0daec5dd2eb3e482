/**
 * The unauthenticated key exchange that creates an auth key (core.telegram.org/mtproto/auth_key).
 *
 *   req_pq_multi / req_pq      → resPQ            (nonce, server_nonce, pq, our RSA fingerprint)
 *   req_DH_params              → server_DH_params_ok (RSA_PAD-encrypted p_q_inner_data in;
 *                                                  AES-IGE-encrypted server_DH_inner_data out)
 *   set_client_DH_params       → dh_gen_ok        (client's g_b in; auth key = g_b^a mod p)
 *
 * One {@link KeyExchange} per connection holds the state between the three steps. It works
 * on decoded TL objects; the session layer wraps them in plain messages.
 */
import { createHash, randomBytes, checkPrimeSync, randomInt } from 'node:crypto';
import { DhGroup } from './dh';
import { Api } from 'telegram';
import { BinaryReader } from 'telegram/extensions';
import { readBigIntFromBuffer, returnBigInt, toSignedLittleBuffer } from 'telegram/Helpers';
import { aesIgeDecrypt, aesIgeEncrypt } from './aes-ige';
import { AuthKey, type InnerDataEncryption, type NewKeyDetails } from './auth-key';
import type { ServerRsaKey } from './rsa';
import { unixNow } from '../state/clock';

/**
 * Telegram's published 2048-bit safe prime (the dh_prime every official server sends). With
 * g = 3 it satisfies the spec's check (p mod 3 = 2), so careful clients accept it too.
 */
export const DH_PRIME = Buffer.from(
  'c71caeb9c6b1c9048e6c522f70f13f73980d40238e3e21c14934d037563d930f48198a0aa7c14058229493d22530f4db' +
    'fa336f6e0ac925139543aed44cce7c3720fd51f69458705ac68cd4fe6b6b13abdc9746512969328454f18faf8c595f64' +
    '2477fe96bb2a941d5bcd1d4ac8cc49880708fa9b378e3c4f3a9060bee67cf9a4a4a695811051907e162753b56b0f6b41' +
    '0dba74d8a84b2a14b3144e0ef1284754fd17ed950d5965b4b9dd46582db1178d169c6bc465b0d6ff9ca3928fef5b9ae4' +
    'e418fc15e83ebea0f87fa9ff5eed70050ded2849f47bf959d956850ce929851f0d8115f635b105ee2e4e15d04b2454bf' +
    '6f4fadf034b10403119cd8e3b92fcc5b',
  'hex',
);
export const DH_G = 3;

const group = new DhGroup(DH_PRIME, DH_G);

/** `g^a mod p`, big-endian, 256 bytes. */
export function dhPublicKey(privateKey: Buffer): Buffer {
  return group.publicKey(privateKey);
}

/** `peer^a mod p`, big-endian, zero-padded to 256 bytes. */
export function dhSharedSecret(privateKey: Buffer, peerPublicKey: Buffer): Buffer {
  return group.sharedSecret(privateKey, peerPublicKey);
}

/** The key exchange failed; the connection is closed with a transport error. */
export class HandshakeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HandshakeError';
  }
}

export interface KeyExchangeOptions {
  rsaKey: ServerRsaKey;
  /** Called with the new key once dh_gen_ok is sent; the store keeps it (with its first salt, and expiry if temporary). */
  onAuthKey(authKey: AuthKey, details: NewKeyDetails): void;
  /** The server's DH private value `a` (random by default); tests fix it to build edge cases. */
  dhPrivateKey?: () => Buffer;
  now?: () => number;
}

function sha1(...parts: Buffer[]): Buffer {
  return createHash('sha1').update(Buffer.concat(parts)).digest();
}

function sha256(...parts: Buffer[]): Buffer {
  return createHash('sha256').update(Buffer.concat(parts)).digest();
}

/**
 * pq is the product of two primes the client must factor (a proof of work on real Telegram).
 * Telegram uses ~31-bit primes; GramJS then spends ~50 ms factoring. The emulator is not
 * defending against floods, so it uses ~17-bit primes: same protocol, ~1 ms for the client.
 */
function randomPrime(): number {
  for (;;) {
    const candidate = randomInt(1 << 16, 1 << 17) | 1;
    if (checkPrimeSync(BigInt(candidate))) return candidate;
  }
}

function bigEndian(value: bigint): Buffer {
  let hex = value.toString(16);
  if (hex.length % 2) hex = '0' + hex;
  return Buffer.from(hex, 'hex');
}

function toBigint(bytes: Buffer): bigint {
  return bytes.length ? BigInt('0x' + bytes.toString('hex')) : 0n;
}

/** int128/int256 fields as GramJS represents them (signed little-endian big-integers). */
function tlInt(bytes: Buffer) {
  return readBigIntFromBuffer(bytes, true, true);
}

function sameInt(a: unknown, b: unknown): boolean {
  return String(a) === String(b);
}

export class KeyExchange {
  private nonce?: string;
  private serverNonceBytes?: Buffer;
  private p = 0;
  private q = 0;
  private newNonceBytes?: Buffer;
  private tmpAesKey?: Buffer;
  private tmpAesIv?: Buffer;
  private dhPrivate?: Buffer;
  /** expires_in of a p_q_inner_data_temp*: the key being made is temporary. */
  private expiresIn?: number;
  /** How the client RSA-encrypted its p_q_inner_data. */
  private innerDataEncryption?: InnerDataEncryption;
  /** True once a key was made on this connection (it may start another exchange). */
  completed = false;

  constructor(private readonly options: KeyExchangeOptions) {}

  /** Answers one step of the exchange; throws {@link HandshakeError} on anything invalid. */
  handle(request: any): any {
    if (request instanceof Api.ReqPqMulti || request instanceof Api.ReqPq) return this.resPQ(request);
    if (request instanceof Api.ReqDHParams) return this.serverDhParams(request);
    if (request instanceof Api.SetClientDHParams) return this.dhGen(request);
    throw new HandshakeError(`${request?.className ?? 'an unknown object'} is not a key exchange step`);
  }

  private resPQ(request: Api.ReqPqMulti | Api.ReqPq): Api.ResPQ {
    this.nonce = String(request.nonce);
    this.serverNonceBytes = randomBytes(16);
    this.p = randomPrime();
    do this.q = randomPrime();
    while (this.q === this.p);
    if (this.p > this.q) [this.p, this.q] = [this.q, this.p];
    return new Api.ResPQ({
      nonce: request.nonce,
      serverNonce: tlInt(this.serverNonceBytes),
      pq: bigEndian(BigInt(this.p) * BigInt(this.q)),
      serverPublicKeyFingerprints: [returnBigInt(this.options.rsaKey.fingerprint)],
    });
  }

  private checkNonces(request: { nonce: unknown; serverNonce: unknown }): void {
    if (!this.nonce || !this.serverNonceBytes) throw new HandshakeError(`${(request as any).className} before req_pq`);
    if (!sameInt(request.nonce, this.nonce)) throw new HandshakeError('nonce does not match req_pq');
    if (!sameInt(request.serverNonce, tlInt(this.serverNonceBytes))) throw new HandshakeError('server_nonce does not match resPQ');
  }

  private serverDhParams(request: Api.ReqDHParams): Api.ServerDHParamsOk {
    this.checkNonces(request);
    if (toBigint(request.p) !== BigInt(this.p) || toBigint(request.q) !== BigInt(this.q)) throw new HandshakeError('p and q are not the factors of pq');
    if (BigInt(String(request.publicKeyFingerprint)) !== this.options.rsaKey.fingerprint) throw new HandshakeError('unknown RSA key fingerprint');

    const { inner, encryption } = this.decryptInnerData(request.encryptedData);
    this.innerDataEncryption = encryption;
    if (!(inner instanceof Api.PQInnerData || inner instanceof Api.PQInnerDataDc || inner instanceof Api.PQInnerDataTemp || inner instanceof Api.PQInnerDataTempDc)) {
      throw new HandshakeError(`encrypted_data holds ${inner?.className}, not p_q_inner_data`);
    }
    this.checkNonces(inner);
    if (toBigint(inner.pq) !== BigInt(this.p) * BigInt(this.q)) throw new HandshakeError('p_q_inner_data has another pq');
    this.newNonceBytes = toSignedLittleBuffer(inner.newNonce, 32);
    this.expiresIn = inner instanceof Api.PQInnerDataTemp || inner instanceof Api.PQInnerDataTempDc ? inner.expiresIn : undefined;

    const serverNonce = this.serverNonceBytes!;
    const newNonce = this.newNonceBytes;
    this.tmpAesKey = Buffer.concat([sha1(newNonce, serverNonce), sha1(serverNonce, newNonce).subarray(0, 12)]);
    this.tmpAesIv = Buffer.concat([sha1(serverNonce, newNonce).subarray(12, 20), sha1(newNonce, newNonce), newNonce.subarray(0, 4)]);

    this.dhPrivate = this.options.dhPrivateKey?.() ?? randomBytes(256);
    const gA = dhPublicKey(this.dhPrivate);
    const answer = new Api.ServerDHInnerData({
      nonce: inner.nonce,
      serverNonce: inner.serverNonce,
      g: DH_G,
      dhPrime: DH_PRIME,
      gA,
      serverTime: unixNow(this.options.now?.()),
    }).getBytes();
    const withHash = Buffer.concat([sha1(answer), answer]);
    const padded = Buffer.concat([withHash, randomBytes((16 - (withHash.length % 16)) % 16)]);
    return new Api.ServerDHParamsOk({
      nonce: inner.nonce,
      serverNonce: inner.serverNonce,
      encryptedAnswer: aesIgeEncrypt(padded, this.tmpAesKey, this.tmpAesIv),
    });
  }

  /**
   * Both encryptions Telegram accepts for p_q_inner_data (core.telegram.org/mtproto/auth_key,
   * "Presenting proof of work; Server authentication"): RSA_PAD, and the older
   * `RSA(sha1(data) + data + random padding)` that clients such as mtcute still use with keys they
   * mark old. RSA_PAD is tried first; its hash check tells them apart.
   */
  private decryptInnerData(encrypted: Buffer): { inner: any; encryption: InnerDataEncryption } {
    // encrypted_data is a number below the modulus: a client that writes it without leading
    // zero bytes (mtcute's older scheme, 1 time in 256) sends fewer than 256 bytes.
    if (encrypted.length === 0 || encrypted.length > 256) throw new HandshakeError(`encrypted_data is ${encrypted.length} bytes; an RSA-2048 block is 1 to 256`);
    const whole = encrypted.length === 256 ? encrypted : Buffer.concat([Buffer.alloc(256 - encrypted.length), encrypted]);
    let decrypted: Buffer;
    try {
      decrypted = this.options.rsaKey.decryptRaw(whole);
    } catch (error) {
      throw new HandshakeError(`RSA decryption failed: ${(error as Error).message}`);
    }
    const padded = this.decryptRsaPad(decrypted);
    if (padded) return { inner: padded, encryption: 'RSA_PAD' };
    const old = this.decryptSha1Padding(decrypted);
    if (old) return { inner: old, encryption: 'sha1+data+padding' };
    throw new HandshakeError('encrypted_data is neither RSA_PAD nor sha1+data+padding under this key (wrong key or corrupted data)');
  }

  /**
   * The older scheme: the 255-byte plaintext is sha1(data) (20) + data + random padding, so the
   * decrypted 256 bytes start with a zero byte.
   */
  private decryptSha1Padding(decrypted: Buffer): any | undefined {
    if (decrypted[0] !== 0) return undefined;
    const reader = new BinaryReader(decrypted.subarray(21));
    let inner: any;
    try {
      inner = reader.tgReadObject();
    } catch {
      return undefined;
    }
    const data = decrypted.subarray(21, 21 + reader.tellPosition());
    return sha1(data).equals(decrypted.subarray(1, 21)) ? inner : undefined;
  }

  /**
   * RSA_PAD, reversed: RSA-decrypt 256 bytes into temp_key_xor (32) + aes_encrypted (224),
   * recover temp_key = temp_key_xor ⊕ sha256(aes_encrypted), AES-IGE-decrypt (zero IV) into
   * reversed(data_with_padding) (192) + sha256(temp_key + data_with_padding) (32), verify.
   */
  private decryptRsaPad(keyAesEncrypted: Buffer): any | undefined {
    const tempKeyXor = keyAesEncrypted.subarray(0, 32);
    const aesEncrypted = keyAesEncrypted.subarray(32);
    const digest = sha256(aesEncrypted);
    const tempKey = Buffer.alloc(32);
    for (let i = 0; i < 32; i++) tempKey[i] = tempKeyXor[i] ^ digest[i];
    const dataWithHash = aesIgeDecrypt(aesEncrypted, tempKey, Buffer.alloc(32));
    const dataWithPadding = Buffer.from(dataWithHash.subarray(0, 192)).reverse();
    if (!sha256(tempKey, dataWithPadding).equals(dataWithHash.subarray(192))) return undefined;
    try {
      return new BinaryReader(dataWithPadding).tgReadObject();
    } catch (error) {
      throw new HandshakeError(`p_q_inner_data does not decode: ${(error as Error).message}`);
    }
  }

  private dhGen(request: Api.SetClientDHParams): Api.DhGenOk {
    this.checkNonces(request);
    if (!this.dhPrivate || !this.tmpAesKey || !this.tmpAesIv || !this.newNonceBytes) throw new HandshakeError('set_client_DH_params before req_DH_params');
    if (request.encryptedData.length % 16 !== 0 || request.encryptedData.length < 32) throw new HandshakeError('encrypted_data is not whole AES blocks');
    const plain = aesIgeDecrypt(request.encryptedData, this.tmpAesKey, this.tmpAesIv);
    const reader = new BinaryReader(plain.subarray(20));
    let inner: any;
    try {
      inner = reader.tgReadObject();
    } catch (error) {
      throw new HandshakeError(`client_DH_inner_data does not decode: ${(error as Error).message}`);
    }
    if (!(inner instanceof Api.ClientDHInnerData)) throw new HandshakeError(`encrypted_data holds ${inner?.className}, not client_DH_inner_data`);
    if (!sha1(plain.subarray(20, 20 + reader.tellPosition())).equals(plain.subarray(0, 20))) throw new HandshakeError('client_DH_inner_data hash mismatch');
    this.checkNonces(inner);

    const gB = toBigint(inner.gB);
    const prime = toBigint(DH_PRIME);
    if (gB <= 1n || gB >= prime - 1n) throw new HandshakeError('g_b is out of range');
    const authKey = AuthKey.fromDhResult(dhSharedSecret(this.dhPrivate, inner.gB));

    const newNonceHash1 = sha1(this.newNonceBytes, Buffer.from([1]), authKey.auxHash).subarray(4, 20);
    // The first server salt: new_nonce[0:8] XOR server_nonce[0:8] (core.telegram.org/mtproto/auth_key, step 9).
    const saltBytes = Buffer.alloc(8);
    for (let i = 0; i < 8; i++) saltBytes[i] = this.newNonceBytes[i]! ^ this.serverNonceBytes![i]!;
    const now = Math.floor((this.options.now?.() ?? Date.now()) / 1000);
    this.options.onAuthKey(authKey, {
      salt: saltBytes.readBigInt64LE(0),
      expiresAt: this.expiresIn !== undefined ? now + this.expiresIn : undefined,
      innerDataEncryption: this.innerDataEncryption,
    });
    this.completed = true;
    const reply = new Api.DhGenOk({ nonce: request.nonce, serverNonce: request.serverNonce, newNonceHash1: tlInt(newNonceHash1) });
    this.dhPrivate = this.tmpAesKey = this.tmpAesIv = this.newNonceBytes = undefined;
    return reply;
  }
}
