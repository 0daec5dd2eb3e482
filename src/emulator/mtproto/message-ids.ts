/**
 * Message identifiers and sequence numbers, the clock and ordering rules of MTProto.
 *
 * A msg_id is roughly `unixtime * 2^32`: the upper 32 bits are seconds, the lower bits a
 * fraction. Its two low bits say who sent it and why: clients' ids are ≡ 0 mod 4, server
 * answers to a request ≡ 1 mod 4, server messages not caused by a request (pushed updates,
 * notifications) ≡ 3 mod 4. Within a session the server's ids strictly increase. GramJS
 * derives its clock offset from our ids (after bad_msg_notification 16/17), so they must track
 * real time.
 */

/** Why a client's msg_id was refused: the codes of bad_msg_notification. */
export const BadMsgCode = {
  /** msg_id too low: the client's clock is behind (or the id is stale). */
  MSG_ID_TOO_LOW: 16,
  /** msg_id too high: the client's clock is ahead. */
  MSG_ID_TOO_HIGH: 17,
  /** The two low bits are wrong (client ids are divisible by 4). */
  MSG_ID_BAD_LOW_BITS: 18,
  /** A container's id is not greater than the ids inside it. */
  CONTAINER_MSG_ID_NOT_GREATER: 19,
  /** msg_id was already used in this session. */
  MSG_ID_DUPLICATE: 20,
  /** msg_seqno too low. */
  SEQNO_TOO_LOW: 32,
  /** msg_seqno too high. */
  SEQNO_TOO_HIGH: 33,
  /** An even seq_no was expected (not content-related), an odd one came. */
  SEQNO_EXPECTED_EVEN: 34,
  /** An odd seq_no was expected (content-related), an even one came. */
  SEQNO_EXPECTED_ODD: 35,
  /** Bad server salt; carried by bad_server_salt rather than bad_msg_notification. */
  BAD_SERVER_SALT: 48,
  /** Invalid container. */
  INVALID_CONTAINER: 64,
} as const;

/** How far from our clock a client's msg_id may be (Telegram: 300 s behind, 30 s ahead). */
export const MAX_CLIENT_MSG_AGE_SECONDS = 300;
export const MAX_CLIENT_MSG_LEAD_SECONDS = 30;

export type ServerMessageKind = 'response' | 'push';

/** Strictly increasing server msg_ids with the right low bits, from a clock in milliseconds. */
export class MessageIdGenerator {
  private last = 0n;

  constructor(private readonly now: () => number = Date.now) {}

  next(kind: ServerMessageKind): bigint {
    const millis = this.now();
    const seconds = BigInt(Math.floor(millis / 1000));
    // The fraction of the second, spread over the lower 32 bits.
    const fraction = (BigInt(millis % 1000) << 32n) / 1000n;
    let id = (seconds << 32n) | fraction;
    if (id <= this.last) id = this.last + 1n;
    id = withLowBits(id, kind === 'response' ? 1n : 3n);
    this.last = id;
    return id;
  }
}

/** The smallest id ≥ `id` whose value mod 4 is `remainder`. */
function withLowBits(id: bigint, remainder: bigint): bigint {
  const current = id & 3n;
  return current <= remainder ? id + (remainder - current) : id + (4n - current) + remainder;
}

/**
 * Checks a client's msg_id against the server clock; returns the bad_msg_notification code
 * or undefined when acceptable. Duplicates are the session's business (it keeps the history).
 */
export function checkClientMessageId(msgId: bigint, nowMillis: number = Date.now()): number | undefined {
  if ((msgId & 3n) !== 0n) return BadMsgCode.MSG_ID_BAD_LOW_BITS;
  const seconds = Number(msgId >> 32n);
  const now = nowMillis / 1000;
  if (seconds < now - MAX_CLIENT_MSG_AGE_SECONDS) return BadMsgCode.MSG_ID_TOO_LOW;
  if (seconds > now + MAX_CLIENT_MSG_LEAD_SECONDS) return BadMsgCode.MSG_ID_TOO_HIGH;
  return undefined;
}

/**
 * The server's seq_no counter for one session: content-related messages (those the peer must
 * acknowledge: answers, updates, new_session_created) get `2n+1` and advance the counter;
 * others (acks, containers, bad_server_salt...) get `2n`.
 */
export class SequenceCounter {
  private contentMessages = 0;

  next(contentRelated: boolean): number {
    if (!contentRelated) return this.contentMessages * 2;
    return this.contentMessages++ * 2 + 1;
  }
}
