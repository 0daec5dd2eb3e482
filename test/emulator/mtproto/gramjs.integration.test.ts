/**
 * A real, unmodified GramJS TelegramClient through every flow a user client takes (sign-up and
 * sign-in, profile, messages, media, albums, forwards, edits, deletions, buttons, history)
 * against the MTProto server with the real handlers, over a real state. The bot's side is played with direct
 * state calls (the Bot API is tested on its own). Event handlers are registered before each
 * action: GramJS drops updates that arrive before a handler exists.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import bigInt from 'big-integer';
import sharp from 'sharp';
import { Api, TelegramClient } from 'telegram';
import { CustomFile } from 'telegram/client/uploads';
import { FloodWaitError, RPCError } from 'telegram/errors';
import { NewMessage, type NewMessageEvent } from 'telegram/events';
import { DeletedMessage, type DeletedMessageEvent } from 'telegram/events/DeletedMessage';
import { EditedMessage, type EditedMessageEvent } from 'telegram/events/EditedMessage';
import type { EventBuilder } from 'telegram/events/common';
import { createEmulatorClient, type EmulatorEndpoint } from '../../../src/emulator/gramjs';
import { createHandlers } from '../../../src/emulator/mtproto/handlers';
import { startMtprotoServer, type MtprotoServer } from '../../../src/emulator/mtproto/server';
import { subscribeUpdates } from '../../../src/emulator/mtproto/updates';
import { pngFile } from './handlers/session';
import { rpcRejection } from './rpc-rejection';
import { commandScopeKey, processPhoto, TelegramState, type Account, type BoxEvent, type Message } from '../../../src/emulator/state';

const GUARD = { timeout: 20_000 };

let server: MtprotoServer;
let endpoint: EmulatorEndpoint;
let unsubscribe: () => void;
const state = new TelegramState();
const warnings: string[] = [];
const clients: TelegramClient[] = [];
let bot: Account;

before(async () => {
  server = await startMtprotoServer({ port: 0, state, handlers: createHandlers(), log: (level, message) => level === 'warn' && warnings.push(message) });
  unsubscribe = subscribeUpdates(state, server.pushUpdates);
  endpoint = { host: server.host, port: server.port, dcId: server.dcId, rsaPublicKeyPem: server.rsaPublicKeyPem };
  bot = state.createBot({ username: 'family_album_bot', firstName: 'Family Album' });
  bot.botCommands.set(commandScopeKey({ kind: 'default' }), [{ command: 'photo', description: 'A random family photo' }]);
});

after(async () => {
  unsubscribe();
  await Promise.all(clients.map((client) => client.destroy()));
  // GramJS 2.26.22 keeps a 30 s timer per DC after an upload or download and its disconnect()
  // fails to clear them (Object.values on a Map), which would hold the process open.
  for (const client of clients) {
    const timers = (client as unknown as { _exportedSenderReleaseTimeouts: Map<number, NodeJS.Timeout> })._exportedSenderReleaseTimeouts;
    for (const timer of timers.values()) clearTimeout(timer);
  }
  await server.close();
});

function newClient(session?: string): TelegramClient {
  const client = createEmulatorClient(endpoint, { session, params: { floodSleepThreshold: 0, autoReconnect: false } });
  clients.push(client);
  return client;
}

/** Signs a test number up (or in) with GramJS's own client.start() flow. */
async function startUser(phone: string, names: [string, string], onError: (error: Error) => void = (e) => { throw e; }): Promise<TelegramClient> {
  const client = newClient();
  await client.start({
    phoneNumber: phone,
    phoneCode: async () => phone.charAt(5).repeat(5),
    firstAndLastNames: async () => names,
    onError: async (error) => {
      onError(error);
      return true;
    },
  });
  return client;
}

/** Resolves with the first event the builder matches, registering the handler now (before acting). */
function nextEvent<E>(client: TelegramClient, builder: EventBuilder, accept: (event: E) => boolean = () => true): Promise<E> {
  return new Promise<E>((resolve) => {
    const handler = (event: E) => {
      if (!accept(event)) return;
      client.removeEventHandler(handler as never, builder);
      resolve(event);
    };
    client.addEventHandler(handler as never, builder);
  });
}

/** Resolves with the next message put in the bot's box (what the bot would receive). */
function botReceives(accept: (event: BoxEvent) => boolean = () => true): Promise<Message> {
  return new Promise((resolve) => {
    const listener = (event: BoxEvent) => {
      if (event.ownerId !== bot.id || !accept(event)) return;
      state.off('message', listener);
      resolve(event.message);
    };
    state.on('message', listener);
  });
}

/** Width and height of a downloaded image. */
async function dimensions(image: string | Buffer | undefined): Promise<[number, number]> {
  assert.ok(Buffer.isBuffer(image), 'downloaded into memory');
  const { width, height } = await sharp(image).metadata();
  return [width!, height!];
}

const accountOf = (client: TelegramClient) => client.getMe().then((me) => state.requireAccount(Number(me.id.toString())));

describe('a real GramJS client against the MTProto handlers', () => {
  let alice: TelegramClient;
  let bob: TelegramClient;
  let aliceAccount: Account;
  let bobAccount: Account;

  it('signs up a new test number with client.start(), then resumes from the saved StringSession without a handshake', GUARD, async () => {
    alice = await startUser('9996621001', ['Alice', 'Smith']);
    const me = await alice.getMe();
    assert.equal(me.firstName, 'Alice');
    assert.equal(me.lastName, 'Smith');
    assert.equal(me.phone, '9996621001');
    assert.equal(me.self, true);
    aliceAccount = await accountOf(alice);

    const saved = (alice.session as unknown as { save(): string }).save();
    const handshakes = server.handshakes;
    const resumed = newClient(saved);
    await resumed.connect();
    assert.equal(await resumed.checkAuthorization(), true);
    assert.equal((await resumed.getMe()).id.toString(), me.id.toString());
    assert.equal(server.handshakes, handshakes, 'a saved session reuses its auth key');
    await resumed.destroy();
  });

  it('signs the same number in again later on a new key (auth.signIn answers the existing user)', GUARD, async () => {
    const again = await startUser('9996621001', ['Ignored', 'Name']);
    assert.equal((await again.getMe()).firstName, 'Alice');
    await again.invoke(new Api.auth.LogOut());
    assert.equal(await again.checkAuthorization(), false);
    await again.destroy();
  });

  it('answers bad logins like the test DC: wrong code, malformed number, 2FA, flood wait', GUARD, async () => {
    const errors: string[] = [];
    let attempts = 0;
    const client = newClient();
    await client.start({
      phoneNumber: '9996621002',
      phoneCode: async () => (++attempts === 1 ? '11111' : '22222'),
      firstAndLastNames: async () => ['Bob', 'Jones'],
      onError: async (error) => {
        errors.push((error as RPCError).errorMessage ?? error.message);
        return false;
      },
    });
    assert.deepEqual(errors, ['PHONE_CODE_INVALID']);
    bob = client;
    bobAccount = await accountOf(bob);

    const fresh = newClient();
    await fresh.connect();
    const apiCredentials = { apiId: 1, apiHash: 'emulator' };
    assert.equal((await rpcRejection(fresh.sendCode(apiCredentials, '12345'))).errorMessage, 'PHONE_NUMBER_INVALID');

    state.faults.floodWait('auth.SendCode', 7);
    const flood = await rpcRejection(fresh.sendCode(apiCredentials, '9996621003'));
    assert.ok(flood instanceof FloodWaitError, `expected FLOOD_WAIT_7, got ${flood.errorMessage}`);
    assert.equal(flood.seconds, 7);
    assert.equal(flood.code, 420);

    state.faults.protectWithPassword('9996621001');
    const { phoneCodeHash } = await fresh.sendCode(apiCredentials, '9996621001');
    const password = await rpcRejection(fresh.invoke(new Api.auth.SignIn({ phoneNumber: '9996621001', phoneCodeHash, phoneCode: '22222' })));
    assert.equal(password.errorMessage, 'SESSION_PASSWORD_NEEDED');
    state.faults.clear();
  });

  it('sets username and profile, resolves usernames, gets users and a bot’s full profile', GUARD, async () => {
    const updated = await bob.invoke(new Api.account.UpdateUsername({ username: 'bob_jones' }));
    assert.equal((updated as Api.User).username, 'bob_jones');
    assert.equal((await rpcRejection(alice.invoke(new Api.account.UpdateUsername({ username: 'bob_jones' })))).errorMessage, 'USERNAME_OCCUPIED');
    assert.equal((await rpcRejection(alice.invoke(new Api.account.UpdateUsername({ username: 'no' })))).errorMessage, 'USERNAME_INVALID');
    const renamed = await alice.invoke(new Api.account.UpdateProfile({ firstName: 'Alicia', lastName: 'Smith' }));
    assert.equal((renamed as Api.User).firstName, 'Alicia');

    const resolved = await alice.invoke(new Api.contacts.ResolveUsername({ username: 'bob_jones' }));
    assert.equal((resolved.users[0] as Api.User).firstName, 'Bob');
    assert.equal((await rpcRejection(alice.invoke(new Api.contacts.ResolveUsername({ username: 'nobody_at_all' })))).errorMessage, 'USERNAME_NOT_OCCUPIED');

    const botEntity = (await alice.getEntity('family_album_bot')) as Api.User;
    assert.equal(botEntity.bot, true);
    const [self, viaId] = await alice.invoke(new Api.users.GetUsers({ id: [new Api.InputUserSelf(), await alice.getInputEntity(botEntity) as unknown as Api.InputUser] }));
    assert.equal((self as Api.User).self, true);
    assert.equal((viaId as Api.User).username, 'family_album_bot');
    const full = await alice.invoke(new Api.users.GetFullUser({ id: 'family_album_bot' }));
    assert.deepEqual(full.fullUser.botInfo?.commands?.map((c) => c.command), ['photo']);
  });

  it('sends /start with a payload to the bot, which sees a bot_command; its reply keyboard arrives as an update', GUARD, async () => {
    const received = botReceives();
    const reply = nextEvent<NewMessageEvent>(alice, new NewMessage({ incoming: true }));
    const sent = await alice.sendMessage('family_album_bot', { message: '/start invite-42' });
    assert.equal(sent.out, true);
    const atBot = await received;
    assert.equal(atBot.text, '/start invite-42');
    assert.deepEqual(atBot.entities, [{ type: 'bot_command', offset: 0, length: 6 }]);

    state.sendMessage(bot.id, aliceAccount.id, { text: 'Welcome! Choose:', replyMarkup: { kind: 'keyboard', rows: [[{ text: '📷 Photo' }, { text: 'ℹ️ Help' }]], resize: true } });
    const { message } = await reply;
    assert.equal(message.message, 'Welcome! Choose:');
    assert.equal(message.senderId?.toString(), String(bot.id));
    assert.ok(message.replyMarkup instanceof Api.ReplyKeyboardMarkup);
    assert.deepEqual(message.buttons?.flat().map((b) => b.text), ['📷 Photo', 'ℹ️ Help']);
    assert.equal(((await message.getSender()) as Api.User).username, 'family_album_bot');
  });

  it('sends text to another user by username, who receives it pushed', GUARD, async () => {
    const arrives = nextEvent<NewMessageEvent>(bob, new NewMessage({ incoming: true }));
    await alice.sendMessage('bob_jones', { message: 'Hi Bob, join the album!' });
    const { message } = await arrives;
    assert.equal(message.message, 'Hi Bob, join the album!');
    assert.equal(message.senderId?.toString(), String(aliceAccount.id));
  });

  it('receives edits and deletions as updates, and presses an inline button to get the bot’s answer', GUARD, async () => {
    const arrives = nextEvent<NewMessageEvent>(alice, new NewMessage({ incoming: true }));
    const botMessage = state.sendMessage(bot.id, aliceAccount.id, {
      text: 'Approve Bob?',
      replyMarkup: { kind: 'inline', rows: [[{ text: '✅ Approve', callbackData: Buffer.from('approve:bob') }], [{ text: 'Help', url: 'https://example.org/help' }]] },
    });
    const { message } = await arrives;
    assert.ok(message.replyMarkup instanceof Api.ReplyInlineMarkup);
    assert.deepEqual(message.buttons?.flat().map((b) => b.text), ['✅ Approve', 'Help']);

    state.once('callbackQuery', (query) => {
      assert.equal(query.fromId, aliceAccount.id);
      assert.equal(query.data?.toString(), 'approve:bob');
      state.answerCallbackQuery(bot.id, query.id, { text: 'Bob approved' });
    });
    const answer = await message.click({ data: Buffer.from('approve:bob') }) as Api.messages.BotCallbackAnswer;
    assert.equal(answer.message, 'Bob approved');

    // Pressing by the button's text, as a person would, takes the same path.
    state.once('callbackQuery', (query) => state.answerCallbackQuery(bot.id, query.id, { text: 'Already approved', alert: true }));
    const byText = await message.click({ text: '✅ Approve' }) as Api.messages.BotCallbackAnswer;
    assert.equal(byText.message, 'Already approved');
    assert.equal(byText.alert, true);

    const edited = nextEvent<EditedMessageEvent>(alice, new EditedMessage({}));
    state.editMessage(bot.id, botMessage.boxIds.get(bot.id)!, { text: 'Bob is in the family', replyMarkup: null });
    const edit = await edited;
    assert.equal(edit.message.message, 'Bob is in the family');
    assert.equal(edit.message.id, message.id);
    assert.ok(!edit.message.replyMarkup, 'the keyboard was removed');

    const deleted = nextEvent<DeletedMessageEvent>(alice, new DeletedMessage({}));
    state.deleteMessages(bot.id, [botMessage.boxIds.get(bot.id)!], true);
    assert.deepEqual((await deleted).deletedIds, [message.id]);
  });

  it("sends a photo: Telegram's sizes and a stripped thumbnail reach both sides, and every size downloads", GUARD, async () => {
    const photo = await pngFile(1280, 960, { seed: 1, noise: true });
    const received = botReceives();
    const sent = await alice.sendFile('family_album_bot', { file: new CustomFile('garden.png', photo.length, '', photo), caption: 'Our garden' });
    assert.ok(sent.photo instanceof Api.Photo);
    const atBot = await received;
    assert.equal(atBot.text, 'Our garden');
    assert.ok(atBot.media?.kind === 'photo');
    const stored = atBot.media.photo;
    assert.deepEqual(stored.sizes.map(({ type, width, height }) => `${type} ${width}×${height}`), ['s 100×75', 'm 320×240', 'x 800×600', 'y 1280×960']);

    const [stripped, ...sizes] = [...sent.photo.sizes];
    assert.ok(stripped instanceof Api.PhotoStrippedSize);
    assert.ok(sizes.at(-1) instanceof Api.PhotoSizeProgressive);
    // GramJS inflates the stripped thumbnail itself (thumb 0 is the smallest by bytes: the "i" one).
    const thumbnail = await alice.downloadMedia(sent, { thumb: stripped });
    assert.deepEqual(await dimensions(thumbnail), [40, 30]);
    // GramJS downloads a named PhotoSize; the progressive one is what it downloads by default.
    for (const size of sizes.filter((candidate) => candidate instanceof Api.PhotoSize)) {
      const downloaded = await alice.downloadMedia(sent, { thumb: size });
      const expected = stored.sizes.find((own) => own.type === size.type)!.bytes;
      assert.ok(Buffer.isBuffer(downloaded) && downloaded.equals(expected), `size ${size.type} downloads as stored`);
    }
    const full = await alice.downloadMedia(sent, {});
    assert.ok(Buffer.isBuffer(full) && full.equals(stored.sizes.at(-1)!.bytes), 'the default download is the largest size');
    assert.ok(!full.equals(photo), 'recompressed, not the uploaded bytes');
  });

  it('sends a big file as a document (saveBigFilePart): documents keep their very bytes', GUARD, async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(10 * 1024 * 1024 + 4096)]);
    const bigReceived = botReceives();
    await alice.sendFile('family_album_bot', { file: new CustomFile('big.pdf', big.length, '', big), forceDocument: true });
    const bigAtBot = await bigReceived;
    assert.ok(bigAtBot.media?.kind === 'document' && bigAtBot.media.document.bytes.equals(big));
  });

  // Telegram's answers for an image it cannot keep as a photo, both listed for
  // messages.uploadMedia and messages.sendMedia (https://core.telegram.org/method/messages.uploadMedia,
  // "Possible errors"): 400 IMAGE_PROCESS_FAILED "Failure while processing image." for bytes that
  // are no readable image, 400 PHOTO_INVALID_DIMENSIONS "The photo dimensions are invalid." for a
  // picture beyond its limits (width + height ≤ 10000, ratio ≤ 20: core.telegram.org/bots/api#sendphoto).
  it('refuses a corrupt image and ones of bad dimensions sent as a photo (uploadMedia, sendMedia, sendFile), and nothing in the state changes', { timeout: 60_000 }, async () => {
    const corrupt = Buffer.concat([(await pngFile(64, 64, { noise: true })).subarray(0, 200), randomBytes(2000)]);
    const tooLong = await pngFile(2100, 100); // ratio 21
    const tooLarge = await sharp({ create: { width: 6000, height: 4200, channels: 3, background: '#808080' } }).png().toBuffer(); // 10200 in total
    const peer = await alice.getInputEntity('family_album_bot');
    const media = async (bytes: Buffer, name: string) => new Api.InputMediaUploadedPhoto({ file: await alice.uploadFile({ file: new CustomFile(name, bytes.length, '', bytes), workers: 1 }) });
    const uploadMedia = async (bytes: Buffer) => alice.invoke(new Api.messages.UploadMedia({ peer, media: await media(bytes, 'photo.png') }));
    const sendMedia = async (bytes: Buffer) => alice.invoke(new Api.messages.SendMedia({ peer, media: await media(bytes, 'photo.png'), message: '', randomId: bigInt(randomBytes(7).toString('hex'), 16) }));
    const sendFile = (bytes: Buffer) => alice.sendFile('family_album_bot', { file: new CustomFile('photo.png', bytes.length, '', bytes) });

    const stored = () => {
      const { photos, documents, storedBytes } = state.mediaUsage();
      return { photos, documents, storedBytes };
    };
    const before = { stored: stored(), botSide: state.history(bot.id, aliceAccount.id).length, aliceSide: state.history(aliceAccount.id, bot.id).length };
    const answers: string[] = [];
    for (const call of [uploadMedia, sendMedia, sendFile]) {
      for (const bytes of [corrupt, tooLong, tooLarge]) answers.push((await rpcRejection(call(bytes))).errorMessage);
    }
    assert.deepEqual(answers, Array(3).fill(['IMAGE_PROCESS_FAILED', 'PHOTO_INVALID_DIMENSIONS', 'PHOTO_INVALID_DIMENSIONS']).flat());
    // No photo stored, no message on either side. (The refused uploads' parts stay until they
    // expire, as Telegram keeps uploaded parts a while: core.telegram.org/api/files.)
    assert.deepEqual({ stored: stored(), botSide: state.history(bot.id, aliceAccount.id).length, aliceSide: state.history(aliceAccount.id, bot.id).length }, before);
    // The connection keeps serving: a good photo after the refusals goes through.
    const good = await pngFile(120, 80, { seed: 9 });
    assert.ok(((await uploadMedia(good)) as Api.MessageMediaPhoto).photo instanceof Api.Photo);
  });

  it('sends an album: one groupedId for all its photos, each kept in its sizes', GUARD, async () => {
    const files = await Promise.all([1, 2, 3].map((i) => pngFile(600 + i, 400, { seed: i })));
    const seen: Message[] = [];
    const all = new Promise<void>((resolve) => {
      const listener = (event: BoxEvent) => {
        if (event.ownerId !== bot.id) return;
        seen.push(event.message);
        if (seen.length === 3) {
          state.off('message', listener);
          resolve();
        }
      };
      state.on('message', listener);
    });
    const sent = await alice.sendFile('family_album_bot', { file: files.map((f, i) => new CustomFile(`p${i}.png`, f.length, '', f)), caption: 'Holiday' });
    await all;
    assert.equal((sent as unknown as Api.Message[]).length, 3);
    assert.equal(new Set(seen.map((m) => m.groupedId)).size, 1);
    assert.notEqual(seen[0].groupedId, undefined);
    assert.deepEqual(seen.map((m) => m.media?.kind === 'photo' && m.media.photo.sizes.map((size) => `${size.type} ${size.width}`).join(', ')), ['s 100, m 320, x 601', 's 100, m 320, x 602', 's 100, m 320, x 603']);
    assert.equal(seen[0].text, 'Holiday');
  });

  it("forwards Bob's message to the bot keeping Bob as the author", GUARD, async () => {
    const fromBob = nextEvent<NewMessageEvent>(alice, new NewMessage({ incoming: true }));
    // Alice has no username: Bob writes to her by id, known from the users of her earlier message.
    await bob.sendMessage(await bob.getInputEntity(aliceAccount.id), { message: 'Grandma’s recipe' });
    const { message } = await fromBob;
    const received = botReceives();
    await alice.forwardMessages('family_album_bot', { messages: [message.id], fromPeer: message.peerId });
    const atBot = await received;
    assert.equal(atBot.text, 'Grandma’s recipe');
    assert.equal(atBot.forward?.fromId, bobAccount.id);
    assert.equal(atBot.senderId, aliceAccount.id);
  });

  it('hides Bob’s account in forwards once he sets account.setPrivacy(forwards: disallow all); getPrivacy reads it back', GUARD, async () => {
    const key = new Api.InputPrivacyKeyForwards();
    const defaults = await bob.invoke(new Api.account.GetPrivacy({ key }));
    assert.deepEqual(defaults.rules.map((rule) => rule.className), ['PrivacyValueAllowAll']);

    const aliceAsBobSees = (await bob.getInputEntity(aliceAccount.id)) as Api.InputPeerUser;
    const set = await bob.invoke(new Api.account.SetPrivacy({
      key,
      rules: [new Api.InputPrivacyValueDisallowUsers({ users: [new Api.InputUser({ userId: aliceAsBobSees.userId, accessHash: aliceAsBobSees.accessHash })] }), new Api.InputPrivacyValueAllowAll()],
    }));
    assert.deepEqual(set.rules.map((rule) => rule.className), ['PrivacyValueDisallowUsers', 'PrivacyValueAllowAll']);
    assert.deepEqual((set.rules[0] as Api.PrivacyValueDisallowUsers).users.map(String), [String(aliceAccount.id)]);
    assert.deepEqual(set.users.map((user) => (user as Api.User).id.toString()), [String(aliceAccount.id)], 'with the users the rules name');

    const fromBob = nextEvent<NewMessageEvent>(alice, new NewMessage({ incoming: true }));
    await bob.sendMessage(aliceAsBobSees, { message: 'Keep this between us' });
    const { message } = await fromBob;
    const received = botReceives();
    await alice.forwardMessages('family_album_bot', { messages: [message.id], fromPeer: message.peerId });
    const atBot = await received;
    assert.equal(atBot.forward?.fromId, undefined, 'Alice may not link to Bob');
    assert.equal(atBot.forward?.senderName, [bobAccount.firstName, bobAccount.lastName].filter(Boolean).join(' '));

    const read = await bob.invoke(new Api.account.GetPrivacy({ key }));
    assert.deepEqual(read.rules.map((rule) => rule.className), ['PrivacyValueDisallowUsers', 'PrivacyValueAllowAll']);
    await bob.invoke(new Api.account.SetPrivacy({ key, rules: [new Api.InputPrivacyValueAllowAll()] }));
    assert.equal((await rpcRejection(bob.invoke(new Api.account.GetPrivacy({ key: new Api.InputPrivacyKeyPhoneNumber() })))).errorMessage, 'PRIVACY_KEY_INVALID');
  });

  it('downloads a photo the bot sent: its largest size, in chunks (upload.getFile)', GUARD, async () => {
    const stored = state.storePhoto(await processPhoto(await pngFile(2000, 1500, { noise: true })));
    const bytes = stored.sizes.at(-1)!.bytes;
    const arrives = nextEvent<NewMessageEvent>(alice, new NewMessage({ incoming: true }), (e) => e.message.photo !== undefined);
    state.sendMessage(bot.id, aliceAccount.id, { text: 'A random photo', media: { kind: 'photo', photo: stored } });
    const { message } = await arrives;
    const downloaded = await alice.downloadMedia(message);
    assert.ok(Buffer.isBuffer(downloaded));
    assert.ok(downloaded.equals(bytes), `downloaded ${downloaded.length} bytes, expected ${bytes.length} identical ones`);
  });

  it('reads history, messages by id and dialogs, then clears the chat: history is empty for that account only', GUARD, async () => {
    const history = await alice.getMessages('family_album_bot', { limit: 100 });
    assert.ok(history.length >= 8, `history has ${history.length} messages`);
    assert.equal(history[0].message, 'A random photo');
    const [byId] = await alice.getMessages('family_album_bot', { ids: [history[1].id] });
    assert.equal(byId.id, history[1].id);
    const dialogs = await alice.getDialogs({});
    assert.deepEqual([...dialogs].map((d) => d.entity && (d.entity as Api.User).id.toString()).sort(), [String(bobAccount.id), String(bot.id)].sort());

    const botHistoryBefore = state.history(bot.id, aliceAccount.id).length;
    const affected = await alice.invoke(new Api.messages.DeleteHistory({ peer: 'family_album_bot', maxId: 0 }));
    assert.equal(affected.ptsCount, history.length);
    assert.equal((await alice.getMessages('family_album_bot', { limit: 100 })).length, 0);
    assert.equal(state.history(bot.id, aliceAccount.id).length, botHistoryBefore, "the bot's copy stays");
  });

  it('answers a method the emulator does not implement with an error naming it, and keeps serving', GUARD, async () => {
    const error = await rpcRejection(alice.invoke(new Api.help.GetPremiumPromo()));
    assert.match(error.errorMessage, /HELP_GETPREMIUMPROMO/);
    assert.equal((await rpcRejection(alice.sendMessage('family_album_bot', { message: ' ' }))).errorMessage, 'MESSAGE_EMPTY');
    assert.equal((await alice.getMe()).firstName, 'Alicia');
  });
});
