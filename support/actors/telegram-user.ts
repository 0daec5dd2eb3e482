/**
 * The ability to use Telegram as a person: a logged-in GramJS client, the log of their chat
 * with the bot, and the bot it talks to. One per person per worker: logging in costs a
 * handshake and a sign-up, so the client stays connected across scenarios and is only
 * *prepared* again for each one.
 *
 * It is the only code that touches the GramJS client, so it is the one door to the bot: each
 * method that gives the bot an update logs it (and so counts it for the settle barrier) in the
 * same call that sends it. A task cannot send without being counted, nor count without sending.
 */
import { randomBytes } from 'node:crypto';
import bigInt from 'big-integer';
import { Api, type TelegramClient } from 'telegram';
import { CustomFile } from 'telegram/client/uploads';
import { EditedMessage, type EditedMessageEvent } from 'telegram/events/EditedMessage';
import { NewMessage, type NewMessageEvent } from 'telegram/events/NewMessage';
import { Raw } from 'telegram/events/Raw';
import type { Backend, PersonSlot } from '../backends';
import { closeClient } from '../backends/close-client';
import type { Fixture } from './fixtures';
import { Inbox, type SentContent } from './inbox';

/** How a file goes out when it is not a photo. */
export type DocumentKind = 'file' | 'voice' | 'sticker';

export class TelegramUser {
  private bot?: Api.InputPeerUser;
  private botUsername?: string;
  private forwardsHidden = false;
  private username?: string;
  /** This scenario's log; a placeholder that watches no chat until {@link prepare}. */
  private log = new Inbox(0n);

  private constructor(
    private readonly client: TelegramClient,
    public me: Api.User,
  ) {}

  /** Logs the person in and starts recording what reaches them before anything else happens. */
  static async logIn(backend: Backend, slot: PersonSlot): Promise<TelegramUser> {
    const client = await backend.signIn(slot);
    // Texts go out exactly as a scenario wrote them: no markdown parsing on the client.
    client.setParseMode(undefined);
    const user = new TelegramUser(client, (await client.getMe()) as Api.User);
    client.addEventHandler((event: NewMessageEvent) => user.log.recordNewMessage(event.message), new NewMessage({}));
    client.addEventHandler((event: EditedMessageEvent) => user.log.recordEdit(event.message), new EditedMessage({}));
    client.addEventHandler(
      (update: Api.TypeUpdate) => update instanceof Api.UpdateDeleteMessages && user.log.recordDeletion(update.messages),
      new Raw({ types: [Api.UpdateDeleteMessages] }),
    );
    return user;
  }

  get id(): number {
    return Number(this.me.id.toString());
  }

  get phone(): string {
    return this.me.phone ?? '';
  }

  /** The log of this scenario's chat with the bot (see {@link Inbox}). */
  get inbox(): Inbox {
    return this.log;
  }

  /**
   * Readies the person for a new scenario: their profile name, an empty chat with the bot (on
   * both sides), Telegram's default privacy, and a new log.
   */
  async prepare(firstName: string, botUsername: string): Promise<void> {
    if (this.me.firstName !== firstName) {
      this.me = (await this.client.invoke(new Api.account.UpdateProfile({ firstName, lastName: '' }))) as Api.User;
    }
    if (this.botUsername !== botUsername) {
      const resolved = await this.client.invoke(new Api.contacts.ResolveUsername({ username: botUsername }));
      const user = resolved.users.find((u): u is Api.User => u instanceof Api.User && u.bot === true);
      if (!user) throw new Error(`@${botUsername} is not a bot on this Telegram`);
      this.bot = new Api.InputPeerUser({ userId: user.id, accessHash: user.accessHash! });
      this.botUsername = botUsername;
    }
    await this.client.invoke(new Api.messages.DeleteHistory({ peer: this.botPeer(), maxId: 0, revoke: true }));
    if (this.forwardsHidden) await this.setForwardsHidden(false);
    this.log = new Inbox(BigInt(this.botPeer().userId.toString()));
  }

  // ── to the bot: each call logs what it sends, and the updates that gives the bot ──────────

  /** Types a text (or a command) and sends it: one update. */
  sendText(text: string): Promise<void> {
    return this.toBot(1, { text }, async (bot) => [await this.client.sendMessage(bot, { message: text, parseMode: undefined })]);
  }

  /** Sends photos: each its own message, or (`album`) one album; one update per photo either way. */
  sendPhotos(photos: readonly Fixture[], options: { caption?: string; album?: boolean } = {}): Promise<void> {
    if (options.album && (photos.length < 2 || photos.length > 10)) throw new Error(`An album holds 2 to 10 photos, not ${photos.length}`);
    const content = { text: options.caption, photos };
    if (options.album) return this.toBot(photos.length, content, async (bot) => asMessages(await this.client.sendFile(bot, { file: photos.map(asFile) })));
    if (photos.length !== 1) throw new Error(`Send photos one at a time (or as an album), not ${photos.length} in one message`);
    return this.toBot(1, content, async (bot) => [await this.client.sendFile(bot, { file: asFile(photos[0]!), caption: options.caption, parseMode: undefined })]);
  }

  /** Sends a file as a document: "send as file", a voice note, or a sticker. One update. */
  sendDocument(document: Fixture, kind: DocumentKind): Promise<void> {
    const attributes = {
      file: undefined,
      voice: [new Api.DocumentAttributeAudio({ voice: true, duration: 2 })],
      sticker: [new Api.DocumentAttributeSticker({ alt: '👍', stickerset: new Api.InputStickerSetEmpty() })],
    }[kind];
    return this.toBot(1, { files: [document] }, async (bot) => [
      await this.client.sendFile(bot, { file: asFile(document), forceDocument: kind !== 'voice', voiceNote: kind === 'voice', attributes }),
    ]);
  }

  /** What a Telegram app does with a t.me/<bot>?start=<payload> link: messages.startBot, which sends "/start <payload>". */
  startBot(payload: string): Promise<void> {
    return this.toBot(1, { text: `/start ${payload}` }, async (bot) =>
      sentIn(await this.client.invoke(new Api.messages.StartBot({ bot, peer: bot, randomId: bigInt(randomBytes(7).toString('hex'), 16), startParam: payload }))),
    );
  }

  /** Forwards messages to the bot (from the chat with `from`): one update each. */
  forwardToBot(from: Api.TypeInputPeer, messageIds: readonly number[]): Promise<void> {
    return this.toBot(messageIds.length, {}, async (bot) => this.client.forwardMessages(bot, { messages: [...messageIds], fromPeer: from }));
  }

  /**
   * Presses an inline callback button under `message`, `times` at once (as a person tapping
   * again before the message changes): one update per press. Notices the bot answers with are logged.
   */
  async press(message: Api.Message, button: Api.KeyboardButtonCallback, times = 1): Promise<void> {
    const bot = this.botPeer();
    for (let i = 0; i < times; i++) this.log.recordPress(button.text, message.id);
    const log = this.log;
    const answers = await Promise.all(Array.from({ length: times }, () => this.client.invoke(new Api.messages.GetBotCallbackAnswer({ peer: bot, msgId: message.id, data: button.data }))));
    for (const answer of answers) log.recordNotice(answer);
  }

  // ── to people, and reading ─────────────────────────────────────────────────────────────────

  /**
   * Writes to another person directly (not to the bot). It passes no bot, so the barrier
   * counts it apart: as sent here and as arrived in the other person's log.
   */
  async writeTo(other: TelegramUser, text: string): Promise<void> {
    const peer = await this.peerOf(other);
    this.log.recordWriting(other.id);
    await this.client.sendMessage(peer, { message: text, parseMode: undefined });
  }

  /** `other` as an input peer, found by username as a person would find them. */
  async peerOf(other: TelegramUser): Promise<Api.InputPeerUser> {
    const username = await other.ensureUsername();
    const resolved = await this.client.invoke(new Api.contacts.ResolveUsername({ username }));
    const user = resolved.users.find((u): u is Api.User => u instanceof Api.User && u.id.toString() === String(other.id));
    if (!user) throw new Error(`${this.me.firstName} cannot find ${other.me.firstName} on Telegram as @${username}`);
    return new Api.InputPeerUser({ userId: user.id, accessHash: user.accessHash! });
  }

  /** The bytes of a message's photo or file, as the person's app downloads them. */
  async download(message: Api.Message): Promise<Buffer> {
    const bytes = await this.client.downloadMedia(message, {});
    if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw new Error(`${this.me.firstName} could not download the media of message ${message.id}`);
    return bytes;
  }

  /** The bot's peer; known once {@link prepare} ran. */
  botPeer(): Api.InputPeerUser {
    if (!this.bot) throw new Error('This person has not been prepared for a scenario (no bot peer yet)');
    return this.bot;
  }

  // ── the person's own settings ──────────────────────────────────────────────────────────────

  /**
   * Telegram's "Forwarded messages" privacy setting, set as a Telegram app does
   * (account.setPrivacy, inputPrivacyKeyForwards): hidden means forwards of this person's
   * messages carry only their name; shown is Telegram's default, "Everybody".
   */
  async setForwardsHidden(hidden: boolean): Promise<void> {
    await this.client.invoke(
      new Api.account.SetPrivacy({
        key: new Api.InputPrivacyKeyForwards(),
        rules: [hidden ? new Api.InputPrivacyValueDisallowAll() : new Api.InputPrivacyValueAllowAll()],
      }),
    );
    this.forwardsHidden = hidden;
  }

  /**
   * A username others can find this person by (set on first need, kept for the worker): how
   * one person starts a private chat with another.
   */
  async ensureUsername(): Promise<string> {
    if (!this.username) {
      const wanted = `fa_${this.id.toString(36)}_${randomBytes(3).toString('hex')}`;
      this.me = (await this.client.invoke(new Api.account.UpdateUsername({ username: wanted }))) as Api.User;
      this.username = wanted;
    }
    return this.username;
  }

  /** Disconnects (the account stays signed up; the worker logs in again next run). */
  async disconnect(): Promise<void> {
    await closeClient(this.client);
  }

  /** The one door: log `updates` for the barrier, then send, then log what Telegram made of it. */
  private async toBot(updates: number, content: SentContent, send: (bot: Api.InputPeerUser) => Promise<Api.Message[]>): Promise<void> {
    const bot = this.botPeer();
    const log = this.log;
    const sending = log.recordSending(updates, content);
    log.recordSent(sending, await send(bot));
  }
}

function asFile(fixture: Fixture): CustomFile {
  return new CustomFile(fixture.name, fixture.bytes.length, '', fixture.bytes);
}

function asMessages(sent: Api.Message | Api.Message[]): Api.Message[] {
  return Array.isArray(sent) ? sent : [sent];
}

/** The messages an `Updates` answer says this person sent (messages.startBot answers that way). */
function sentIn(updates: Api.TypeUpdates): Api.Message[] {
  const list = updates instanceof Api.Updates || updates instanceof Api.UpdatesCombined ? updates.updates : [];
  return list.flatMap((update) => (update instanceof Api.UpdateNewMessage && update.message instanceof Api.Message && update.message.out ? [update.message] : []));
}
