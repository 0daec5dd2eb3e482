import { createPrivateKey, createPublicKey, diffieHellman, type KeyObject } from 'node:crypto';

/**
 * Diffie–Hellman over a fixed group through Node's KeyObject API.
 *
 * `crypto.createDiffieHellman(prime)` proves the prime safe every time one is made (~300 ms
 * for 2048 bits, on every worker process's start). Keys imported as DER with the group's
 * parameters skip that proof and cost ~3 ms per operation; the prime is a published constant.
 */
export class DhGroup {
  private readonly algorithm: Buffer;
  private readonly primeValue: bigint;

  constructor(readonly prime: Buffer, readonly generator: number) {
    const params = sequence(integer(prime), integer(Buffer.from([generator])));
    this.algorithm = sequence(DH_KEY_AGREEMENT_OID, params);
    this.primeValue = BigInt(`0x${prime.toString('hex')}`);
  }

  /** `g^a mod p`, big-endian, padded to the prime's length. */
  publicKey(privateKey: Buffer): Buffer {
    return this.sharedSecret(privateKey, Buffer.from([this.generator]));
  }

  /** `peer^a mod p`, big-endian, padded to the prime's length. */
  sharedSecret(privateKey: Buffer, peerPublicKey: Buffer): Buffer {
    const secret = diffieHellman({ privateKey: this.privateKeyObject(privateKey), publicKey: this.publicKeyObject(peerPublicKey) });
    return Buffer.concat([Buffer.alloc(Math.max(0, this.prime.length - secret.length)), secret]);
  }

  /**
   * Any exponent works: it is reduced modulo p − 1 (which the group's order divides, so the
   * results are unchanged), since OpenSSL refuses private values outside 1 … p − 2.
   */
  private privateKeyObject(privateKey: Buffer): KeyObject {
    let exponent = BigInt(`0x${privateKey.toString('hex') || '0'}`) % (this.primeValue - 1n);
    if (exponent < 2n) exponent += 2n;
    const der = sequence(integer(Buffer.from([0])), this.algorithm, tlv(0x04, integer(toBytes(exponent))));
    return createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
  }

  private publicKeyObject(value: Buffer): KeyObject {
    const der = sequence(this.algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), integer(value)])));
    return createPublicKey({ key: der, format: 'der', type: 'spki' });
  }
}

/** dhKeyAgreement, 1.2.840.113549.1.3.1 (PKCS #3). */
const DH_KEY_AGREEMENT_OID = Buffer.from('06092a864886f70d010301', 'hex');

function tlv(tag: number, content: Buffer): Buffer {
  const length = content.length;
  let header: Buffer;
  if (length < 0x80) header = Buffer.from([tag, length]);
  else if (length < 0x100) header = Buffer.from([tag, 0x81, length]);
  else header = Buffer.from([tag, 0x82, length >> 8, length & 0xff]);
  return Buffer.concat([header, content]);
}

function sequence(...items: Buffer[]): Buffer {
  return tlv(0x30, Buffer.concat(items));
}

/** A non-negative DER INTEGER from big-endian bytes. */
function integer(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  return tlv(0x02, trimmed[0] & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

function toBytes(value: bigint): Buffer {
  const hex = value.toString(16);
  return Buffer.from(hex.length % 2 ? `0${hex}` : hex, 'hex');
}
