/**
 * @BotFather through the wire: a real GramJS client talks to it as a person would (the
 * commands, the questions, its buttons), and the bots it makes work on the Bot API at once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Api, type TelegramClient } from 'telegram';
import { EditedMessage, type EditedMessageEvent } from 'telegram/events/EditedMessage';
import * as texts from '../../../src/emulator/botfather/texts';
import { MAX_BOTS_PER_ACCOUNT } from '../../../src/emulator/botfather/botfather';
import { accountIdOf, GUARD, nextMessage, Twin } from './harness';

const TOKEN_FORMAT = /^(\d+):AA[A-Za-z0-9_-]{33}$/;

describe('the twin: @BotFather', () => {
  let twin: Twin;
  let alice: TelegramClient;
  let botFather: Api.InputPeerUser;
  let aliceId: number;

  /** Sends `text` to @BotFather and resolves with its reply. */
  async function say(text: string): Promise<Api.Message> {
    const reply = nextMessage(alice, (message) => Number(message.senderId?.toString()) === Number(botFather.userId.toString()));
    await alice.sendMessage(botFather, { message: text });
    return reply;
  }

  async function getMe(token: string): Promise<{ status: number; body: { result?: { username: string } } }> {
    const response = await fetch(`${twin.emulator.botApiRoot}/bot${token}/getMe`);
    return { status: response.status, body: (await response.json()) as { result?: { username: string } } };
  }

  /** Makes a bot through the whole /newbot dialogue; returns its token. */
  async function newBot(name: string, username: string): Promise<string> {
    assert.equal((await say('/newbot')).message, texts.ASK_NAME);
    assert.equal((await say(name)).message, texts.ASK_USERNAME);
    const done = await say(username);
    const token = /Use this token to access the HTTP API:\n(\S+)/.exec(done.message)?.[1];
    assert.ok(token, `a token in: ${done.message}`);
    return token;
  }

  before(async () => {
    twin = await Twin.start();
    alice = await twin.person('9996610021', 'Alice');
    aliceId = await accountIdOf(alice);
    const resolved = await alice.invoke(new Api.contacts.ResolveUsername({ username: 'BotFather' }));
    const user = resolved.users[0] as Api.User;
    assert.equal(user.bot, true);
    botFather = new Api.InputPeerUser({ userId: user.id, accessHash: user.accessHash! });
  });
  after(() => twin?.stop());

  it('answers /start with its help', GUARD, async () => {
    assert.equal((await say('/start')).message, texts.HELP);
  });

  it('/newbot asks for a name, then a username ending in "bot", and makes a bot whose token works on the Bot API at once', GUARD, async () => {
    const token = await newBot('Family Album', 'alice_album_bot');
    assert.match(token, TOKEN_FORMAT);
    const [, botId] = TOKEN_FORMAT.exec(token)!;
    const bot = twin.emulator.state.requireAccount(Number(botId));
    assert.equal(bot.username, 'alice_album_bot');
    assert.equal(bot.firstName, 'Family Album');
    assert.equal(bot.botOwnerId, aliceId);
    const me = await getMe(token);
    assert.equal(me.status, 200);
    assert.equal(me.body.result?.username, 'alice_album_bot');
  });

  it('refuses a bad username with its own words, and keeps asking', GUARD, async () => {
    twin.emulator.control.createBot({ username: 'taken_name_bot' });
    await say('/newbot');
    await say('Another one');
    assert.equal((await say('no spaces allowed bot')).message, texts.USERNAME_INVALID);
    assert.equal((await say('album_for_alice')).message, texts.USERNAME_MUST_END_IN_BOT);
    assert.equal((await say('taken_name_bot')).message, texts.USERNAME_TAKEN);
    assert.equal((await say('TAKEN_NAME_BOT')).message, texts.USERNAME_TAKEN, 'usernames are case-insensitive');
    assert.match((await say('alice_second_bot')).message, /^Done! Congratulations on your new bot\. You will find it at t\.me\/alice_second_bot\./);
  });

  it('/mybots lists the bots as buttons; a bot\'s card and its API token are a press away', GUARD, async () => {
    const list = await say('/mybots');
    assert.equal(list.message, texts.CHOOSE_FROM_LIST);
    const markup = list.replyMarkup as Api.ReplyInlineMarkup;
    assert.deepEqual(markup.rows.flatMap((row) => row.buttons.map((b) => b.text)), ['@alice_album_bot', '@alice_second_bot']);

    const edited = (expected: (text: string) => boolean) => new Promise<Api.Message>((resolve) => {
      const builder = new EditedMessage({});
      const handler = (event: EditedMessageEvent) => {
        if (!expected(event.message.message)) return;
        alice.removeEventHandler(handler, builder);
        resolve(event.message);
      };
      alice.addEventHandler(handler, builder);
    });
    const card = edited((text) => text.startsWith('Here it is'));
    await list.click({ text: '@alice_album_bot' });
    assert.equal((await card).message, texts.botCard('Family Album', 'alice_album_bot'));
    const tokenCard = edited((text) => text.startsWith('Here is the token'));
    await (await card).click({ text: 'API Token' });
    const bot = twin.emulator.state.findByUsername('alice_album_bot')!;
    assert.equal((await tokenCard).message, texts.tokenCard('Family Album', 'alice_album_bot', bot.botToken!));
  });

  it('/token shows a bot\'s token; /revoke replaces it and the old one stops working at once', GUARD, async () => {
    const bot = twin.emulator.state.findByUsername('alice_album_bot')!;
    const old = bot.botToken!;
    const choose = await say('/token');
    assert.equal(choose.message, texts.CHOOSE_FOR_TOKEN);
    assert.ok(choose.replyMarkup instanceof Api.ReplyKeyboardMarkup);
    assert.equal((await say('@alice_album_bot')).message, texts.tokenOf(old));

    assert.equal((await say('/revoke')).message, texts.CHOOSE_FOR_REVOKE);
    assert.equal((await say('@someone_elses_bot')).message, texts.INVALID_BOT_SELECTED);
    const revoked = await say('@alice_album_bot');
    const fresh = bot.botToken!;
    assert.notEqual(fresh, old);
    assert.equal(revoked.message, texts.tokenRevoked(fresh));
    assert.match(fresh, TOKEN_FORMAT);
    assert.equal((await getMe(old)).status, 401);
    assert.equal((await getMe(fresh)).status, 200);
  });

  it('/deletebot wants the exact confirmation, then the bot is gone', GUARD, async () => {
    const token = twin.emulator.state.findByUsername('alice_second_bot')!.botToken!;
    assert.equal((await say('/deletebot')).message, texts.CHOOSE_FOR_DELETE);
    assert.equal((await say('@alice_second_bot')).message, texts.confirmDeletion('alice_second_bot'));
    assert.equal((await say('yes')).message, texts.CONFIRMATION_MISMATCH);
    assert.equal((await say(texts.DELETE_CONFIRMATION_PHRASE)).message, texts.BOT_DELETED);
    assert.equal(twin.emulator.state.findByUsername('alice_second_bot'), undefined);
    assert.equal((await getMe(token)).status, 401);
  });

  it('/cancel, stray text and the limit of 20 bots get its own answers', GUARD, async () => {
    assert.equal((await say('/cancel')).message, texts.NOTHING_TO_CANCEL);
    await say('/newbot');
    assert.equal((await say('/cancel')).message, texts.cancelled('newbot'));
    assert.equal((await say('hello there')).message, texts.UNRECOGNIZED);

    const owned = twin.emulator.state.botsOwnedBy(aliceId).length;
    for (let i = owned; i < MAX_BOTS_PER_ACCOUNT; i++) twin.emulator.state.createBot({ username: `alice_spare_${i}_bot`, ownerId: aliceId });
    assert.equal((await say('/newbot')).message, texts.TOO_MANY_BOTS);
  });

  it('is back after a reset wipes every account', GUARD, async () => {
    twin.emulator.control.reset();
    assert.equal(twin.emulator.state.findByUsername('BotFather')?.isBot, true);
  });
});
