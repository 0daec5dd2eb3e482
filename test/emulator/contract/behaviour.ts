/**
 * One behaviour suite for every MTProto client: each case goes through the wire with the
 * client library's own encoding, against the embedded Telegram and a real grammY bot over its
 * Bot API. A client passes when every case passes; a decode difference in any layer fails here.
 */
import { after, before, describe, test as nodeTest } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Bot, InlineKeyboard } from 'grammy';
import { startEmulator, type Emulator } from '../../../src/emulator';
import { PhotoFingerprint, SAME_PICTURE_MAX_DISTANCE } from '../../../support/actors/photo-fingerprint';
import type { ContractClient, ContractClientFactory, ContractEndpoint } from './contract-client';

const PHOTO = readFileSync(join(__dirname, '../../../features/fixtures/beach.png'));
let numbers = 0;

/** Cases a client is known not to pass yet, by case name, with why (printed as skipped). */
export type KnownGaps = Readonly<Record<string, string>>;

export function behaviourSuite(factory: ContractClientFactory, gaps: KnownGaps = {}): void {
  const test = (name: string, body: () => Promise<void>) => nodeTest(name, { skip: gaps[name] }, body);
  describe(factory.name, { timeout: 120_000 }, () => {
    let emulator: Emulator;
    let endpoint: ContractEndpoint;
    let bot: Bot;
    let botId: number;
    let alice: ContractClient;
    let alicePhone: string;
    const others: ContractClient[] = [];
    const BOT = 'contract_echo_bot';

    before(async () => {
      emulator = await startEmulator();
      endpoint = {
        host: emulator.host, port: emulator.mtprotoPort, dcId: emulator.dcId, dcs: emulator.dcs,
        rsaPublicKeyPem: emulator.rsaPublicKeyPem, rsaPublicKeyPkcs1Pem: emulator.rsaPublicKeyPkcs1Pem, rsaFingerprint: emulator.rsaFingerprint,
      };
      const handle = emulator.control.createBot({ username: BOT, firstName: 'Echo' });
      botId = handle.id;
      bot = new Bot(handle.token, { client: { apiRoot: emulator.botApiRoot } });
      bot.on('message:text', (ctx) => ctx.reply(`echo: ${ctx.message.text}`, { reply_markup: new InlineKeyboard().text('Press', 'pressed') }));
      bot.on('callback_query:data', (ctx) => ctx.answerCallbackQuery({ text: `you pressed ${ctx.callbackQuery.data}` }));
      await new Promise<void>((started, failed) => void bot.start({ onStart: () => started() }).catch(failed));
      // A test number of the emulator's default DC (99966XYYYY: X is the DC); the account exists, so this signs in.
      alicePhone = `99966${emulator.dcId}${String(5000 + ++numbers).padStart(4, '0')}`;
      emulator.state.createUser({ phone: alicePhone, firstName: 'Alice' });
      alice = await factory.create(endpoint);
    });

    after(async () => {
      await Promise.all([alice, ...others].map((client) => client?.close().catch(() => undefined)));
      await bot?.stop().catch(() => undefined);
      await emulator?.stop();
    });

    test('sign in with the test code', async () => {
      const id = await alice.signIn(alicePhone, String(emulator.dcId).repeat(5));
      assert.equal(id, emulator.state.findByPhone(alicePhone)!.id);
    });

    test(`served in layer ${factory.layer}, its key made with ${factory.innerDataEncryption}`, async () => {
      const aliceId = emulator.state.findByPhone(alicePhone)!.id;
      const keys = [...emulator.servers.values()].flatMap((server) => [...server.authKeys.values()]);
      assert.ok(keys.some((key) => key.accountId === aliceId && key.layer === factory.layer), `a key of Alice's declared layer ${factory.layer} (keys: ${keys.map((key) => `${key.accountId}@${key.layer}`).join(', ')})`);
      assert.deepEqual([...new Set(keys.map((key) => key.innerDataEncryption))], [factory.innerDataEncryption]);
    });

    test('getMe', async () => {
      const me = await alice.getMe();
      assert.equal(me.firstName, 'Alice');
    });

    let reply: { id: number; buttons: Buffer[] } | undefined;
    test('a text to a bot, and its reply pushed back', async () => {
      const arriving = alice.nextMessageFrom(botId);
      await alice.sendText(BOT, 'hello bot');
      const message = await arriving;
      assert.equal(message.text, 'echo: hello bot');
      reply = message;
    });

    test('a button press answered by the bot', async () => {
      assert.ok(reply, 'the previous case got the reply');
      assert.deepEqual(reply.buttons.map(String), ['pressed']);
      assert.equal(await alice.press(BOT, reply.id, reply.buttons[0]!), 'you pressed pressed');
    });

    test('a photo up and down: it comes back recompressed, a JPEG of the same picture', async () => {
      const id = await alice.sendPhoto(BOT, PHOTO);
      const bytes = await alice.downloadPhoto(BOT, id);
      assert.ok(bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff])), `a JPEG, as Telegram keeps photos (${bytes.length} bytes, starting ${bytes.subarray(0, 4).toString('hex')})`);
      const distance = (await PhotoFingerprint.of(bytes)).distanceTo(await PhotoFingerprint.of(PHOTO));
      assert.ok(distance <= SAME_PICTURE_MAX_DISTANCE, `the picture sent (distance ${distance.toFixed(2)}, at most ${SAME_PICTURE_MAX_DISTANCE})`);
    });

    test('a message to another user by username', async () => {
      const phone = `99966${emulator.dcId}${String(5000 + ++numbers).padStart(4, '0')}`;
      const bobAccount = emulator.state.createUser({ phone, firstName: 'Bob' });
      emulator.state.setUsername(bobAccount.id, `bob_contract_${numbers}`);
      const bob = await factory.create(endpoint);
      others.push(bob);
      await bob.signIn(phone, String(emulator.dcId).repeat(5));
      const arriving = bob.nextMessageFrom(emulator.state.findByPhone(alicePhone)!.id);
      await alice.sendText(`bob_contract_${numbers}`, 'hi Bob');
      assert.equal((await arriving).text, 'hi Bob');
    });

    test('an edit of one\'s own message', async () => {
      const id = await alice.sendText(BOT, 'draft');
      await alice.editText(BOT, id, 'final');
      assert.equal(await alice.textOf(BOT, id), 'final');
    });

    test('a profile update (last name only)', async () => {
      await alice.updateLastName('Liddell');
      const me = await alice.getMe();
      assert.deepEqual([me.firstName, me.lastName], ['Alice', 'Liddell']);
    });

    test('a resumed session: no new sign-in', async () => {
      const saved = await alice.exportSession();
      const resumed = await factory.create(endpoint, saved);
      others.push(resumed);
      assert.equal((await resumed.getMe()).firstName, 'Alice');
    });
  });
}
