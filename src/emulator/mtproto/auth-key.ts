/**
 * Authorization keys and the in-memory store that outlives connections.
 *
 * An auth key is the 2048-bit DH secret both sides computed during the key exchange. Clients
 * save it (GramJS's `StringSession`) and present only its 64-bit id afterwards, so the server
 * must keep every key for its whole life: a client that restores a saved session resumes with
 * no new handshake, already logged in as the account the key was bound to.
 */
import { createHash } from 'node:crypto';
import { randomLong } from '../state/ids';

/** sha1 of the key, from which its id and aux hash are cut. */
function sha1(data: Buffer): Buffer {
  return createHash('sha1').update(data).digest();
}

export class AuthKey {
  /** 8 bytes as they appear on the wire: the lower 64 bits of sha1(key). */
  readonly id: Buffer;
  /** Higher 64 bits of sha1(key); used once, to confirm the key in dh_gen_ok. */
  readonly auxHash: Buffer;
  /** The id as a hex string, the store's map key. */
  readonly idHex: string;

  constructor(readonly key: Buffer) {
    const hash = sha1(key);
    this.auxHash = hash.subarray(0, 8);
    this.id = hash.subarray(12, 20);
    this.idHex = this.id.toString('hex');
  }

  /**
   * Builds the key from the big-endian DH result `g^ab mod p`, byte for byte as GramJS does.
   *
   * GramJS converts the result with `getByteArray(bigint)`, which drops leading zero bytes, so
   * about 1 key in 256 is 255 bytes long (1 in 65536 is 254...). The key id is the sha1 of those
   * bytes, and MTProto 2.0's key derivation slices fixed offsets out of them; the server must
   * use the very same byte string or it would not recognise the client's key id.
   */
  static fromDhResult(bigEndianSecret: Buffer): AuthKey {
    let start = 0;
    while (start < bigEndianSecret.length - 1 && bigEndianSecret[start] === 0) start++;
    return new AuthKey(Buffer.from(bigEndianSecret.subarray(start)));
  }
}

/** What the key exchange tells the store about a new key. */
/** The two RSA encryptions of p_q_inner_data Telegram accepts (core.telegram.org/mtproto/auth_key): RSA_PAD and the older sha1 + data + padding. */
export type InnerDataEncryption = 'RSA_PAD' | 'sha1+data+padding';

export interface NewKeyDetails {
  /**
   * The first server salt: new_nonce[0:8] XOR server_nonce[0:8], as the spec sets it
   * (core.telegram.org/mtproto/auth_key, "initial server salt").
   */
  salt?: bigint;
  /** A temporary key (p_q_inner_data_temp*): when it expires, unix seconds (core.telegram.org/mtproto/auth_key#perfect-forward-secrecy). */
  expiresAt?: number;
  /** How the client RSA-encrypted p_q_inner_data. */
  innerDataEncryption?: InnerDataEncryption;
}

/** One auth key as the server keeps it. */
export class StoredAuthKey {
  /** The TL layer its client last declared (invokeWithLayer); pushes to it are encoded in it. */
  layer?: number;
  /** The permanent key a temporary key is bound to (auth.bindTempAuthKey): its account is theirs. */
  boundTo?: StoredAuthKey;
  private ownAccountId?: number;

  constructor(
    readonly authKey: AuthKey,
    /**
     * The server salt valid for this key. Telegram rotates salts every ~30 min; the emulator
     * keeps one per key for its life, so only a client's first message (salt 0) is refused.
     */
    readonly salt: bigint,
    /** Unix seconds after which a temporary key is refused (-404); undefined for permanent keys. */
    public expiresAt?: number,
    /** How its key exchange RSA-encrypted p_q_inner_data (undefined for keys made elsewhere). */
    readonly innerDataEncryption?: InnerDataEncryption,
  ) {}

  get temporary(): boolean {
    return this.expiresAt !== undefined;
  }

  /** The account this key is logged in as (a bound temporary key: its permanent key's). */
  get accountId(): number | undefined {
    return this.boundTo ? this.boundTo.accountId : this.ownAccountId;
  }

  set accountId(id: number | undefined) {
    if (this.boundTo) this.boundTo.accountId = id;
    else this.ownAccountId = id;
  }

  /** The key id as the signed long clients put in auth.bindTempAuthKey. */
  get idLong(): bigint {
    return this.authKey.id.readBigInt64LE(0);
  }
}

/** Every auth key the server created, by id, for the server's lifetime. */
export class AuthKeyStore {
  private readonly keys = new Map<string, StoredAuthKey>();

  constructor(private readonly now: () => number = Date.now) {}

  add(authKey: AuthKey, details: NewKeyDetails = {}): StoredAuthKey {
    const entry = new StoredAuthKey(authKey, details.salt || randomLong() || 1n, details.expiresAt, details.innerDataEncryption);
    this.keys.set(authKey.idHex, entry);
    return entry;
  }

  /** Looks a key up by the 8 id bytes at the start of an encrypted message; an expired temporary key is forgotten. */
  find(id: Buffer): StoredAuthKey | undefined {
    const entry = this.keys.get(id.toString('hex'));
    if (entry?.expiresAt !== undefined && entry.expiresAt * 1000 < this.now()) {
      this.keys.delete(entry.authKey.idHex);
      return undefined;
    }
    return entry;
  }

  /** A key by its id as a signed long (auth.bindTempAuthKey names the permanent key so). */
  findByLong(id: bigint): StoredAuthKey | undefined {
    const bytes = Buffer.alloc(8);
    bytes.writeBigInt64LE(BigInt.asIntN(64, id));
    return this.find(bytes);
  }

  /** Binds (or, with `undefined`, unbinds: `auth.logOut`) every session of this key to an account. */
  bind(authKey: AuthKey, accountId: number | undefined): void {
    const entry = this.keys.get(authKey.idHex);
    if (entry) entry.accountId = accountId;
  }

  get size(): number {
    return this.keys.size;
  }

  /** Every key held (expired temporary keys included until looked up). */
  values(): IterableIterator<StoredAuthKey> {
    return this.keys.values();
  }

  /** Forgets every key (a full emulator reset): clients then get -404 and must re-handshake. */
  clear(): void {
    this.keys.clear();
  }
}
