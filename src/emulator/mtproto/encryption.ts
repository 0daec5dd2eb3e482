/**
 * MTProto 2.0 message encryption (core.telegram.org/mtproto/description).
 *
 *   payload   = auth_key_id (8) + msg_key (16) + AES-256-IGE(plaintext)
 *   plaintext = salt (8) + session_id (8) + msg_id (8) + seq_no (4) + length (4) + body + padding
 *   msg_key   = bytes 8..24 of SHA256(auth_key[88+x .. 120+x] + plaintext)
 *
 * with x = 0 for client→server and x = 8 for server→client; the AES key and IV come from
 * SHA256(msg_key + auth_key[x .. x+36]) and SHA256(auth_key[40+x .. 76+x] + msg_key).
 * Padding is 12..1024 random bytes making the plaintext a multiple of 16.
 */
import { createHash, randomBytes } from 'node:crypto';
import { aesIgeDecrypt, aesIgeEncrypt } from './aes-ige';
import type { AuthKey } from './auth-key';
import type { RawMessage } from './codec';

/** The peer sent bytes that do not decrypt to a valid message under its auth key. */
export class EncryptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EncryptionError';
  }
}

const CLIENT_TO_SERVER = 0;
const SERVER_TO_CLIENT = 8;

function sha256(...parts: Buffer[]): Buffer {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

function aesKeyAndIv(key: Buffer, msgKey: Buffer, x: number): { aesKey: Buffer; aesIv: Buffer } {
  const a = sha256(msgKey, key.subarray(x, x + 36));
  const b = sha256(key.subarray(40 + x, 76 + x), msgKey);
  return {
    aesKey: Buffer.concat([a.subarray(0, 8), b.subarray(8, 24), a.subarray(24, 32)]),
    aesIv: Buffer.concat([b.subarray(0, 8), a.subarray(8, 24), b.subarray(24, 32)]),
  };
}

function encrypt(authKey: AuthKey, plaintext: Buffer, x: number): Buffer {
  const padding = randomBytes(12 + ((16 - ((plaintext.length + 12) % 16)) % 16));
  const padded = Buffer.concat([plaintext, padding]);
  const msgKey = sha256(authKey.key.subarray(88 + x, 120 + x), padded).subarray(8, 24);
  const { aesKey, aesIv } = aesKeyAndIv(authKey.key, msgKey, x);
  return Buffer.concat([authKey.id, msgKey, aesIgeEncrypt(padded, aesKey, aesIv)]);
}

export interface DecryptedMessage {
  salt: bigint;
  sessionId: bigint;
  message: RawMessage;
}

function decrypt(authKey: AuthKey, payload: Buffer, x: number): DecryptedMessage {
  const encrypted = payload.subarray(24);
  if (encrypted.length < 48 || encrypted.length % 16 !== 0) throw new EncryptionError(`encrypted part of ${encrypted.length} bytes is not whole AES blocks of a message`);
  const msgKey = payload.subarray(8, 24);
  const { aesKey, aesIv } = aesKeyAndIv(authKey.key, msgKey, x);
  const plaintext = aesIgeDecrypt(encrypted, aesKey, aesIv);
  const expected = sha256(authKey.key.subarray(88 + x, 120 + x), plaintext).subarray(8, 24);
  if (!expected.equals(msgKey)) throw new EncryptionError('msg_key does not match the decrypted content');
  const length = plaintext.readInt32LE(28);
  const paddingLength = plaintext.length - 32 - length;
  if (length < 0 || length % 4 !== 0 || paddingLength < 12 || paddingLength > 1024) {
    throw new EncryptionError(`message length ${length} leaves ${paddingLength} bytes of padding`);
  }
  return {
    salt: plaintext.readBigInt64LE(0),
    sessionId: plaintext.readBigInt64LE(8),
    message: { msgId: plaintext.readBigInt64LE(16), seqNo: plaintext.readInt32LE(24), body: plaintext.subarray(32, 32 + length) },
  };
}

function envelope(salt: bigint, sessionId: bigint, message: RawMessage): Buffer {
  const header = Buffer.alloc(32);
  header.writeBigInt64LE(salt, 0);
  header.writeBigInt64LE(sessionId, 8);
  header.writeBigInt64LE(message.msgId, 16);
  header.writeInt32LE(message.seqNo, 24);
  header.writeInt32LE(message.body.length, 28);
  return Buffer.concat([header, message.body]);
}

/** What the server sends: x = 8. */
export function encryptServerMessage(authKey: AuthKey, salt: bigint, sessionId: bigint, message: RawMessage): Buffer {
  return encrypt(authKey, envelope(salt, sessionId, message), SERVER_TO_CLIENT);
}

/** What the server receives: x = 0; verifies msg_key and the padding length. */
export function decryptClientMessage(authKey: AuthKey, payload: Buffer): DecryptedMessage {
  return decrypt(authKey, payload, CLIENT_TO_SERVER);
}

/** The client's side, for tests that play a client without GramJS. */
export function encryptClientMessage(authKey: AuthKey, salt: bigint, sessionId: bigint, message: RawMessage): Buffer {
  return encrypt(authKey, envelope(salt, sessionId, message), CLIENT_TO_SERVER);
}

export function decryptServerMessage(authKey: AuthKey, payload: Buffer): DecryptedMessage {
  return decrypt(authKey, payload, SERVER_TO_CLIENT);
}

function sha1(...parts: Buffer[]): Buffer {
  const hash = createHash('sha1');
  for (const part of parts) hash.update(part);
  return hash.digest();
}

/**
 * MTProto 1.0's key derivation (core.telegram.org/mtproto/description_v1), still what
 * auth.bindTempAuthKey's `encrypted_message` uses: x = 0 from the client.
 */
function v1KeyAndIv(key: Buffer, msgKey: Buffer, x: number): { aesKey: Buffer; aesIv: Buffer } {
  const a = sha1(msgKey, key.subarray(x, x + 32));
  const b = sha1(key.subarray(32 + x, 48 + x), msgKey, key.subarray(48 + x, 64 + x));
  const c = sha1(key.subarray(64 + x, 96 + x), msgKey);
  const d = sha1(msgKey, key.subarray(96 + x, 128 + x));
  return {
    aesKey: Buffer.concat([a.subarray(0, 8), b.subarray(8, 20), c.subarray(4, 16)]),
    aesIv: Buffer.concat([a.subarray(8, 20), b.subarray(0, 8), c.subarray(16, 20), d.subarray(0, 8)]),
  };
}

/**
 * Decrypts auth.bindTempAuthKey's `encrypted_message` with the permanent key: auth_key_id (8),
 * msg_key (16) = the lower 128 bits of sha1(plaintext without padding), then AES-IGE of
 * random (16) + msg_id (8) + seq_no (4) + length (4) + bind_auth_key_inner + padding
 * (core.telegram.org/method/auth.bindTempAuthKey).
 */
export function decryptBindingMessage(permanentKey: AuthKey, encrypted: Buffer): { msgId: bigint; seqNo: number; body: Buffer } {
  if (encrypted.length < 24 + 32 || (encrypted.length - 24) % 16 !== 0) throw new EncryptionError(`an encrypted_message of ${encrypted.length} bytes`);
  if (!encrypted.subarray(0, 8).equals(permanentKey.id)) throw new EncryptionError('encrypted_message is not under the permanent key it names');
  const msgKey = encrypted.subarray(8, 24);
  const { aesKey, aesIv } = v1KeyAndIv(permanentKey.key, msgKey, 0);
  const plaintext = aesIgeDecrypt(encrypted.subarray(24), aesKey, aesIv);
  const length = plaintext.readInt32LE(28);
  if (length < 0 || 32 + length > plaintext.length) throw new EncryptionError(`a bound message of ${length} bytes`);
  if (!sha1(plaintext.subarray(0, 32 + length)).subarray(4, 20).equals(msgKey)) throw new EncryptionError('msg_key does not match the decrypted binding');
  return { msgId: plaintext.readBigInt64LE(16), seqNo: plaintext.readInt32LE(24), body: plaintext.subarray(32, 32 + length) };
}
