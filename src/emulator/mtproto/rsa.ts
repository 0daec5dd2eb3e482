/**
 * The server's RSA key, used only during the key exchange (req_DH_params).
 *
 * Real Telegram pins its public keys inside every client. The emulator makes a fresh 2048-bit
 * key at startup (or takes one passed in) and publishes the public half as PEM plus the
 * `{ n, e }` pair GramJS's `telegram/crypto/RSA` `_serverKeys` map wants, keyed by Telegram's
 * fingerprint: the lower 64 bits of sha1 over the TL serialization of `n` and `e` as `bytes`.
 */
import { serializeBytes as serializeTlBytes } from './codec';
import { readFileSync } from 'node:fs';
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
  /** The public key as SPKI PEM (`BEGIN PUBLIC KEY`), what Node and GramJS's helper read. */
  readonly publicKeyPem: string;
  /** The public key as PKCS#1 PEM (`BEGIN RSA PUBLIC KEY`), the form Telegram publishes (core.telegram.org/mtproto/auth_key) and mtcute reads. */
  readonly publicKeyPkcs1Pem: string;

  constructor(private readonly privateKey: KeyObject) {
    const jwk = privateKey.export({ format: 'jwk' });
    if (!jwk.n || !jwk.e) throw new Error('RSA key has no public parameters');
    this.modulus = base64UrlToBuffer(jwk.n);
    this.exponent = base64UrlToBuffer(jwk.e);
    if (this.modulus.length !== 256) throw new Error(`MTProto needs a 2048-bit RSA key, this one has ${this.modulus.length * 8} bits`);
    this.fingerprint = ServerRsaKey.fingerprintOf(this.modulus, this.exponent);
    this.publicKeyPem = createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString();
    this.publicKeyPkcs1Pem = createPublicKey(privateKey).export({ format: 'pem', type: 'pkcs1' }).toString();
  }

  /**
   * Whether clients can look the fingerprint up by its hex form: some print it unpadded
   * (mtcute: `toString(16)` of the unsigned value) and compare with padded hex, so a fingerprint
   * whose first hex digit is 0 (1 key in 16) is never found. Generated keys avoid it; a pinned
   * key (`EMULATOR_RSA_KEY`) is taken as it is.
   */
  get fingerprintPrintsWhole(): boolean {
    return BigInt.asUintN(64, this.fingerprint) >> 60n !== 0n;
  }

  /** A fresh random 2048-bit key (about 50–200 ms; pass a PEM to reuse one), with a fingerprint every client finds. */
  static generate(): ServerRsaKey {
    for (;;) {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 65537 });
      const key = new ServerRsaKey(privateKey);
      if (key.fingerprintPrintsWhole) return key;
    }
  }

  /** The same, generated on libuv's thread pool so the event loop (and other start-up work) goes on. */
  static async generateAsync(): Promise<ServerRsaKey> {
    for (;;) {
      const privateKey = await new Promise<KeyObject>((resolve, reject) =>
        generateKeyPair('rsa', { modulusLength: 2048, publicExponent: 65537 }, (error, _publicKey, key) => (error ? reject(error) : resolve(key))),
      );
      const key = new ServerRsaKey(privateKey);
      if (key.fingerprintPrintsWhole) return key;
    }
  }

  static fromPrivatePem(pem: string): ServerRsaKey {
    return new ServerRsaKey(createPrivateKey(pem));
  }

  /**
   * The key a setting names (`EMULATOR_RSA_KEY`): a private key PEM (PKCS#1 or PKCS#8), inline or
   * as a file path. Throws a message naming the setting when it is neither.
   */
  static fromSetting(name: string, value: string): ServerRsaKey {
    const pem = value.includes('-----BEGIN') ? value.replace(/\\n/g, '\n') : readPemFile(name, value);
    try {
      return ServerRsaKey.fromPrivatePem(pem);
    } catch (error) {
      throw new Error(`${name} is not a 2048-bit RSA private key PEM (${(error as Error).message}): give the PEM text or a file holding it, e.g. from \`openssl genrsa 2048\``);
    }
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

function readPemFile(name: string, path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`${name}=${path} is neither a PEM nor a readable file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
