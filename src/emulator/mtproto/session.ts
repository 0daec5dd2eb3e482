/**
 * Session layer: encrypted MTProto messages between a client's session and the server.
 *
 * A session is (auth key, session_id chosen by the client). It owns the server's msg_id clock
 * and seq_no counter for that client, checks each incoming message (msg_id freshness and low
 * bits, duplicates, seq_no parity, server salt), answers the service messages itself (ping,
 * msgs_state_req, get_future_salts, destroy_session, acks) and hands every API request to
 * dispatch, wrapping its answer in `rpc_result`.
 *
 * What GramJS relies on: the first message of a fresh client carries salt 0, so we announce
 * `new_session_created` and refuse it with `bad_server_salt`; GramJS adopts the salt and
 * resends. Answers get msg_id ≡ 1 mod 4, pushed updates ≡ 3 mod 4, and odd seq_no when
 * content-related.
 */
import { Api } from 'telegram';
import { randomLong } from '../state/ids';
import type { AuthKeyStore, StoredAuthKey } from './auth-key';
import {
  constructorOf,
  DecodeError,
  unwrapRequest,
  MSG_CONTAINER,
  readContainer,
  unpackGzip,
  writeRpcError,
  writeRpcResult,
  type RawMessage,
} from './codec';
import { decryptBindingMessage, decryptClientMessage, encryptServerMessage, EncryptionError } from './encryption';
import { BadMsgCode, checkClientMessageId, MessageIdGenerator, SequenceCounter, type ServerMessageKind } from './message-ids';
import { codecForLayer, DEFAULT_LAYER, servedLayer, TlDecodeError, type LayerCodec } from './tl';
import { TransportError, type FrameConnection } from './transport';

/** Service constructors that are never content-related (must come with an even seq_no). */
const MSGS_ACK = Api.MsgsAck.CONSTRUCTOR_ID >>> 0;
const HTTP_WAIT = Api.HttpWait.CONSTRUCTOR_ID >>> 0;
/** How many client msg_ids a session remembers to detect duplicates. */
const REMEMBERED_MSG_IDS = 2048;

/** A decoded API request on its way to dispatch, with who sent it. */
export interface IncomingRequest {
  session: Session;
  msgId: bigint;
  request: any;
  /** The layer the request was decoded in; its answer is encoded in the same. */
  codec: LayerCodec;
}

/** Serves one API request; resolves with the bytes to put in rpc_result (a result or an rpc_error). */
export type RequestDispatcher = (incoming: IncomingRequest) => Promise<Buffer>;

export interface SessionLayerOptions {
  authKeys: AuthKeyStore;
  dispatch: RequestDispatcher;
  log(message: string): void;
  now?: () => number;
}

/** Wrappers whose `query` is the method itself: an unknown constructor there is an unknown method. */
const QUERY_WRAPPERS = /^(invokeWithLayer|initConnection|invokeWithoutUpdates|invokeAfterMsgs?|invokeWithMessagesRange|invokeWithTakeout|invokeWith\w+)\.query$/;

export class Session {
  readonly messageIds: MessageIdGenerator;
  private readonly sequence = new SequenceCounter();
  private readonly seenMsgIds = new Set<bigint>();
  private disconnectTimer?: NodeJS.Timeout;

  constructor(
    readonly authKey: StoredAuthKey,
    readonly id: bigint,
    /** The connection that last carried a message of this session; answers and pushes go there. */
    public connection: FrameConnection | undefined,
    now: () => number,
  ) {
    this.messageIds = new MessageIdGenerator(now);
  }

  /**
   * The TL layer this session's client declared with invokeWithLayer (the served one nearest to
   * it); until then the layer its auth key last declared, else the pinned GramJS's.
   */
  get layer(): number {
    return this.authKey.layer ?? DEFAULT_LAYER;
  }

  set layer(declared: number) {
    this.authKey.layer = servedLayer(declared);
  }

  /** The codec of this session's layer. */
  get codec(): LayerCodec {
    return codecForLayer(this.layer);
  }

  /** The account the auth key is signed in to. */
  get accountId(): number | undefined {
    return this.authKey.accountId;
  }

  get live(): boolean {
    return this.connection !== undefined && !this.connection.closed;
  }

  /** Encrypts and sends one message; returns its msg_id (undefined if the connection is gone). */
  send(body: Buffer, contentRelated: boolean, kind: ServerMessageKind): bigint | undefined {
    if (!this.live) return undefined;
    const message: RawMessage = { msgId: this.messageIds.next(kind), seqNo: this.sequence.next(contentRelated), body };
    this.connection!.send(encryptServerMessage(this.authKey.authKey, this.authKey.salt, this.id, message));
    return message.msgId;
  }

  /** Remembers a client msg_id; false if it was seen before. */
  remember(msgId: bigint): boolean {
    if (this.seenMsgIds.has(msgId)) return false;
    this.seenMsgIds.add(msgId);
    if (this.seenMsgIds.size > REMEMBERED_MSG_IDS) this.seenMsgIds.delete(this.seenMsgIds.values().next().value as bigint);
    return true;
  }

  hasSeen(msgId: bigint): boolean {
    return this.seenMsgIds.has(msgId);
  }

  /** ping_delay_disconnect: close the connection if no ping arrives within `seconds`. */
  armDisconnect(seconds: number): void {
    this.cancelDisconnect();
    const connection = this.connection;
    this.disconnectTimer = setTimeout(() => connection?.close(), seconds * 1000);
    this.disconnectTimer.unref();
  }

  cancelDisconnect(): void {
    if (this.disconnectTimer) clearTimeout(this.disconnectTimer);
    this.disconnectTimer = undefined;
  }
}

export class SessionLayer {
  private readonly sessions = new Map<string, Session>();
  private readonly now: () => number;

  constructor(private readonly options: SessionLayerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Every session whose auth key is signed in to `accountId` and still has a connection. */
  liveSessionsOf(accountId: number): Session[] {
    return [...this.sessions.values()].filter((session) => session.live && session.accountId === accountId);
  }

  /**
   * Sends a server-initiated message (an update) to every live session of the account, each
   * encoded in its session's layer (once per layer).
   */
  push(accountId: number, updates: object): number {
    let delivered = 0;
    const encoded = new Map<number, Buffer>();
    for (const session of this.liveSessionsOf(accountId)) {
      let body = encoded.get(session.layer);
      if (!body) {
        try {
          body = session.codec.encode(updates);
        } catch (error) {
          this.options.log(`session ${session.id}: an update does not encode in layer ${session.layer}: ${(error as Error).message}`);
          continue;
        }
        encoded.set(session.layer, body);
      }
      if (session.send(body, true, 'push') !== undefined) delivered++;
    }
    return delivered;
  }

  /** A connection closed: its sessions are gone (GramJS opens a new session id on reconnect). */
  dropConnection(connection: FrameConnection): void {
    for (const [key, session] of this.sessions) {
      if (session.connection === connection) {
        session.cancelDisconnect();
        this.sessions.delete(key);
      }
    }
  }

  /** Forgets every session (used when the server closes). */
  clear(): void {
    for (const session of this.sessions.values()) session.cancelDisconnect();
    this.sessions.clear();
  }

  /** One encrypted payload (auth_key_id ≠ 0) from a connection. */
  receive(connection: FrameConnection, payload: Buffer): void {
    if (payload.length < 24) return connection.fail(TransportError.NOT_FOUND, `encrypted payload of ${payload.length} bytes`);
    const authKey = this.options.authKeys.find(payload.subarray(0, 8));
    if (!authKey) return connection.fail(TransportError.NOT_FOUND, `unknown auth key ${payload.subarray(0, 8).toString('hex')}`);
    let decrypted;
    try {
      decrypted = decryptClientMessage(authKey.authKey, payload);
    } catch (error) {
      if (error instanceof EncryptionError) return connection.fail(TransportError.NOT_FOUND, error.message);
      throw error;
    }
    const { salt, sessionId, message } = decrypted;
    const session = this.sessionFor(authKey, sessionId, connection, message.msgId);

    const badId = checkClientMessageId(message.msgId, this.now());
    if (badId !== undefined) return this.badMessage(session, message, badId);
    if (salt !== authKey.salt) {
      this.options.log(`session ${sessionId}: salt ${salt} refused, announcing ${authKey.salt}`);
      const reply = { _: 'bad_server_salt', badMsgId: message.msgId, badMsgSeqno: message.seqNo, errorCode: BadMsgCode.BAD_SERVER_SALT, newServerSalt: authKey.salt };
      session.send(session.codec.encode(reply), false, 'response');
      return;
    }

    if (message.body.length >= 4 && constructorOf(message.body) === MSG_CONTAINER) {
      let inner: RawMessage[];
      try {
        inner = readContainer(message.body);
      } catch (error) {
        return this.badMessage(session, message, BadMsgCode.INVALID_CONTAINER, (error as Error).message);
      }
      if ((message.seqNo & 1) !== 0) return this.badMessage(session, message, BadMsgCode.SEQNO_EXPECTED_EVEN);
      for (const item of inner) {
        const innerBad = checkClientMessageId(item.msgId, this.now());
        if (innerBad !== undefined) this.badMessage(session, item, innerBad);
        else this.handleMessage(session, item);
      }
      return;
    }
    this.handleMessage(session, message);
  }

  private sessionFor(authKey: StoredAuthKey, sessionId: bigint, connection: FrameConnection, firstMsgId: bigint): Session {
    const key = `${authKey.authKey.idHex}:${sessionId}`;
    let session = this.sessions.get(key);
    if (!session) {
      session = new Session(authKey, sessionId, connection, this.now);
      this.sessions.set(key, session);
      const created = { _: 'new_session_created', firstMsgId, uniqueId: randomLong(), serverSalt: authKey.salt };
      session.send(session.codec.encode(created), true, 'push');
    }
    session.connection = connection;
    return session;
  }

  private badMessage(session: Session, message: RawMessage, code: number, detail?: string): void {
    this.options.log(`session ${session.id}: bad_msg_notification ${code} for msg ${message.msgId}${detail ? `: ${detail}` : ''}`);
    const reply = { _: 'bad_msg_notification', badMsgId: message.msgId, badMsgSeqno: message.seqNo, errorCode: code };
    session.send(session.codec.encode(reply), false, 'response');
  }

  /** One message outside any container: a service message or an API request. */
  private handleMessage(session: Session, message: RawMessage): void {
    if (!session.remember(message.msgId)) return this.badMessage(session, message, BadMsgCode.MSG_ID_DUPLICATE);
    let body: Buffer;
    let object: any;
    const codec = session.codec;
    try {
      body = unpackGzip(message.body);
      const constructor = constructorOf(body);
      if (constructor === MSGS_ACK || constructor === HTTP_WAIT) return; // nothing to answer
      object = codec.decode(body);
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
      this.options.log(`session ${session.id}: ${error.message}`);
      session.send(writeRpcResult(message.msgId, writeRpcError(400, undecodableError(error))), true, 'response');
      return;
    }
    this.handleObject(session, message, object);
  }

  /**
   * auth.bindTempAuthKey, sent over a temporary key: binds it to the permanent key it names, so
   * the temporary key is signed in as that key's account (core.telegram.org/method/auth.bindTempAuthKey).
   * The binding message, encrypted with the permanent key, must name this temporary key, this
   * session and this very msg_id. Returns true or the RPC error name.
   */
  private bindTempAuthKey(session: Session, message: RawMessage, request: Api.auth.BindTempAuthKey): true | string {
    const temporary = session.authKey;
    if (!temporary.temporary) return 'TEMP_AUTH_KEY_EMPTY';
    if (temporary.boundTo) return 'TEMP_AUTH_KEY_ALREADY_BOUND';
    const permanent = this.options.authKeys.findByLong(BigInt(String(request.permAuthKeyId)));
    if (!permanent || permanent.temporary) return 'ENCRYPTED_MESSAGE_INVALID';
    let inner: any;
    try {
      const binding = decryptBindingMessage(permanent.authKey, Buffer.from(request.encryptedMessage));
      if (binding.msgId !== message.msgId) return 'ENCRYPTED_MESSAGE_INVALID';
      inner = session.codec.decode(binding.body);
    } catch (error) {
      this.options.log(`session ${session.id}: bindTempAuthKey: ${(error as Error).message}`);
      return 'ENCRYPTED_MESSAGE_INVALID';
    }
    const same = (a: unknown, b: bigint) => BigInt(String(a)) === b;
    if (inner?.className !== 'BindAuthKeyInner'
      || !same(inner.nonce, BigInt(String(request.nonce)))
      || !same(inner.tempAuthKeyId, temporary.idLong)
      || !same(inner.permAuthKeyId, permanent.idLong)
      || !same(inner.tempSessionId, session.id)
      || inner.expiresAt !== request.expiresAt) {
      return 'ENCRYPTED_MESSAGE_INVALID';
    }
    temporary.boundTo = permanent;
    temporary.expiresAt = request.expiresAt;
    this.options.log(`session ${session.id}: temporary key ${temporary.authKey.idHex} bound to ${permanent.authKey.idHex} until ${request.expiresAt}`);
    return true;
  }

  private handleObject(session: Session, message: RawMessage, object: any): void {
    const reqMsgId = message.msgId;
    const codec = session.codec;
    if (object instanceof Api.Ping || object instanceof Api.PingDelayDisconnect) {
      if (object instanceof Api.PingDelayDisconnect) session.armDisconnect(object.disconnectDelay);
      session.send(codec.encode({ _: 'pong', msgId: reqMsgId, pingId: object.pingId }), true, 'response');
      return;
    }
    if (object instanceof Api.MsgsStateReq) {
      // 4 = received; 1 = nothing known about the message.
      const info = Buffer.from(object.msgIds.map((id) => (session.hasSeen(BigInt(String(id))) ? 4 : 1)));
      session.send(codec.encode({ _: 'msgs_state_info', reqMsgId, info }), false, 'response');
      return;
    }
    if (object instanceof Api.GetFutureSalts) {
      // future_salts holds *bare* future_salt items (core.telegram.org/mtproto/service_messages#request-for-several-future-salts).
      const now = Math.floor(this.now() / 1000);
      const salt = { validSince: now - 60, validUntil: now + 86400, salt: session.authKey.salt };
      session.send(codec.encode({ _: 'future_salts', reqMsgId, now, salts: [salt] }), true, 'response');
      return;
    }
    if (object instanceof Api.DestroySession) {
      const target = `${session.authKey.authKey.idHex}:${BigInt(String(object.sessionId))}`;
      const other = this.sessions.get(target);
      const destroyed = other !== undefined && other !== session;
      if (destroyed) {
        other.cancelDisconnect();
        this.sessions.delete(target);
      }
      const reply = { _: destroyed ? 'destroy_session_ok' : 'destroy_session_none', sessionId: object.sessionId };
      session.send(writeRpcResult(message.msgId, codec.encode(reply)), true, 'response');
      return;
    }
    if (object instanceof Api.RpcDropAnswer) {
      session.send(writeRpcResult(message.msgId, codec.encode({ _: 'rpc_answer_unknown' })), true, 'response');
      return;
    }
    if (object?.classType !== 'request') {
      // msgs_state_info, msg_resend_req, msgs_all_info, ... from a client: nothing to answer.
      return;
    }
    if ((message.seqNo & 1) === 0) return this.badMessage(session, message, BadMsgCode.SEQNO_EXPECTED_ODD);
    // invokeWithLayer sets the layer of this request, and of the session from now on.
    const { layer, request } = unwrapRequest(object);
    if (request instanceof Api.auth.BindTempAuthKey) {
      const answer = this.bindTempAuthKey(session, message, request);
      session.send(writeRpcResult(message.msgId, answer === true ? codec.encodeResult('auth.BindTempAuthKey', true) : writeRpcError(400, answer)), true, 'response');
      return;
    }
    if (layer !== undefined) session.layer = layer;
    this.options
      .dispatch({ session, msgId: message.msgId, request: object, codec: layer !== undefined ? codecForLayer(layer) : codec })
      .then((result) => session.send(writeRpcResult(message.msgId, result), true, 'response'))
      .catch((error) => this.options.log(`session ${session.id}: dispatch failed: ${(error as Error).stack ?? error}`));
  }
}

/**
 * The rpc_error for a request that does not decode: an unknown method is
 * INPUT_METHOD_INVALID_<id>, as Telegram names it; an unknown constructor inside a known method
 * is INPUT_CONSTRUCTOR_INVALID_<id> (both codes are in Telegram's error list; the id is the
 * innermost unknown constructor, never the invokeWithLayer around it). The log line carries the
 * whole trail, innermost first.
 */
function undecodableError(error: DecodeError): string {
  if (error instanceof TlDecodeError && error.unknownConstructor !== undefined) {
    const place = error.trail[0];
    const isMethod = place === undefined || QUERY_WRAPPERS.test(place);
    return `${isMethod ? 'INPUT_METHOD_INVALID' : 'INPUT_CONSTRUCTOR_INVALID'}_${error.unknownConstructor}`;
  }
  return 'INPUT_FETCH_FAIL';
}
