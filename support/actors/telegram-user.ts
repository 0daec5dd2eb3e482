/**
 * The ability to use Telegram as a person: a logged-in GramJS client, its inbox, and the bot
 * it talks to. One per person per worker: logging in costs a handshake and a sign-up, so the
 * client stays connected across scenarios and is only *prepared* again for each one.
 */
import { randomBytes } from 'node:crypto';
import { Api, type TelegramClient } from 'telegram';
import { EditedMessage, type EditedMessageEvent } from 'telegram/events/EditedMessage';
import { NewMessage, type NewMessageEvent } from 'telegram/events/NewMessage';
import { Raw } from 'telegram/events/Raw';
import type { Backend, PersonSlot } from '../backends';
import { closeClient } from '../backends/close-client';
import { Inbox } from './inbox';

export class TelegramUser {
  private bot?: Api.InputPeerUser;
  private botUsername?: string;
  private forwardsHidden = false;

  private username?: string;

  private constructor(
    readonly client: TelegramClient,
    public me: Api.User,
    readonly inbox: Inbox,
  ) {}

  /** Logs the person in and starts recording their inbox before anything else happens. */
  static async logIn(backend: Backend, slot: PersonSlot): Promise<TelegramUser> {
    const client = await backend.signIn(slot);
    // Texts go out exactly as a scenario wrote them: no markdown parsing on the client.
    client.setParseMode(undefined);
    const inbox = new Inbox();
    client.addEventHandler((event: NewMessageEvent) => inbox.recordNewMessage(event.message), new NewMessage({}));
    client.addEventHandler((event: EditedMessageEvent) => inbox.recordEdit(event.message), new EditedMessage({}));
    client.addEventHandler(
      (update: Api.TypeUpdate) => update instanceof Api.UpdateDeleteMessages && inbox.recordDeletion(update.messages),
      new Raw({ types: [Api.UpdateDeleteMessages] }),
    );
    const me = (await client.getMe()) as Api.User;
    return new TelegramUser(client, me, inbox);
  }

  get id(): number {
    return Number(this.me.id.toString());
  }

  get phone(): string {
    return this.me.phone ?? '';
  }

  /** The bot's peer; known once {@link prepare} ran. */
  botPeer(): Api.InputPeerUser {
    if (!this.bot) throw new Error('This person has not been prepared for a scenario (no bot peer yet)');
    return this.bot;
  }

  /**
   * Readies the person for a new scenario: their profile name, an empty chat with the bot (on
   * both sides), default privacy, and an empty inbox.
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
      this.inbox.watchBot(BigInt(user.id.toString()));
    }
    await this.client.invoke(new Api.messages.DeleteHistory({ peer: this.botPeer(), maxId: 0, revoke: true }));
    if (this.forwardsHidden) await this.setForwardsHidden(false);
    this.inbox.reset();
  }

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
}
