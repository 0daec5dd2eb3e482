/**
 * One Bot API behaviour suite for every bot library: the bot talks HTTP to the embedded
 * Telegram's Bot API through the library's own requests, and the person it talks to is a real
 * GramJS client over MTProto. A library passes when every case passes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Api } from 'telegram';
import { nextUpdate, startWire, type Person, type Wire } from '../../wire';
import type { BotHandle } from '../../../../src/emulator';
import type { BotLibraryBot, BotLibraryFactory, ReceivedPress, ReceivedText } from './bot-library';

const PHOTO = readFileSync(join(__dirname, '../../../../features/fixtures/beach.png'));

/** Updates the bot's library delivered, taken in order by the cases; a library error fails the wait. */
class Inbox<T> {
  private readonly items: T[] = [];
  private readonly waiting: Array<{ resolve(item: T): void; reject(error: Error): void }> = [];

  put(item: T): void {
    const waiter = this.waiting.shift();
    if (waiter) waiter.resolve(item);
    else this.items.push(item);
  }

  fail(error: Error): void {
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
  }

  next(): Promise<T> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve(item);
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }
}

/** How long a case waits for one arrival before it fails naming what did not arrive. */
const ARRIVAL_GUARD_MS = Number(process.env.CONTRACT_ARRIVAL_TIMEOUT_MS ?? 30_000);

/** `arrival`, or a failure naming what did not arrive and the setting that bounds the wait. */
function guard<T>(arrival: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not arrive within ${ARRIVAL_GUARD_MS} ms (CONTRACT_ARRIVAL_TIMEOUT_MS)`)), ARRIVAL_GUARD_MS);
  });
  return Promise.race([arrival, expired]).finally(() => clearTimeout(timer));
}

/** The next message from the bot pushed to the person (GramJS hands each update of a push to Raw handlers). */
function nextFromBot(person: Person, botId: number, kind: typeof Api.UpdateNewMessage | typeof Api.UpdateEditMessage): Promise<Api.Message> {
  const arrival = nextUpdate(person.client, (update) => {
    if (!(update instanceof kind) || !(update.message instanceof Api.Message)) return undefined;
    const peer = update.message.peerId;
    return peer instanceof Api.PeerUser && Number(String(peer.userId)) === botId ? update.message : undefined;
  });
  return guard(arrival, `the person's ${kind.className} from the bot`);
}

export function botApiBehaviourSuite(factory: BotLibraryFactory): void {
  describe(factory.name, { timeout: 120_000 }, () => {
    let wire: Wire;
    let handle: BotHandle;
    let bot: BotLibraryBot;
    let person: Person;
    let peer: Api.TypeInputPeer;
    const texts = new Inbox<ReceivedText>();
    const presses = new Inbox<ReceivedPress>();

    before(async () => {
      wire = await startWire();
      handle = wire.emulator.control.createBot({ username: 'contract_library_bot', firstName: 'Library' });
      bot = factory.create(handle.token, wire.emulator.botApiRoot);
      person = await wire.person('Alice');
      peer = await wire.peerOf(person, wire.emulator.state.findAccount(handle.id)!);
    });

    after(async () => {
      await bot?.stop();
      await wire?.close();
    });

    test('getMe', async () => {
      assert.deepEqual(await bot.getMe(), { id: handle.id, username: handle.username, isBot: true });
    });

    test('long polling receives a person\'s message', async () => {
      await bot.startPolling({
        onText: (message) => texts.put(message),
        onPress: (press) => presses.put(press),
        onError: (error) => {
          texts.fail(error);
          presses.fail(error);
        },
      });
      await person.client.sendMessage(peer, { message: 'hello bot' });
      const received = await guard(texts.next(), 'the person\'s message at the bot\'s library');
      assert.deepEqual([received.text, received.fromId, received.chatId], ['hello bot', person.account.id, person.account.id]);
    });

    let buttonMessageId = 0;
    test('sendMessage with an inline keyboard reaches the person', async () => {
      const arriving = nextFromBot(person, handle.id, Api.UpdateNewMessage);
      buttonMessageId = await bot.sendMessageWithButton(person.account.id, 'Pick one', { text: 'Press', data: 'pressed' });
      const message = await arriving;
      assert.equal(message.message, 'Pick one');
      assert.ok(message.replyMarkup instanceof Api.ReplyInlineMarkup, 'an inline keyboard');
      const [button] = message.replyMarkup.rows.flatMap((row) => row.buttons);
      assert.ok(button instanceof Api.KeyboardButtonCallback);
      assert.deepEqual([button.text, Buffer.from(button.data).toString()], ['Press', 'pressed']);
      assert.equal(message.id, buttonMessageId);
    });

    test('a press reaches the bot and its answerCallbackQuery reaches the person', async () => {
      assert.ok(buttonMessageId, 'the previous case sent the button');
      const answer = person.client.invoke(new Api.messages.GetBotCallbackAnswer({ peer, msgId: buttonMessageId, data: Buffer.from('pressed') }));
      const press = await guard(presses.next(), 'the callback query at the bot\'s library');
      assert.deepEqual([press.data, press.fromId, press.messageId], ['pressed', person.account.id, buttonMessageId]);
      await bot.answerCallbackQuery(press.id, 'you pressed it');
      assert.equal((await guard(answer, 'the answer to the person\'s press')).message, 'you pressed it');
    });

    test('sendPhoto reaches the person, and getFile downloads it', async () => {
      const arriving = nextFromBot(person, handle.id, Api.UpdateNewMessage);
      const { messageId, fileId } = await bot.sendPhoto(person.account.id, PHOTO);
      const message = await arriving;
      assert.equal(message.id, messageId);
      assert.ok(message.media instanceof Api.MessageMediaPhoto, 'the person sees a photo');
      // Telegram keeps a photo as JPEG sizes, never the upload: the download is a JPEG.
      const bytes = await bot.download(fileId);
      assert.ok(bytes.length > 100 && bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])), `a downloaded JPEG (${bytes.length} bytes)`);
    });

    test('editMessageText reaches the person', async () => {
      assert.ok(buttonMessageId, 'an earlier case sent a message');
      const arriving = nextFromBot(person, handle.id, Api.UpdateEditMessage);
      await bot.editMessageText(person.account.id, buttonMessageId, 'Picked');
      assert.equal((await arriving).message, 'Picked');
      const [stored] = await person.client.getMessages(peer, { ids: [buttonMessageId] });
      assert.equal(stored?.message, 'Picked', 'the history holds the edit');
    });
  });
}
