/**
 * The server's RSA key, used only during the key exchange (req_DH_params).
 *
 * Real Telegram pins its public keys inside every client. The emulator makes a fresh 2048-bit
 * key at startup (or takes one passed in) and publishes the public half as PEM plus the
 * `{ n, e }` pair GramJS's `telegram/crypto/RSA` `_serverKeys` map wants, keyed by Telegram's
 * fingerprint: the lower 64 bits of sha1 over the TL serialization of `n` and `e` as `bytes`.
 */
import { serializeBytes as serializeTlBytes } from './codec';
import { createHash, createPrivateKey, createPublicKey, generateKeyPair, generateKeyPairSync, privateDecrypt, constants, type KeyObject } from 'node:crypto';

function base64UrlToBuffer(text: string): Buffer {
  return Buffer.from(text, 'base64url');
}

export class ServerRsaKey {
  /** Modulus, big-endian, no leading zero. */
  readonly modulus: Buffer;
  /** Public exponent, big-endian. */
  readonly exponent: Buffer;
  /** Telegram's fingerprint as a signed 64-bit integer (how GramJS keys `_serverKeys`). */
  readonly fingerprint: bigint;
  readonly publicKeyPem: string;

  constructor(private readonly privateKey: KeyObject) {
    const jwk = privateKey.export({ format: 'jwk' });
    if (!jwk.n || !jwk.e) throw new Error('RSA key has no public parameters');
    this.modulus = base64UrlToBuffer(jwk.n);
    this.exponent = base64UrlToBuffer(jwk.e);
    if (this.modulus.length !== 256) throw new Error(`MTProto needs a 2048-bit RSA key, this one has ${this.modulus.length * 8} bits`);
    this.fingerprint = ServerRsaKey.fingerprintOf(this.modulus, this.exponent);
    this.publicKeyPem = createPublicPem(privateKey);
  }

  /** A fresh random 2048-bit key (about 50–200 ms; pass a PEM to reuse one). */
  static generate(): ServerRsaKey {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
    return new ServerRsaKey(privateKey);
  }

  /** The same, generated on libuv's thread pool so the event loop (and other start-up work) goes on. */
  static async generateAsync(): Promise<ServerRsaKey> {
    const privateKey = await new Promise<KeyObject>((resolve, reject) =>
      generateKeyPair('rsa', { modulusLength: 2048, publicExponent: 65537 }, (error, _publicKey, key) => (error ? reject(error) : resolve(key))),
    );
    return new ServerRsaKey(privateKey);
  }

  static fromPrivatePem(pem: string): ServerRsaKey {
    return new ServerRsaKey(createPrivateKey(pem));
  }

  static fingerprintOf(modulus: Buffer, exponent: Buffer): bigint {
    const hash = createHash('sha1').update(Buffer.concat([serializeTlBytes(modulus), serializeTlBytes(exponent)])).digest();
    return hash.readBigInt64LE(12);
  }

  /** The private key as PKCS#8 PEM, so a caller can persist it and keep its fingerprint. */
  get privateKeyPem(): string {
    return this.privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  }

  /** `{ n, e }` as decimal strings (GramJS wants big-integer values built from them). */
  get publicNumbers(): { n: string; e: number } {
    return { n: BigInt('0x' + this.modulus.toString('hex')).toString(), e: Number(BigInt('0x' + this.exponent.toString('hex'))) };
  }

  /**
   * Textbook RSA decryption (`c^d mod n`, no padding), which is what RSA_PAD needs: the
   * client pads and hashes itself. Returns 256 big-endian bytes; throws if `c >= n`.
   */
  decryptRaw(ciphertext: Buffer): Buffer {
    return privateDecrypt({ key: this.privateKey, padding: constants.RSA_NO_PADDING }, ciphertext);
  }
}

function createPublicPem(privateKey: KeyObject): string {
  return createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString();
}
