import { EventEmitter } from 'node:events';
import { randomBytes } from 'node:crypto';
import { BadRequestError, ForbiddenError } from '../errors';
import { unixNow } from './clock';
import { DEFAULT_DC, homeDcOfPhone } from './dcs';
import { detectEntities } from './entities';
import { Faults } from './faults';
import { UpdateJournal } from './update-journal';
import { randomLong } from './ids';
import { MediaStore, type MediaUsage } from './media-store';
import { UploadParts } from './upload-parts';
import { DEFAULT_PRIVACY, privacyAllows, type PrivacyKey, type PrivacyRule } from './privacy';
import {
  LIMITS, checkBotUsername, checkMessageText, checkModified, checkNewUsername, isUsernameShaped, withoutAt,
} from './rules';
import type {
  Account, BoxEvent, CallbackAnswer, CallbackQuery, DeletionEvent, Document, DocumentKind,
  BlockEvent, FileMedia, Media, Message, MessageEntity, Photo, ProcessedPhoto, Reaction, ReactionEvent, ReplyMarkup,
} from './types';

export interface StateEvents {
  /** A message was put in `ownerId`'s box (once per participant). */
  message: [BoxEvent];
  /** A message in `ownerId`'s box changed (once per participant still holding it). */
  edit: [BoxEvent];
  /** Messages left `ownerId`'s box. */
  delete: [DeletionEvent];
  /** A user pressed an inline button on a bot's message; the bot must answer it. */
  callbackQuery: [CallbackQuery];
  /** Everything was forgotten (`reset()`): built-in accounts such as @BotFather make themselves again. */
  reset: [];
  /** An account was deleted (`deleteAccount`: @BotFather's /deletebot, or a wipe of the test DC). */
  accountDeleted: [Account];
  /** Someone set or changed their reactions to a message. */
  reaction: [ReactionEvent];
  /** A person blocked or unblocked another account. */
  block: [BlockEvent];
}

export interface StateOptions {
  /** Bytes of files no message holds that stay stored for bots' file_ids (`media-store.ts`; default 64 MB). */
  mediaBudgetBytes?: number;
  /** Upload parts no send used are forgotten after this long without a new part (`upload-parts.ts`; default 10 min). */
  uploadPartsTtlMs?: number;
  /** Bytes unfinished uploads may hold together; past it the least recently touched go first (default 512 MB). */
  uploadPartsBudgetBytes?: number;
  /** The clock for upload expiry (ms); tests pass their own. */
  now?: () => number;
}

/** Default for {@link StateOptions.uploadPartsBudgetBytes}. */
export const DEFAULT_UPLOAD_PARTS_BUDGET_BYTES = 512 * 1024 * 1024;

export interface NewMessage {
  text?: string;
  /** When absent on a user's message, entities are detected as Telegram's server does. */
  entities?: MessageEntity[];
  media?: Media;
  replyMarkup?: ReplyMarkup;
  groupedId?: bigint;
  /** Box id, in the sender's box, of the message this one replies to. */
  replyToBoxId?: number;
}

export interface MessageChanges {
  text?: string;
  entities?: MessageEntity[];
  /** `null` removes the markup. */
  replyMarkup?: ReplyMarkup | null;
  /** New media in place of the old (editMessageMedia); `text` and `entities` are then its caption. */
  media?: FileMedia;
}

/**
 * The one state behind both protocols: accounts, private chats as per-account message boxes,
 * media, uploads, callback queries. Methods validate like Telegram does and throw
 * TelegramErrors with Telegram's names; every change is announced as an event so the MTProto
 * side can push updates and the Bot API side can queue them.
 */
export class TelegramState extends EventEmitter<StateEvents> {
  readonly faults = new Faults();
  /** Each user's box changes in pts order, for `updates.getDifference`. */
  readonly journal = new UpdateJournal();
  private readonly accounts = new Map<number, Account>();
  private readonly boxes = new Map<number, Map<number, Message>>();
  private readonly media: MediaStore;
  private readonly uploads: UploadParts;
  private readonly conversations = new Set<string>();
  /** `<blocker>:<blocked>` → when, for every block in force (oldest first). */
  private readonly blocks = new Map<string, number>();
  private readonly callbackQueries = new Map<bigint, { query: CallbackQuery; settle: (answer: CallbackAnswer | Error) => void }>();
  private nextAccountId = 1_000_001;
  private nextMessageKey = 1;
  private nextMediaId = 1n;

  constructor(options: StateOptions = {}) {
    super();
    this.media = new MediaStore({ budgetBytes: options.mediaBudgetBytes });
    this.uploads = new UploadParts({
      ttlMs: options.uploadPartsTtlMs,
      budgetBytes: options.uploadPartsBudgetBytes ?? DEFAULT_UPLOAD_PARTS_BUDGET_BYTES,
      now: options.now,
    });
    // Many sessions may listen at once (one per connected client and bot).
    this.setMaxListeners(0);
  }

  // ── accounts ────────────────────────────────────────────────────────────────────────────

  createUser(init: { phone: string; firstName: string; lastName?: string }): Account {
    const phone = normalizePhone(init.phone);
    if (this.findByPhone(phone)) throw new BadRequestError('PHONE_NUMBER_OCCUPIED', `${phone} is already signed up`);
    const firstName = init.firstName.trim();
    if (!firstName || firstName.length > 64) throw new BadRequestError('FIRSTNAME_INVALID', 'a first name of 1 to 64 characters is required');
    return this.addAccount({ isBot: false, phone, firstName, lastName: (init.lastName ?? '').trim(), homeDc: homeDcOfPhone(phone) });
  }

  /**
   * Creates a bot the way @BotFather does; the token is `<id>:<35 characters>` unless given.
   * `ownerId` is the user who asked @BotFather for it.
   */
  createBot(init: { username: string; firstName?: string; token?: string; ownerId?: number }): Account {
    const username = withoutAt(init.username);
    checkBotUsername(username);
    if (this.findByUsername(username)) throw new BadRequestError('USERNAME_OCCUPIED', `@${username} is taken`);
    const token = init.token ?? newBotToken(this.nextAccountId);
    if (this.findByToken(token)) throw new BadRequestError('TOKEN_OCCUPIED', 'another bot has this token');
    return this.addAccount({
      isBot: true, firstName: init.firstName ?? username, lastName: '', username, botToken: token, homeDc: DEFAULT_DC, botOwnerId: init.ownerId,
    });
  }

  /**
   * A bot of Telegram's own, such as @BotFather: its username need not end in "bot", and it has
   * no token (no one logs in as it over the Bot API; the emulator answers for it).
   */
  createBuiltInBot(init: { username: string; firstName: string }): Account {
    if (this.findByUsername(init.username)) throw new BadRequestError('USERNAME_OCCUPIED', `@${init.username} is taken`);
    return this.addAccount({ isBot: true, firstName: init.firstName, lastName: '', username: init.username, homeDc: DEFAULT_DC });
  }

  /** The bots a user made through @BotFather, oldest first. */
  botsOwnedBy(userId: number): Account[] {
    return [...this.accounts.values()].filter((account) => account.isBot && account.botOwnerId === userId);
  }

  /** Gives a bot a new token (@BotFather's /revoke): the old one stops working at once. */
  revokeBotToken(botId: number): string {
    const bot = this.requireAccount(botId);
    if (!bot.isBot || bot.botToken === undefined) throw new BadRequestError('BOT_INVALID', `account ${botId} is not a bot with a token`);
    bot.botToken = newBotToken(bot.id);
    return bot.botToken;
  }

  /**
   * Deletes an account (@BotFather's /deletebot, or the test DC wiping a user): it and its
   * messages are gone from every box (the other participants see them deleted), its sessions
   * are signed out (their auth keys name an account that no longer exists), its username is free.
   */
  deleteAccount(accountId: number): void {
    const account = this.requireAccount(accountId);
    const byPeer = new Map<number, number[]>();
    for (const message of this.boxes.get(accountId)?.values() ?? []) {
      const peerId = this.peerOf(message, accountId);
      const peerBoxId = message.boxIds.get(peerId);
      if (peerBoxId !== undefined && peerId !== accountId) byPeer.set(peerId, [...(byPeer.get(peerId) ?? []), peerBoxId]);
    }
    for (const [peerId, boxIds] of byPeer) if (this.accounts.has(peerId)) this.removeFromBox(peerId, boxIds, 0);
    for (const message of this.boxes.get(accountId)?.values() ?? []) this.leaveBox(message, accountId);
    this.accounts.delete(account.id);
    this.boxes.delete(account.id);
    this.journal.forget(account.id);
    for (const key of [...this.conversations]) if (key.split(':').includes(String(account.id))) this.conversations.delete(key);
    for (const key of [...this.blocks.keys()]) if (key.split(':').includes(String(account.id))) this.blocks.delete(key);
    this.emit('accountDeleted', account);
  }

  /**
   * Puts back an account saved from an earlier run (`persistence.ts`), with its id and access
   * hash, so the sessions clients saved for it stay valid. Fails if the id, number, username or
   * token is taken.
   */
  restoreAccount(saved: Pick<Account, 'id' | 'accessHash' | 'isBot' | 'firstName' | 'lastName' | 'username' | 'phone' | 'botToken' | 'homeDc' | 'botOwnerId'>): Account {
    if (this.accounts.has(saved.id)) throw new Error(`Account ${saved.id} exists already: restore into a fresh state.`);
    if (saved.phone !== undefined && this.findByPhone(saved.phone)) throw new BadRequestError('PHONE_NUMBER_OCCUPIED', `${saved.phone} is already signed up`);
    if (saved.username !== undefined && this.findByUsername(saved.username)) throw new BadRequestError('USERNAME_OCCUPIED', `@${saved.username} is taken`);
    if (saved.botToken !== undefined && this.findByToken(saved.botToken)) throw new BadRequestError('TOKEN_OCCUPIED', 'another bot has this token');
    const account: Account = { ...saved, botCommands: new Map(), lastMessageId: 0, pts: 1, privacy: new Map() };
    this.accounts.set(account.id, account);
    this.boxes.set(account.id, new Map());
    this.nextAccountId = Math.max(this.nextAccountId, account.id + 1);
    return account;
  }

  private addAccount(fields: Pick<Account, 'isBot' | 'firstName' | 'lastName' | 'username' | 'phone' | 'botToken' | 'homeDc' | 'botOwnerId'>): Account {
    const account: Account = {
      ...fields,
      id: this.nextAccountId++,
      accessHash: randomLong(),
      botCommands: new Map(),
      lastMessageId: 0,
      pts: 1,
      privacy: new Map(),
    };
    this.accounts.set(account.id, account);
    this.boxes.set(account.id, new Map());
    return account;
  }

  /** Replaces a person's rules for `key` (Telegram's account.setPrivacy); returns them. */
  setPrivacy(accountId: number, key: PrivacyKey, rules: readonly PrivacyRule[]): readonly PrivacyRule[] {
    const account = this.requireAccount(accountId);
    const kept = rules.map((rule) => ('userIds' in rule ? { kind: rule.kind, userIds: [...rule.userIds] } : { kind: rule.kind }));
    account.privacy.set(key, kept);
    return kept;
  }

  /** A person's rules for `key`: what they set, or Telegram's default. */
  privacyOf(accountId: number, key: PrivacyKey): readonly PrivacyRule[] {
    return this.requireAccount(accountId).privacy.get(key) ?? DEFAULT_PRIVACY[key];
  }

  /** Whether `accountId`'s setting for `key` lets `otherId` do it (e.g. link to them in a forward). */
  privacyAllows(accountId: number, key: PrivacyKey, otherId: number): boolean {
    return privacyAllows(this.privacyOf(accountId, key), otherId);
  }

  findAccount(id: number): Account | undefined {
    return this.accounts.get(id);
  }

  /** The account with this id; PEER_ID_INVALID when there is none or the access hash is wrong. */
  requireAccount(id: number, accessHash?: bigint): Account {
    const account = this.accounts.get(id);
    if (!account || (accessHash !== undefined && accessHash !== account.accessHash)) {
      throw new BadRequestError('PEER_ID_INVALID', `no account ${id} (or a wrong access hash)`);
    }
    return account;
  }

  findByPhone(phone: string): Account | undefined {
    const digits = normalizePhone(phone);
    for (const account of this.accounts.values()) if (account.phone === digits) return account;
    return undefined;
  }

  findByUsername(username: string): Account | undefined {
    const wanted = withoutAt(username).toLowerCase();
    for (const account of this.accounts.values()) if (account.username?.toLowerCase() === wanted) return account;
    return undefined;
  }

  findByToken(token: string): Account | undefined {
    for (const account of this.accounts.values()) if (account.isBot && account.botToken === token) return account;
    return undefined;
  }

  listAccounts(): Account[] {
    return [...this.accounts.values()];
  }

  updateProfile(id: number, changes: { firstName?: string; lastName?: string }): Account {
    const account = this.requireAccount(id);
    if (changes.firstName !== undefined) {
      const firstName = changes.firstName.trim();
      if (!firstName || firstName.length > 64) throw new BadRequestError('FIRSTNAME_INVALID', 'a first name of 1 to 64 characters is required');
      account.firstName = firstName;
    }
    if (changes.lastName !== undefined) account.lastName = changes.lastName.trim().slice(0, 64);
    return account;
  }

  /** Sets or (with '') removes a username, with Telegram's rules and errors. */
  setUsername(id: number, username: string): Account {
    const account = this.requireAccount(id);
    const wanted = withoutAt(username);
    if (wanted === '') {
      account.username = undefined;
      return account;
    }
    checkNewUsername(wanted);
    if (account.username === wanted) throw new BadRequestError('USERNAME_NOT_MODIFIED', 'this is already the username');
    const holder = this.findByUsername(wanted);
    if (holder && holder.id !== id) throw new BadRequestError('USERNAME_OCCUPIED', `@${wanted} is taken`);
    account.username = wanted;
    return account;
  }

  /** True when `username` could be taken by `accountId`: free, or already its own. USERNAME_INVALID when malformed. */
  isUsernameAvailable(accountId: number, username: string): boolean {
    const wanted = withoutAt(username);
    checkNewUsername(wanted);
    const holder = this.findByUsername(wanted);
    return !holder || holder.id === accountId;
  }

  resolveUsername(username: string): Account {
    const wanted = withoutAt(username);
    if (!isUsernameShaped(wanted)) throw new BadRequestError('USERNAME_INVALID', `"${username}" is not a valid username`);
    const account = this.findByUsername(wanted);
    if (!account) throw new BadRequestError('USERNAME_NOT_OCCUPIED', `nobody has the username @${wanted}`);
    return account;
  }

  /** True once the user has written to the bot (pressing Start sends /start): then the bot may write back. */
  hasConversation(userId: number, botId: number): boolean {
    return this.conversations.has(`${userId}:${botId}`);
  }

  // ── blocking ────────────────────────────────────────────────────────────────────────────

  /** Whether `blockerId` has blocked `peerId` (contacts.block). */
  isBlocked(blockerId: number, peerId: number): boolean {
    return this.blocks.has(`${blockerId}:${peerId}`);
  }

  /**
   * Blocks or unblocks an account, as contacts.block / contacts.unblock do: a bot may no longer
   * write to a person who blocked it (USER_IS_BLOCKED), and the person may not write to whom
   * they blocked (YOU_BLOCKED_USER). A change is announced once; repeating it changes nothing.
   */
  setBlocked(blockerId: number, peerId: number, blocked: boolean): void {
    this.requireAccount(blockerId);
    this.requireAccount(peerId);
    if (blockerId === peerId) throw new BadRequestError('CONTACT_ID_INVALID', 'nobody can block themselves');
    const key = `${blockerId}:${peerId}`;
    if (this.blocks.has(key) === blocked) return;
    const date = unixNow();
    if (blocked) this.blocks.set(key, date);
    else this.blocks.delete(key);
    this.emit('block', { blockerId, peerId, blocked, date });
  }

  /** Whom `accountId` has blocked and when, the oldest block first. */
  blockedBy(accountId: number): Array<{ peerId: number; date: number }> {
    return [...this.blocks]
      .filter(([key]) => key.startsWith(`${accountId}:`))
      .map(([key, date]) => ({ peerId: Number(key.split(':')[1]), date }));
  }

  /**
   * Who may write to whom: never a bot to a bot (USER_IS_BOT), and a bot to a user only once
   * the user has written to it (USER_IS_BLOCKED). A protocol may check before it stores media.
   */
  checkCanWrite(senderId: number, recipientId: number): void {
    const sender = this.requireAccount(senderId);
    const recipient = this.requireAccount(recipientId);
    if (sender.isBot && recipient.isBot) throw new BadRequestError('USER_IS_BOT', 'bots cannot write to bots');
    // 400 USER_IS_BLOCKED / YOU_BLOCKED_USER, as core.telegram.org/method/messages.sendMessage lists
    // them; the Bot API turns the first into 403 "Forbidden: bot was blocked by the user"
    // (tdlib/telegram-bot-api Client::fail_query_with_error, in its error_code == 400 branch).
    if (this.isBlocked(recipientId, senderId)) throw new BadRequestError('USER_IS_BLOCKED', `account ${recipientId} has blocked ${senderId}`);
    if (this.isBlocked(senderId, recipientId)) throw new BadRequestError('YOU_BLOCKED_USER', `unblock account ${recipientId} first (contacts.unblock)`);
    // A bot writing first: Telegram's 403 for a write not allowed in a chat. Bots meet it only
    // through the Bot API, which words it as TDLib does: "bot can't initiate conversation with a user".
    if (sender.isBot && !this.hasConversation(recipientId, senderId)) {
      throw new ForbiddenError('CHAT_WRITE_FORBIDDEN', "bot can't initiate conversation with a user");
    }
  }

  // ── media and uploads ───────────────────────────────────────────────────────────────────

  /**
   * Keeps a photo made by `processPhoto` (its JPEG sizes and stripped thumbnail) on DC `dcId`
   * (the uploader's; a bot's files live on {@link DEFAULT_DC}). Processing is apart, and
   * asynchronous, so that callers can refuse a bad image before anything is stored.
   */
  storePhoto(processed: ProcessedPhoto, dcId: number = DEFAULT_DC): Photo {
    const photo: Photo = { ...this.newMediaIdentity(), sizes: processed.sizes, stripped: processed.stripped, dcId };
    this.media.add({ kind: 'photo', photo });
    return photo;
  }

  storeDocument(init: { bytes: Buffer; mimeType: string; kind?: DocumentKind; fileName?: string; duration?: number; width?: number; height?: number; emoji?: string; title?: string; performer?: string; dcId?: number }): Document {
    const document: Document = { ...this.newMediaIdentity(), kind: 'file', ...init, dcId: init.dcId ?? DEFAULT_DC };
    this.media.add({ kind: 'document', document });
    return document;
  }

  findPhoto(id: bigint): Photo | undefined {
    return this.media.findPhoto(id);
  }

  findDocument(id: bigint): Document | undefined {
    return this.media.findDocument(id);
  }

  /**
   * What stored files and unfinished uploads hold: for tests, the bench and snapshots. Expired
   * upload parts are forgotten first, so the figure is what is really kept.
   */
  mediaUsage(): MediaUsage & { uploads: number; uploadBytes: number } {
    this.uploads.sweep();
    const uploads = this.uploads.usage();
    return { ...this.media.usage(), uploads: uploads.uploads, uploadBytes: uploads.bytes };
  }

  /** Forgets upload parts past their TTL (the emulator calls it now and then; saves and sends do too). */
  sweepUploads(): void {
    this.uploads.sweep();
  }

  private newMediaIdentity() {
    return {
      id: (BigInt(Date.now()) << 20n) + this.nextMediaId++,
      accessHash: randomLong(),
      fileReference: randomBytes(8),
      date: unixNow(),
    };
  }

  /** Keeps one part of a file a client is uploading (MTProto `upload.saveFilePart`). */
  saveFilePart(accountId: number, fileId: bigint, part: number, bytes: Buffer): void {
    this.uploads.save(accountId, fileId, part, bytes);
  }

  /** Joins an upload's parts, checking that all `totalParts` arrived, and forgets them. */
  takeUpload(accountId: number, fileId: bigint, totalParts: number): Buffer {
    return this.uploads.take(accountId, fileId, totalParts);
  }

  /**
   * Joins an upload's parts, checking that all `totalParts` arrived, and keeps them: a photo is
   * processed before its upload is taken, so a refused image leaves the upload as it was.
   */
  readUpload(accountId: number, fileId: bigint, totalParts: number): Buffer {
    return this.uploads.read(accountId, fileId, totalParts);
  }

  // ── messages ────────────────────────────────────────────────────────────────────────────

  /**
   * Puts a new message in both participants' boxes and announces it. A bot may only write
   * to a user who has written to it first.
   */
  sendMessage(senderId: number, recipientId: number, content: NewMessage, forward?: Message['forward']): Message {
    this.checkCanWrite(senderId, recipientId);
    const sender = this.requireAccount(senderId);
    const recipient = this.requireAccount(recipientId);
    // Only files carry captions: a location, contact, dice or poll has no text of its own.
    const text = content.media && !isFileMedia(content.media) ? '' : content.text ?? '';
    checkMessageText(text, content.media !== undefined);
    const replyTo = content.replyToBoxId !== undefined ? this.boxes.get(senderId)?.get(content.replyToBoxId) : undefined;
    if (content.replyToBoxId !== undefined && !replyTo) throw new BadRequestError('REPLY_TO_MSG_ID_INVALID', `message ${content.replyToBoxId} does not exist`);

    const message: Message = {
      key: this.nextMessageKey++,
      senderId,
      recipientId,
      date: unixNow(),
      text,
      entities: text === '' ? [] : content.entities ?? (sender.isBot ? [] : detectEntities(text)),
      media: content.media,
      replyMarkup: content.replyMarkup,
      forward,
      groupedId: content.groupedId,
      replyToKey: replyTo?.key,
      boxIds: new Map(),
    };
    if (!sender.isBot && recipient.isBot) this.conversations.add(`${senderId}:${recipientId}`);
    const events = [sender, recipient].map((owner) => this.putInBox(owner, message));
    for (const event of events) this.emit('message', event);
    return message;
  }

  /** Forwards messages from `userId`'s chat with `fromPeerId` to `toId`, keeping the original author. */
  forwardMessages(userId: number, fromPeerId: number, boxIds: number[], toId: number, groupedId?: bigint): Message[] {
    const originals = boxIds.map((boxId) => {
      const original = this.boxes.get(userId)?.get(boxId);
      if (!original || this.peerOf(original, userId) !== fromPeerId) throw new BadRequestError('MESSAGE_ID_INVALID', `message ${boxId} is not in this chat`);
      return original;
    });
    return originals.map((original) => {
      const author = this.requireAccount(original.forward?.fromId ?? original.senderId);
      const header = original.forward ?? (!this.privacyAllows(author.id, 'forwards', userId)
        ? { date: original.date, senderName: [author.firstName, author.lastName].filter(Boolean).join(' ') }
        : { date: original.date, fromId: author.id });
      return this.sendMessage(userId, toId, {
        text: original.text,
        entities: original.entities,
        media: original.media,
        groupedId: original.groupedId !== undefined ? groupedId ?? original.groupedId : undefined,
      }, header);
    });
  }

  /**
   * Changes a message its author sent; both participants see the edit. Text given without
   * entities has none; MESSAGE_NOT_MODIFIED when text, entities and markup stay as they are.
   */
  editMessage(editorId: number, boxId: number, changes: MessageChanges): Message {
    const message = this.boxes.get(editorId)?.get(boxId);
    if (!message) throw new BadRequestError('MESSAGE_ID_INVALID', `message ${boxId} does not exist`);
    if (message.senderId !== editorId) throw new ForbiddenError('MESSAGE_AUTHOR_REQUIRED', 'only the author can edit a message');
    const text = changes.text ?? message.text;
    const entities = changes.text === undefined ? message.entities : changes.entities ?? [];
    const markup = changes.replyMarkup === undefined ? message.replyMarkup : changes.replyMarkup ?? undefined;
    // New media is a change in itself, whatever the caption and markup.
    if (!changes.media) checkModified(message, { text, entities, replyMarkup: markup });
    if (changes.text !== undefined) {
      checkMessageText(text, (changes.media ?? message.media) !== undefined);
      message.text = text;
      message.entities = entities;
    }
    if (changes.media) {
      const old = message.media;
      message.media = changes.media;
      this.media.hold(changes.media, [...message.boxIds.keys()].some((ownerId) => this.accounts.get(ownerId)?.isBot));
      if (old && isFileMedia(old)) this.media.release(old);
    }
    message.replyMarkup = markup;
    message.editDate = unixNow();
    for (const [ownerId, ownBoxId] of message.boxIds) {
      const owner = this.requireAccount(ownerId);
      owner.pts++;
      if (!owner.isBot) this.journal.record(ownerId, { kind: 'edit', pts: owner.pts, ptsCount: 1, date: message.editDate!, boxId: ownBoxId });
      this.emit('edit', { ownerId, boxId: ownBoxId, message, outgoing: ownerId === message.senderId, pts: owner.pts });
    }
    return message;
  }

  /**
   * Deletes messages from `accountId`'s box; with `revoke`, from the other participant's box
   * too (bots always revoke). Unknown ids are skipped, as Telegram does; returns the ids
   * that were deleted from `accountId`'s box.
   */
  deleteMessages(accountId: number, boxIds: number[], revoke: boolean): number[] {
    const box = this.boxes.get(accountId);
    if (!box) throw new BadRequestError('PEER_ID_INVALID', `no account ${accountId}`);
    const account = this.requireAccount(accountId);
    const deleted = boxIds.filter((id) => box.has(id));
    const messages = deleted.map((id) => box.get(id)!);
    const byOwner = new Map<number, number[]>();
    for (const message of messages) {
      for (const [ownerId, ownBoxId] of message.boxIds) {
        if (ownerId !== accountId && !(revoke || account.isBot)) continue;
        byOwner.set(ownerId, [...(byOwner.get(ownerId) ?? []), ownBoxId]);
      }
    }
    for (const [ownerId, ids] of byOwner) this.removeFromBox(ownerId, ids, accountId);
    return deleted;
  }

  /** Empties `accountId`'s chat with `peerId` (and the peer's side with `revoke`). */
  clearHistory(accountId: number, peerId: number, revoke: boolean): number {
    const ids = this.history(accountId, peerId).map((entry) => entry.boxId);
    this.deleteMessages(accountId, ids, revoke);
    return ids.length;
  }

  /** Removes every message from an account's box, as the test DC's periodic wipe does. */
  wipeHistory(accountId: number): void {
    const box = this.boxes.get(accountId);
    if (box && box.size > 0) this.removeFromBox(accountId, [...box.keys()], 0);
  }

  /** The account's chat with `peerId`, newest first, as `{ boxId, message }`. */
  history(accountId: number, peerId: number, options: { offsetId?: number; limit?: number } = {}): Array<{ boxId: number; message: Message }> {
    const box = this.boxes.get(accountId) ?? new Map<number, Message>();
    const entries = [...box.entries()]
      .filter(([boxId, message]) => this.peerOf(message, accountId) === peerId && (!options.offsetId || boxId < options.offsetId))
      .sort(([a], [b]) => b - a)
      .map(([boxId, message]) => ({ boxId, message }));
    return options.limit ? entries.slice(0, options.limit) : entries;
  }

  /** A message in `accountId`'s box, or undefined. */
  messageInBox(accountId: number, boxId: number): Message | undefined {
    return this.boxes.get(accountId)?.get(boxId);
  }

  /** The box id that `accountId` sees for a message, or undefined when it left that box. */
  boxIdOf(message: Message, accountId: number): number | undefined {
    return message.boxIds.get(accountId);
  }

  /** The account's chats, newest activity first, each with its top message. */
  dialogs(accountId: number): Array<{ peerId: number; top: { boxId: number; message: Message } }> {
    const tops = new Map<number, { boxId: number; message: Message }>();
    for (const [boxId, message] of this.boxes.get(accountId) ?? []) {
      const peerId = this.peerOf(message, accountId);
      const current = tops.get(peerId);
      if (!current || current.boxId < boxId) tops.set(peerId, { boxId, message });
    }
    return [...tops.entries()].map(([peerId, top]) => ({ peerId, top })).sort((a, b) => b.top.boxId - a.top.boxId);
  }

  /** The other participant of a private chat, seen from `accountId`. */
  peerOf(message: Message, accountId: number): number {
    return message.senderId === accountId ? message.recipientId : message.senderId;
  }

  /**
   * Closes the poll of a message its author sent; both participants see the change as an edit
   * of the message. MESSAGE_ID_INVALID when there is no such message, MEDIA_INVALID when it
   * holds no poll, POLL_ALREADY_CLOSED (Telegram's name) when it was closed before.
   */
  closePoll(accountId: number, boxId: number): Message {
    const message = this.boxes.get(accountId)?.get(boxId);
    if (!message) throw new BadRequestError('MESSAGE_ID_INVALID', `message ${boxId} does not exist`);
    if (message.senderId !== accountId) throw new ForbiddenError('MESSAGE_AUTHOR_REQUIRED', 'only the author can stop a poll');
    if (message.media?.kind !== 'poll') throw new BadRequestError('MEDIA_INVALID', `message ${boxId} holds no poll`);
    if (message.media.poll.closed) throw new BadRequestError('POLL_ALREADY_CLOSED', 'the poll is already closed');
    message.media.poll.closed = true;
    for (const [ownerId, ownBoxId] of message.boxIds) {
      const owner = this.requireAccount(ownerId);
      owner.pts++;
      if (!owner.isBot) this.journal.record(ownerId, { kind: 'edit', pts: owner.pts, ptsCount: 1, date: unixNow(), boxId: ownBoxId });
      this.emit('edit', { ownerId, boxId: ownBoxId, message, outgoing: ownerId === message.senderId, pts: owner.pts });
    }
    return message;
  }

  // ── reactions ───────────────────────────────────────────────────────────────────────────

  /**
   * Sets `accountId`'s reactions to a message in its box (an empty list removes them), as
   * messages.sendReaction does: standard emoji only (REACTION_INVALID otherwise), at most one
   * (REACTIONS_TOO_MANY), and both participants hear of the change. Returns the change as announced.
   */
  setReactions(accountId: number, boxId: number, reactions: Reaction[], big = false): ReactionEvent {
    const message = this.boxes.get(accountId)?.get(boxId);
    if (!message) throw new BadRequestError('MESSAGE_ID_INVALID', `message ${boxId} does not exist`);
    for (const reaction of reactions) {
      if (reaction.kind === 'emoji' && !isStandardReaction(reaction.emoji)) throw new BadRequestError('REACTION_INVALID', `${reaction.emoji} is not one of Telegram's reactions`);
      if (reaction.kind !== 'emoji') throw new BadRequestError('REACTION_INVALID', 'custom emoji and paid reactions need Telegram Premium or Stars, which the embedded Telegram has not');
    }
    // Non-Premium accounts (bots too, core.telegram.org/bots/api#setmessagereaction) set one
    // reaction per message; what the server answers for more is not documented, so the closest
    // error messages.sendReaction lists (core.telegram.org/method/messages.sendReaction).
    if (reactions.length > 1) throw new BadRequestError('REACTIONS_TOO_MANY', 'one reaction per message');
    const old = message.reactions?.get(accountId)?.reactions ?? [];
    const date = unixNow();
    const chosen = (message.reactions ??= new Map());
    if (reactions.length === 0) chosen.delete(accountId);
    else chosen.set(accountId, { reactions, date, big });
    if (chosen.size === 0) message.reactions = undefined;
    // In private chats Telegram carries a reaction as an edit of the message in each box (the
    // message with its new reactions; mtcute's sendReaction reads the edit from the answer):
    // each participant's pts advances, and getDifference replays it as an edit.
    const boxes = [...message.boxIds].map(([ownerId, ownBoxId]) => {
      const owner = this.requireAccount(ownerId);
      owner.pts++;
      if (!owner.isBot) this.journal.record(ownerId, { kind: 'edit', pts: owner.pts, ptsCount: 1, date, boxId: ownBoxId });
      return { ownerId, boxId: ownBoxId, pts: owner.pts };
    });
    const event: ReactionEvent = { message, actorId: accountId, old, new: reactions, date, big, boxes };
    this.emit('reaction', event);
    return event;
  }

  /** A contact card; it names the Telegram account with that phone number, if there is one. */
  contactCard(init: { phoneNumber: string; firstName: string; lastName?: string; vcard?: string }): Extract<Media, { kind: 'contact' }> {
    const holder = /\d/.test(init.phoneNumber) ? this.findByPhone(init.phoneNumber) : undefined;
    return {
      kind: 'contact',
      phoneNumber: init.phoneNumber,
      firstName: init.firstName,
      lastName: init.lastName ?? '',
      vcard: init.vcard ?? '',
      ...(holder && !holder.isBot ? { userId: holder.id } : {}),
    };
  }

  // ── inline buttons ──────────────────────────────────────────────────────────────────────

  /**
   * Presses an inline button: the bot receives a callback query, and the returned promise
   * resolves with its answer (BOT_RESPONSE_TIMEOUT if it never answers).
   */
  pressButton(userId: number, boxId: number, data: Buffer): Promise<CallbackAnswer> {
    const message = this.boxes.get(userId)?.get(boxId);
    if (!message) throw new BadRequestError('MESSAGE_ID_INVALID', `message ${boxId} does not exist`);
    const bot = this.requireAccount(message.senderId);
    const buttons = message.replyMarkup?.kind === 'inline' ? message.replyMarkup.rows.flat() : [];
    if (!bot.isBot || !buttons.some((button) => button.callbackData?.equals(data))) {
      throw new BadRequestError('DATA_INVALID', 'the message has no button with this callback data');
    }
    const query: CallbackQuery = {
      id: randomLong(),
      fromId: userId,
      botId: bot.id,
      message,
      data,
      chatInstance: BigInt(userId) * 1_000_003n + BigInt(bot.id),
      date: unixNow(),
    };
    return new Promise<CallbackAnswer>((resolve, reject) => {
      const timer = setTimeout(() => settle(new BadRequestError('BOT_RESPONSE_TIMEOUT', 'the bot did not answer the callback query in time')), LIMITS.callbackAnswerTimeoutMs);
      timer.unref();
      const settle = (answer: CallbackAnswer | Error) => {
        clearTimeout(timer);
        this.callbackQueries.delete(query.id);
        if (answer instanceof Error) reject(answer);
        else resolve(answer);
      };
      this.callbackQueries.set(query.id, { query, settle });
      this.emit('callbackQuery', query);
    });
  }

  /** The bot's answer to a pressed button; QUERY_ID_INVALID when unknown or already answered. */
  answerCallbackQuery(botId: number, queryId: bigint, answer: CallbackAnswer): void {
    const pending = this.callbackQueries.get(queryId);
    if (!pending || pending.query.botId !== botId) throw new BadRequestError('QUERY_ID_INVALID', 'query is too old and response timeout expired or query ID is invalid');
    pending.query.answer = answer;
    pending.settle(answer);
  }

  // ── whole state ─────────────────────────────────────────────────────────────────────────

  /** Forgets everything: accounts, chats, media, faults. */
  reset(): void {
    for (const { settle } of this.callbackQueries.values()) settle(new BadRequestError('QUERY_ID_INVALID', 'the emulator was reset'));
    this.accounts.clear();
    this.boxes.clear();
    this.media.clear();
    this.uploads.clear();
    this.conversations.clear();
    this.blocks.clear();
    this.faults.clear();
    this.journal.clear();
    this.emit('reset');
  }

  private putInBox(owner: Account, message: Message): BoxEvent {
    const boxId = ++owner.lastMessageId;
    owner.pts++;
    if (!owner.isBot) this.journal.record(owner.id, { kind: 'message', pts: owner.pts, ptsCount: 1, date: message.date, boxId });
    if (message.media && isFileMedia(message.media)) {
      // A message holds its file from its first box on; a bot's box hands the bot a file_id.
      if (message.boxIds.size === 0) this.media.hold(message.media, owner.isBot);
      else if (owner.isBot) this.media.handedToBot(message.media);
    }
    message.boxIds.set(owner.id, boxId);
    this.boxes.get(owner.id)!.set(boxId, message);
    return { ownerId: owner.id, boxId, message, outgoing: owner.id === message.senderId, pts: owner.pts };
  }

  /** Takes `message` out of `ownerId`'s box list; its file is released when it left its last box. */
  private leaveBox(message: Message, ownerId: number): void {
    if (!message.boxIds.delete(ownerId) || message.boxIds.size > 0) return;
    if (message.media && isFileMedia(message.media)) this.media.release(message.media);
  }

  /** `causedBy` 0 means the emulator itself (a wipe). */
  private removeFromBox(ownerId: number, boxIds: number[], causedBy: number): void {
    const box = this.boxes.get(ownerId)!;
    const owner = this.requireAccount(ownerId);
    // Oldest first, so that files are released in the order their messages were sent: the
    // media budget evicts the least recently released, and the newest should stay the longest.
    for (const id of [...boxIds].sort((a, b) => a - b)) {
      const message = box.get(id);
      if (message) this.leaveBox(message, ownerId);
      box.delete(id);
    }
    owner.pts += boxIds.length;
    if (!owner.isBot) this.journal.record(ownerId, { kind: 'delete', pts: owner.pts, ptsCount: boxIds.length, date: unixNow(), boxIds });
    this.emit('delete', { ownerId, boxIds, pts: owner.pts, causedBy });
  }

}

/**
 * The reactions any account may set without Premium: the emoji of the Bot API's
 * ReactionTypeEmoji (core.telegram.org/bots/api#reactiontypeemoji), with or without the
 * variation selector some clients add.
 */
const STANDARD_REACTIONS: ReadonlySet<string> = new Set([
  '👍', '👎', '❤', '🔥', '🥰', '👏', '😁', '🤔', '🤯', '😱', '🤬', '😢', '🎉', '🤩', '🤮', '💩', '🙏', '👌', '🕊', '🤡',
  '🥱', '🥴', '😍', '🐳', '❤‍🔥', '🌚', '🌭', '💯', '🤣', '⚡', '🍌', '🏆', '💔', '🤨', '😐', '🍓', '🍾', '💋', '🖕', '😈',
  '😴', '😭', '🤓', '👻', '👨‍💻', '👀', '🎃', '🙈', '😇', '😨', '🤝', '✍', '🤗', '🫡', '🎅', '🎄', '☃', '💅', '🤪', '🗿',
  '🆒', '💘', '🙉', '🦄', '😘', '💊', '🙊', '😎', '👾', '🤷‍♂', '🤷', '🤷‍♀', '😡',
]);

export function isStandardReaction(emoji: string): boolean {
  return STANDARD_REACTIONS.has(emoji.replace(/\uFE0F/g, ''));
}

/** Photos and documents: the media that are files (and may have captions). */
export function isFileMedia(media: Media): media is FileMedia {
  return media.kind === 'photo' || media.kind === 'document';
}

function normalizePhone(phone: string): string {
  return phone.replace(/[^\d]/g, '');
}

/** A bot token as @BotFather makes them: the bot's id, a colon, and 35 URL-safe characters starting "AA". */
function newBotToken(botId: number): string {
  return `${botId}:AA${randomBytes(25).toString('base64url').slice(0, 33)}`;
}
