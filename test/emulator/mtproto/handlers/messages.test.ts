import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Api } from 'telegram';
import { TelegramState } from '../../../../src/emulator/state';
import { FakeSession, inputPeer, long, pngFile, rpcError, upload } from './session';

async function world() {
  const state = new TelegramState();
  const alice = new FakeSession(state);
  const aliceUser = await alice.signUp('9996621234', 'Alice');
  const bob = new FakeSession(state);
  const bobUser = await bob.signUp('9996621235', 'Bob', 'Jones');
  const bot = state.createBot({ username: 'family_album_bot' });
  return { state, alice, bob, bot, aliceId: Number(aliceUser.id.toString()), bobId: Number(bobUser.id.toString()) };
}

/** The messages of an Updates result, in order. */
function newMessages(updates: Api.TypeUpdates): Api.Message[] {
  assert.ok(updates instanceof Api.Updates);
  return updates.updates.filter((u): u is Api.UpdateNewMessage => u instanceof Api.UpdateNewMessage).map((u) => u.message as Api.Message);
}

function sendText(session: FakeSession, peer: Api.TypeInputPeer, message: string) {
  return session.invoke<Api.Updates>(new Api.messages.SendMessage({ peer, message, randomId: long(BigInt(Date.now()) * 1000n + BigInt(Math.floor(Math.random() * 1000))) }));
}

describe('messages handlers: sending', () => {
  it('sends /start payload to a bot: updateMessageID + the outgoing message with a bot_command entity', async () => {
    const { state, alice, bot, aliceId } = await world();
    const request = new Api.messages.SendMessage({ peer: inputPeer(state, bot.id), message: '/start invite-42', randomId: long(77) });
    const result = await alice.invoke<Api.Updates>(request);
    const mapping = result.updates.find((u) => u instanceof Api.UpdateMessageID) as Api.UpdateMessageID;
    assert.equal(mapping.randomId?.toString(), '77');
    const [message] = newMessages(result);
    assert.equal(mapping.id, message.id);
    assert.equal(message.out, true);
    assert.equal(message.message, '/start invite-42');
    assert.ok(message.entities?.[0] instanceof Api.MessageEntityBotCommand);
    assert.equal(message.entities?.[0].length, 6);
    assert.equal((message.peerId as Api.PeerUser).userId.toString(), String(bot.id));
    assert.ok(result.users.some((u) => u.id.toString() === String(bot.id)), 'the bot is in Updates.users');

    const [{ message: stored }] = state.history(bot.id, aliceId);
    assert.equal(stored.text, '/start invite-42');
  });

  it('keeps formatting the client sent and still detects commands outside it', async () => {
    const { state, alice, bot } = await world();
    const result = await alice.invoke<Api.Updates>(new Api.messages.SendMessage({
      peer: inputPeer(state, bot.id), message: 'hello /help', randomId: long(1),
      entities: [new Api.MessageEntityBold({ offset: 0, length: 5 })],
    }));
    const [message] = newMessages(result);
    assert.deepEqual(message.entities?.map((e) => e.className), ['MessageEntityBold', 'MessageEntityBotCommand']);
  });

  it('sends to another user resolved by username; validates text like Telegram', async () => {
    const { state, alice, bob, aliceId, bobId } = await world();
    await bob.invoke(new Api.account.UpdateUsername({ username: 'bob_jones' }));
    const resolved = await alice.invoke<Api.contacts.ResolvedPeer>(new Api.contacts.ResolveUsername({ username: 'bob_jones' }));
    const bobUser = resolved.users[0] as Api.User;
    const peer = new Api.InputPeerUser({ userId: bobUser.id, accessHash: bobUser.accessHash! });
    const [sent] = newMessages(await sendText(alice, peer, 'hi Bob'));
    assert.equal(sent.message, 'hi Bob');
    assert.equal((sent.peerId as Api.PeerUser).userId.toString(), String(bobId));
    assert.equal(state.history(bobId, aliceId)[0].message.text, 'hi Bob');

    assert.equal(await rpcError(sendText(alice, peer, '   ')), 'MESSAGE_EMPTY');
    assert.equal(await rpcError(sendText(alice, peer, 'x'.repeat(4097))), 'MESSAGE_TOO_LONG');
    assert.equal(await rpcError(sendText(alice, new Api.InputPeerUser({ userId: bobUser.id, accessHash: long(1) }), 'hi')), 'PEER_ID_INVALID');
    assert.equal(await rpcError(sendText(alice, new Api.InputPeerChat({ chatId: long(5) }), 'hi')), 'PEER_ID_INVALID');
  });

  it('replies: the reply header points at the message id in each box', async () => {
    const { state, alice, bob, aliceId, bobId } = await world();
    const [first] = newMessages(await sendText(alice, inputPeer(state, bobId), 'question'));
    const bobsCopy = state.history(bobId, aliceId)[0];
    const reply = await bob.invoke<Api.Updates>(new Api.messages.SendMessage({
      peer: inputPeer(state, aliceId), message: 'answer', randomId: long(5), replyTo: new Api.InputReplyToMessage({ replyToMsgId: bobsCopy.boxId }),
    }));
    assert.equal((newMessages(reply)[0].replyTo as Api.MessageReplyHeader).replyToMsgId, bobsCopy.boxId);
    const history = await alice.invoke<Api.messages.Messages>(new Api.messages.GetHistory({ peer: inputPeer(state, bobId), limit: 10, offsetId: 0, offsetDate: 0, addOffset: 0, maxId: 0, minId: 0, hash: long(0) }));
    const aliceSeesReply = history.messages[0] as Api.Message;
    assert.equal(aliceSeesReply.out, undefined);
    assert.equal((aliceSeesReply.replyTo as Api.MessageReplyHeader).replyToMsgId, first.id);
  });
});

describe('messages handlers: media', () => {
  it('uploads a photo in parts, sends it recompressed in its sizes, and serves each size honouring offset and limit', async () => {
    const { state, alice, bob, aliceId, bobId } = await world();
    const bytes = await pngFile(1024, 768, { noise: true });
    const file = await upload(alice, bytes, 'photo.png', 128 * 1024);
    const result = await alice.invoke<Api.Updates>(new Api.messages.SendMedia({
      peer: inputPeer(state, bobId), media: new Api.InputMediaUploadedPhoto({ file }), message: 'our garden', randomId: long(9),
    }));
    const [message] = newMessages(result);
    const photo = (message.media as Api.MessageMediaPhoto).photo as Api.Photo;
    assert.equal(message.message, 'our garden');
    assert.equal(photo.dcId, 2);
    const [stripped, ...sizes] = photo.sizes;
    assert.ok(stripped instanceof Api.PhotoStrippedSize && stripped.type === 'i');
    assert.deepEqual(sizes.map((size) => size.className), ['PhotoSize', 'PhotoSize', 'PhotoSize', 'PhotoSizeProgressive']);
    assert.deepEqual(sizes.map((size) => [size.type, (size as Api.PhotoSize).w, (size as Api.PhotoSize).h]), [['s', 100, 75], ['m', 320, 240], ['x', 800, 600], ['y', 1024, 768]]);
    const stored = state.findPhoto(BigInt(photo.id.toString()))!;
    const largest = stored.sizes.at(-1)!;
    assert.equal(Math.max(...(sizes[3] as Api.PhotoSizeProgressive).sizes), largest.bytes.length);
    assert.equal((sizes[0] as Api.PhotoSize).size, stored.sizes[0]!.bytes.length);

    // Bob, the recipient, downloads the largest size in 64 KB chunks as GramJS does.
    const location = (thumbSize: string, accessHash = photo.accessHash) => new Api.InputPhotoFileLocation({ id: photo.id, accessHash, fileReference: photo.fileReference, thumbSize });
    const chunks: Buffer[] = [];
    for (let offset = 0; ; offset += 65536) {
      const part = await bob.invoke<Api.upload.File>(new Api.upload.GetFile({ location: location('y'), offset: long(offset), limit: 65536 }));
      assert.ok(offset === 0 ? part.type instanceof Api.storage.FileJpeg : part.type instanceof Api.storage.FilePartial);
      chunks.push(part.bytes);
      if (part.bytes.length < 65536) break;
    }
    assert.ok(Buffer.concat(chunks).equals(largest.bytes));
    const small = await bob.invoke<Api.upload.File>(new Api.upload.GetFile({ location: location('s'), offset: long(0), limit: 65536 }));
    assert.ok(small.bytes.equals(stored.sizes[0]!.bytes));
    assert.equal(state.history(bobId, aliceId)[0].message.media?.kind, 'photo');

    const bad = (offset: number, limit: number) => rpcError(bob.invoke(new Api.upload.GetFile({ location: location('y'), offset: long(offset), limit })));
    assert.equal(await bad(100, 4096), 'OFFSET_INVALID');
    assert.equal(await bad(0, 1000), 'LIMIT_INVALID');
    assert.equal(await bad(0, 2 * 1024 * 1024), 'LIMIT_INVALID');
    const getFile = (input: Api.InputPhotoFileLocation) => rpcError(bob.invoke(new Api.upload.GetFile({ location: input, offset: long(0), limit: 4096 })));
    assert.equal(await getFile(location('y', long(1))), 'LOCATION_INVALID');
    assert.equal(await getFile(location('w')), 'LOCATION_INVALID', 'a size the photo does not have');
    assert.equal(await getFile(location('i')), 'LOCATION_INVALID', 'the stripped thumbnail travels inside the message');
  });

  it('rejects an upload with missing parts (FILE_PART_n_MISSING) or none at all (FILE_PARTS_INVALID)', async () => {
    const { state, alice, bobId } = await world();
    const bytes = await pngFile(40, 40, { noise: true });
    const parts = Math.ceil(bytes.length / 2048);
    assert.ok(parts >= 2, `the test needs an upload of several parts, not ${parts}`);
    const file = await upload(alice, bytes, 'a.png', 2048);
    const missing = new Api.InputFile({ id: file.id, parts: parts + 2, name: 'a.png', md5Checksum: '' });
    const send = (input: Api.InputFile) => alice.invoke(new Api.messages.SendMedia({ peer: inputPeer(state, bobId), media: new Api.InputMediaUploadedPhoto({ file: input }), message: '', randomId: long(3) }));
    assert.equal(await rpcError(send(missing)), `FILE_PART_${parts}_MISSING`);
    assert.equal(await rpcError(send(new Api.InputFile({ id: long(123), parts: 1, name: 'b.png', md5Checksum: '' }))), 'FILE_PARTS_INVALID');

    // A bad reply id is refused before the parts are used: the same upload then goes through.
    const complete = new Api.InputFile({ id: file.id, parts, name: 'a.png', md5Checksum: '' });
    const media = new Api.InputMediaUploadedPhoto({ file: complete });
    const badReply = alice.invoke(new Api.messages.SendMedia({ peer: inputPeer(state, bobId), media, message: '', randomId: long(4), replyTo: new Api.InputReplyToMessage({ replyToMsgId: 999 }) }));
    assert.equal(await rpcError(badReply), 'REPLY_TO_MSG_ID_INVALID');
    assert.ok(await send(complete));
    assert.equal(await rpcError(alice.invoke(new Api.upload.SaveFilePart({ fileId: long(1), filePart: 0, bytes: Buffer.alloc(0) }))), 'FILE_PART_EMPTY');
  });

  it('sends a photo again by id (InputMediaPhoto) and a document with attributes (a voice note)', async () => {
    const { state, alice, bobId } = await world();
    const first = newMessages(await alice.invoke(new Api.messages.SendMedia({
      peer: inputPeer(state, bobId), media: new Api.InputMediaUploadedPhoto({ file: await upload(alice, await pngFile(640, 480)) }), message: '', randomId: long(1),
    })))[0];
    const photo = (first.media as Api.MessageMediaPhoto).photo as Api.Photo;
    const again = newMessages(await alice.invoke(new Api.messages.SendMedia({
      peer: inputPeer(state, bobId), media: new Api.InputMediaPhoto({ id: new Api.InputPhoto({ id: photo.id, accessHash: photo.accessHash, fileReference: photo.fileReference }) }), message: '', randomId: long(2),
    })))[0];
    assert.equal(((again.media as Api.MessageMediaPhoto).photo as Api.Photo).id.toString(), photo.id.toString());
    assert.equal((((again.media as Api.MessageMediaPhoto).photo as Api.Photo).sizes.at(-1) as Api.PhotoSizeProgressive).type, 'x');

    const ogg = Buffer.from('OggS-voice-bytes');
    const voice = newMessages(await alice.invoke(new Api.messages.SendMedia({
      peer: inputPeer(state, bobId),
      media: new Api.InputMediaUploadedDocument({ file: await upload(alice, ogg, 'voice.ogg'), mimeType: 'audio/ogg', attributes: [new Api.DocumentAttributeAudio({ voice: true, duration: 3 })] }),
      message: '', randomId: long(3),
    })))[0];
    const media = voice.media as Api.MessageMediaDocument;
    assert.equal(media.voice, true);
    const document = media.document as Api.Document;
    assert.equal(document.mimeType, 'audio/ogg');
    assert.equal(document.size.toString(), String(ogg.length));
    const downloaded = await alice.invoke<Api.upload.File>(new Api.upload.GetFile({
      location: new Api.InputDocumentFileLocation({ id: document.id, accessHash: document.accessHash, fileReference: document.fileReference, thumbSize: '' }), offset: long(0), limit: 4096,
    }));
    assert.ok(downloaded.bytes.equals(ogg));
    assert.equal(await rpcError(alice.invoke(new Api.messages.SendMedia({ peer: inputPeer(state, bobId), media: new Api.InputMediaGeoPoint({ geoPoint: new Api.InputGeoPointEmpty() }), message: '', randomId: long(4) }))), 'GEO_POINT_INVALID');
    const game = new Api.InputMediaGame({ id: new Api.InputGameShortName({ botId: new Api.InputUserSelf(), shortName: 'chess' }) });
    assert.equal(await rpcError(alice.invoke(new Api.messages.SendMedia({ peer: inputPeer(state, bobId), media: game, message: '', randomId: long(5) }))), 'MEDIA_INVALID');
  });

  it('sends an album: uploadMedia per photo, then sendMultiMedia with one groupedId for all', async () => {
    const { state, alice, bobId, aliceId } = await world();
    const inputs: Api.InputSingleMedia[] = [];
    for (let i = 0; i < 3; i++) {
      const uploaded = await alice.invoke<Api.MessageMediaPhoto>(new Api.messages.UploadMedia({
        peer: inputPeer(state, bobId), media: new Api.InputMediaUploadedPhoto({ file: await upload(alice, await pngFile(100 + i, 100, { seed: i })) }),
      }));
      const photo = uploaded.photo as Api.Photo;
      inputs.push(new Api.InputSingleMedia({
        media: new Api.InputMediaPhoto({ id: new Api.InputPhoto({ id: photo.id, accessHash: photo.accessHash, fileReference: photo.fileReference }) }),
        message: i === 0 ? 'holiday' : '', randomId: long(100 + i),
      }));
    }
    const result = await alice.invoke<Api.Updates>(new Api.messages.SendMultiMedia({ peer: inputPeer(state, bobId), multiMedia: inputs }));
    const messages = newMessages(result);
    assert.equal(messages.length, 3);
    assert.equal(new Set(messages.map((m) => m.groupedId?.toString())).size, 1);
    assert.ok(messages[0].groupedId);
    assert.deepEqual(result.updates.filter((u) => u instanceof Api.UpdateMessageID).map((u) => (u as Api.UpdateMessageID).randomId?.toString()), ['100', '101', '102']);
    assert.equal(state.history(bobId, aliceId).length, 3);

    const tooMany = Array.from({ length: 11 }, () => inputs[0]);
    assert.equal(await rpcError(alice.invoke(new Api.messages.SendMultiMedia({ peer: inputPeer(state, bobId), multiMedia: tooMany }))), 'MULTI_MEDIA_TOO_LONG');
  });
});

describe('messages handlers: forwarding, editing, deleting, reading', () => {
  it("forwards Bob's message to the bot keeping Bob as the author, or only his name when he hides forwards", async () => {
    const { state, alice, bob, bot, aliceId, bobId } = await world();
    await sendText(bob, inputPeer(state, aliceId), 'a family recipe');
    const [{ boxId }] = state.history(aliceId, bobId);
    const forward = (randomId: number) => alice.invoke<Api.Updates>(new Api.messages.ForwardMessages({
      fromPeer: inputPeer(state, bobId), id: [boxId], randomId: [long(randomId)], toPeer: inputPeer(state, bot.id),
    }));
    const [visible] = newMessages(await forward(1));
    assert.equal(visible.message, 'a family recipe');
    assert.equal(((visible.fwdFrom as Api.MessageFwdHeader).fromId as Api.PeerUser).userId.toString(), String(bobId));

    state.setPrivacy(bobId, 'forwards', [{ kind: 'disallowAll' }]);
    const result = await forward(2);
    const [hidden] = newMessages(result);
    assert.equal(hidden.fwdFrom?.fromId, undefined);
    assert.equal(hidden.fwdFrom?.fromName, 'Bob Jones');
    assert.equal(await rpcError(alice.invoke(new Api.messages.ForwardMessages({ fromPeer: inputPeer(state, bobId), id: [999], randomId: [long(3)], toPeer: inputPeer(state, bot.id) }))), 'MESSAGE_ID_INVALID');
  });

  it('edits an own message; someone else’s is MESSAGE_AUTHOR_REQUIRED; the same text MESSAGE_NOT_MODIFIED', async () => {
    const { state, alice, bob, aliceId, bobId } = await world();
    const [sent] = newMessages(await sendText(alice, inputPeer(state, bobId), 'helo'));
    const edited = await alice.invoke<Api.Updates>(new Api.messages.EditMessage({ peer: inputPeer(state, bobId), id: sent.id, message: 'hello /start' }));
    const update = edited.updates[0] as Api.UpdateEditMessage;
    const message = update.message as Api.Message;
    assert.equal(message.message, 'hello /start');
    assert.ok(message.editDate);
    assert.ok(message.entities?.[0] instanceof Api.MessageEntityBotCommand);
    assert.equal(await rpcError(alice.invoke(new Api.messages.EditMessage({ peer: inputPeer(state, bobId), id: sent.id, message: 'hello /start' }))), 'MESSAGE_NOT_MODIFIED');
    const bobsId = state.history(bobId, aliceId)[0].boxId;
    assert.equal(await rpcError(bob.invoke(new Api.messages.EditMessage({ peer: inputPeer(state, aliceId), id: bobsId, message: 'hijacked' }))), 'MESSAGE_AUTHOR_REQUIRED');
  });

  it('deleteHistory empties the chat for that account only (unless revoked); getHistory is then empty', async () => {
    const { state, alice, bob, bot, aliceId, bobId } = await world();
    await sendText(alice, inputPeer(state, bot.id), '/start');
    state.sendMessage(bot.id, aliceId, { text: 'Welcome!' });
    await sendText(alice, inputPeer(state, bobId), 'hi');
    const peer = inputPeer(state, bot.id);
    const affected = await alice.invoke<Api.messages.AffectedHistory>(new Api.messages.DeleteHistory({ peer, maxId: 0 }));
    assert.equal(affected.ptsCount, 2);
    assert.equal(affected.offset, 0);
    const history = await alice.invoke<Api.messages.Messages>(new Api.messages.GetHistory({ peer, limit: 100, offsetId: 0, offsetDate: 0, addOffset: 0, maxId: 0, minId: 0, hash: long(0) }));
    assert.equal(history.messages.length, 0);
    assert.equal(state.history(bot.id, aliceId).length, 2, "the bot's side stays");
    assert.equal(state.history(aliceId, bobId).length, 1, 'other chats stay');

    await alice.invoke(new Api.messages.DeleteHistory({ peer: inputPeer(state, bobId), maxId: 0, revoke: true }));
    assert.equal(state.history(bobId, aliceId).length, 0);
    void bob;
  });

  it('deleteMessages counts only what was there', async () => {
    const { state, alice, bobId } = await world();
    const [sent] = newMessages(await sendText(alice, inputPeer(state, bobId), 'oops'));
    const affected = await alice.invoke<Api.messages.AffectedMessages>(new Api.messages.DeleteMessages({ id: [sent.id, 999], revoke: true }));
    assert.equal(affected.ptsCount, 1);
  });

  it('pages history newest first with offsetId and limit, as GramJS iterMessages asks', async () => {
    const { state, alice, bobId } = await world();
    for (let i = 1; i <= 5; i++) await sendText(alice, inputPeer(state, bobId), `m${i}`);
    const page = (offsetId: number, limit: number) => alice.invoke<Api.messages.TypeMessages>(new Api.messages.GetHistory({ peer: inputPeer(state, bobId), limit, offsetId, offsetDate: 0, addOffset: 0, maxId: 0, minId: 0, hash: long(0) }));
    const first = await page(0, 2);
    assert.ok(first instanceof Api.messages.MessagesSlice);
    assert.equal(first.count, 5);
    assert.deepEqual(first.messages.map((m) => (m as Api.Message).message), ['m5', 'm4']);
    const next = await page(first.messages[1].id, 2);
    assert.deepEqual((next as Api.messages.MessagesSlice).messages.map((m) => (m as Api.Message).message), ['m3', 'm2']);
    const all = await page(0, 100);
    assert.ok(all instanceof Api.messages.Messages);
  });

  it('getMessages by id returns messageEmpty for ids not in the box', async () => {
    const { state, alice, bobId } = await world();
    const [sent] = newMessages(await sendText(alice, inputPeer(state, bobId), 'keep'));
    const result = await alice.invoke<Api.messages.Messages>(new Api.messages.GetMessages({ id: [new Api.InputMessageID({ id: sent.id }), new Api.InputMessageID({ id: 77 })] }));
    assert.equal((result.messages[0] as Api.Message).message, 'keep');
    assert.ok(result.messages[1] instanceof Api.MessageEmpty);
    assert.ok(result.users.length >= 2);
  });

  it('lists dialogs newest first with their top messages and users; readHistory and setTyping are accepted', async () => {
    const { state, alice, bot, aliceId, bobId } = await world();
    await sendText(alice, inputPeer(state, bot.id), '/start');
    await sendText(alice, inputPeer(state, bobId), 'hi Bob');
    state.sendMessage(bot.id, aliceId, { text: 'Welcome!' });
    const dialogs = await alice.invoke<Api.messages.Dialogs>(new Api.messages.GetDialogs({ offsetDate: 0, offsetId: 0, offsetPeer: new Api.InputPeerEmpty(), limit: 100, hash: long(0) }));
    assert.ok(dialogs instanceof Api.messages.Dialogs);
    assert.deepEqual(dialogs.dialogs.map((d) => ((d as Api.Dialog).peer as Api.PeerUser).userId.toString()), [String(bot.id), String(bobId)]);
    assert.deepEqual(dialogs.messages.map((m) => (m as Api.Message).message), ['Welcome!', 'hi Bob']);
    assert.ok(dialogs.users.some((u) => u.id.toString() === String(bot.id)));
    assert.ok(await alice.invoke(new Api.messages.ReadHistory({ peer: inputPeer(state, bot.id), maxId: 0 })));
    assert.equal(await alice.invoke(new Api.messages.SetTyping({ peer: inputPeer(state, bot.id), action: new Api.SendMessageTypingAction() })), true);
  });
});

describe('messages handlers: bot keyboards and callback buttons', () => {
  it("shows the bot's keyboards and round-trips a button press to the bot's answer", async () => {
    const { state, alice, bot, aliceId } = await world();
    await sendText(alice, inputPeer(state, bot.id), '/start');
    state.sendMessage(bot.id, aliceId, {
      text: 'Pick one',
      replyMarkup: { kind: 'inline', rows: [[{ text: 'Approve', callbackData: Buffer.from('approve:7') }, { text: 'Site', url: 'https://example.org' }]] },
    });
    state.sendMessage(bot.id, aliceId, { text: 'Menu', replyMarkup: { kind: 'keyboard', rows: [[{ text: '📷 Photo' }]], resize: true } });
    const history = await alice.invoke<Api.messages.Messages>(new Api.messages.GetHistory({ peer: inputPeer(state, bot.id), limit: 10, offsetId: 0, offsetDate: 0, addOffset: 0, maxId: 0, minId: 0, hash: long(0) }));
    const [menu, pick] = history.messages as Api.Message[];
    const keyboard = menu.replyMarkup as Api.ReplyKeyboardMarkup;
    assert.ok(keyboard instanceof Api.ReplyKeyboardMarkup);
    assert.equal(keyboard.resize, true);
    assert.equal((keyboard.rows[0].buttons[0] as Api.KeyboardButton).text, '📷 Photo');
    const inline = pick.replyMarkup as Api.ReplyInlineMarkup;
    const [approve, site] = inline.rows[0].buttons as [Api.KeyboardButtonCallback, Api.KeyboardButtonUrl];
    assert.equal(approve.data.toString(), 'approve:7');
    assert.equal(site.url, 'https://example.org');

    state.once('callbackQuery', (query) => {
      assert.equal(query.data?.toString(), 'approve:7');
      state.answerCallbackQuery(bot.id, query.id, { text: 'Approved', alert: true });
    });
    const answer = await alice.invoke<Api.messages.BotCallbackAnswer>(new Api.messages.GetBotCallbackAnswer({ peer: inputPeer(state, bot.id), msgId: pick.id, data: Buffer.from('approve:7') }));
    assert.equal(answer.message, 'Approved');
    assert.equal(answer.alert, true);

    assert.equal(await rpcError(alice.invoke(new Api.messages.GetBotCallbackAnswer({ peer: inputPeer(state, bot.id), msgId: pick.id, data: Buffer.from('nope') }))), 'DATA_INVALID');
    assert.equal(await rpcError(alice.invoke(new Api.messages.GetBotCallbackAnswer({ peer: inputPeer(state, bot.id), msgId: 999, data: Buffer.from('approve:7') }))), 'MESSAGE_ID_INVALID');
  });
});
