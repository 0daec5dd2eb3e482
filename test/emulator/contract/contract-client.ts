import type { InnerDataEncryption } from '../../../src/emulator/mtproto/auth-key';

/**
 * What the behaviour suite asks of an MTProto client: one adapter per client library, each
 * using only that library's public API, so the suite runs unchanged against every client.
 */
export interface ReceivedMessage {
  id: number;
  text: string;
  senderId: number;
  /** Callback data of the inline buttons, row by row flattened. */
  buttons: Buffer[];
  hasPhoto: boolean;
}

export interface ContractClient {
  /** Signs in (the account exists) with the test DC's code; returns the account id. */
  signIn(phone: string, code: string): Promise<number>;
  getMe(): Promise<{ id: number; firstName: string; lastName: string }>;
  /** Resolves on the next incoming private message from `fromId` (registered before acting). */
  nextMessageFrom(fromId: number): Promise<ReceivedMessage>;
  sendText(username: string, text: string): Promise<number>;
  /** Presses a callback button of a message in the chat with `username`; returns the notice text. */
  press(username: string, messageId: number, data: Buffer): Promise<string | undefined>;
  sendPhoto(username: string, bytes: Buffer): Promise<number>;
  /** The bytes of the largest size of the photo in message `messageId` of the chat with `username`. */
  downloadPhoto(username: string, messageId: number): Promise<Buffer>;
  editText(username: string, messageId: number, text: string): Promise<void>;
  /** The text of message `messageId` in the chat with `username`, read back from the server. */
  textOf(username: string, messageId: number): Promise<string>;
  updateLastName(lastName: string): Promise<void>;
  /** A string the same library can resume the session from. */
  exportSession(): Promise<string>;
  close(): Promise<void>;
}

/** Where a client connects: the emulator's DC 2 and its key. */
export interface ContractEndpoint {
  host: string;
  port: number;
  dcId: number;
  rsaPublicKeyPem: string;
  rsaPublicKeyPkcs1Pem: string;
  /** Its fingerprint, unsigned hex. */
  rsaFingerprint: string;
  dcs: Array<{ id: number; host: string; port: number }>;
}

export interface ContractClientFactory {
  readonly name: string;
  /** The TL layer the client declares (invokeWithLayer): the emulator must answer in it. */
  readonly layer: number;
  /** How its key exchange RSA-encrypts p_q_inner_data. */
  readonly innerDataEncryption: InnerDataEncryption;
  create(endpoint: ContractEndpoint, session?: string): Promise<ContractClient>;
}
