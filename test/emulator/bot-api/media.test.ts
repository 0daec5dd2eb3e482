import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InputFile } from 'grammy';
import sharp from 'sharp';
import { processPhoto } from '../../../src/emulator/state';
import { imageFile } from '../images';
import { grammyError, type Harness, makePng, nextIncoming, startHarness } from './harness';

describe('Bot API media (grammY client)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('sendPhoto uploads (multipart): the photo is kept in its sizes, each a file of its own, smallest first', async () => {
    const user = h.startedUser('Alice');
    const png = await imageFile({ width: 413, height: 225, seed: 1 });
    const arrived = nextIncoming(h.state, user.id);
    const sent = await h.bot.api.sendPhoto(user.id, new InputFile(png, 'cat.png'), { caption: '<b>Our cat</b>', parse_mode: 'HTML' });
    const received = await arrived;
    assert.ok(received.message.media?.kind === 'photo');
    const stored = received.message.media.photo;
    assert.equal(received.message.text, 'Our cat');
    assert.deepEqual(received.message.entities, [{ type: 'bold', offset: 0, length: 7 }]);

    assert.equal(sent.caption, 'Our cat');
    assert.deepEqual(sent.caption_entities, [{ type: 'bold', offset: 0, length: 7 }]);
    const sizes = sent.photo!;
    assert.deepEqual(sizes.map(({ width, height, file_size }) => [width, height, file_size]), stored.sizes.map((size) => [size.width, size.height, size.bytes.length]));
    assert.deepEqual(sizes.map(({ width, height }) => `${width}×${height}`), ['100×54', '320×174', '413×225']);
    assert.equal(new Set(sizes.map((size) => size.file_id)).size, 3);
    assert.equal(new Set(sizes.map((size) => size.file_unique_id)).size, 3);
    assert.ok(sizes.every((size) => size.file_unique_id !== size.file_id));
  });

  // The descriptions are Telegram's RPC error names behind "Bad Request: ", as the Bot API server
  // words upper-case errors (tdlib/telegram-bot-api, Client.cpp, Client::fail_query_with_error).
  it('refuses a corrupt image or one of bad dimensions as Telegram does, and nothing changes', async () => {
    const user = h.startedUser('Ana');
    const before = { media: h.state.mediaUsage(), history: h.state.history(user.id, h.botAccount.id).length };
    const corrupt = (await imageFile({ width: 64, height: 64, noise: true })).subarray(0, 300);
    const tooLong = await imageFile({ width: 2100, height: 100 });
    assert.equal((await grammyError(() => h.bot.api.sendPhoto(user.id, new InputFile(corrupt)))).description, 'Bad Request: IMAGE_PROCESS_FAILED');
    assert.equal((await grammyError(() => h.bot.api.sendPhoto(user.id, new InputFile(tooLong)))).description, 'Bad Request: PHOTO_INVALID_DIMENSIONS');
    const album = await grammyError(() => h.bot.api.sendMediaGroup(user.id, [
      { type: 'photo', media: new InputFile(makePng(20, 10, 1)) },
      { type: 'photo', media: new InputFile(corrupt) },
    ]));
    assert.equal(album.description, 'Bad Request: IMAGE_PROCESS_FAILED');
    assert.deepEqual({ media: h.state.mediaUsage(), history: h.state.history(user.id, h.botAccount.id).length }, before);
  });

  it('re-sending by file_id reaches the user as the same stored photo', async () => {
    const alice = h.startedUser('Ada');
    const bob = h.startedUser('Bo');
    const png = await imageFile({ width: 200, height: 100, seed: 2 });
    const first = await h.bot.api.sendPhoto(alice.id, new InputFile(png));
    // The smallest size's file_id (the thumbnail) re-sends the whole photo, every size.
    const fileId = first.photo![0].file_id;
    const arrived = nextIncoming(h.state, bob.id);
    const again = await h.bot.api.sendPhoto(bob.id, fileId);
    const received = await arrived;
    const original = h.state.messageInBox(h.botAccount.id, first.message_id)!;
    assert.ok(received.message.media?.kind === 'photo' && original.media?.kind === 'photo');
    assert.equal(received.message.media.photo, original.media.photo, 'the same stored photo, not a copy');
    assert.deepEqual(again.photo!.map((size) => size.file_unique_id), first.photo!.map((size) => size.file_unique_id));
  });

  it('getFile gives, for each size of a photo a user sent, a file_path whose download is that JPEG', async () => {
    const user = h.startedUser('Cy');
    const photo = h.state.storePhoto(await processPhoto(await imageFile({ width: 330, height: 170, seed: 3 })));
    const photoMessage = h.state.sendMessage(user.id, h.botAccount.id, { media: { kind: 'photo', photo }, text: 'a caption' });
    const [update] = await h.bot.api.getUpdates({ offset: -1, timeout: 0 });
    assert.equal(update.message?.message_id, h.state.boxIdOf(photoMessage, h.botAccount.id));
    assert.equal(update.message?.caption, 'a caption');
    const sizes = update.message!.photo!;
    assert.deepEqual(sizes.map(({ width, height }) => [width, height]), [[100, 52], [320, 165], [330, 170]]);
    for (const [index, size] of sizes.entries()) {
      const file = await h.bot.api.getFile(size.file_id);
      assert.equal(file.file_size, photo.sizes[index]!.bytes.length);
      assert.equal(file.file_unique_id, size.file_unique_id);
      assert.match(file.file_path ?? '', /^photos\/file_\d+_[smx]\.jpg$/);
      const download = await fetch(`${h.server.apiRoot}/file/bot${h.token}/${file.file_path}`);
      assert.equal(download.status, 200);
      const bytes = Buffer.from(await download.arrayBuffer());
      assert.ok(bytes.equals(photo.sizes[index]!.bytes));
      const { format, width, height } = await sharp(bytes).metadata();
      assert.deepEqual([format, width, height], ['jpeg', size.width, size.height]);
    }
    const path = (await h.bot.api.getFile(sizes[0]!.file_id)).file_path!;
    const wrongToken = await fetch(`${h.server.apiRoot}/file/bot1:nope/${path}`);
    assert.equal(wrongToken.status, 401);
    const noSuchSize = await fetch(`${h.server.apiRoot}/file/bot${h.token}/${path.replace(/_s\.jpg$/, '_w.jpg')}`);
    assert.equal(noSuchSize.status, 404);
    await h.bot.api.getUpdates({ offset: update.update_id + 1, timeout: 0 });
  });

  it('refuses bad file_ids, other bots\' file_ids and URLs (no network) at once', async () => {
    const user = h.startedUser('Di');
    const bad = await grammyError(() => h.bot.api.sendPhoto(user.id, 'AgACAgIAAxkBAAIBbogus'));
    assert.equal(bad.description, 'Bad Request: wrong file identifier/HTTP URL specified');
    const url = await grammyError(() => h.bot.api.sendPhoto(user.id, 'https://example.org/cat.jpg'));
    assert.equal(url.error_code, 400);
    assert.equal(url.description, 'Bad Request: failed to get HTTP URL content');
    assert.equal((await grammyError(() => h.bot.api.getFile('garbage'))).description, 'Bad Request: invalid file_id');
    const notImage = await grammyError(() => h.bot.api.sendPhoto(user.id, new InputFile(Buffer.from('not an image'))));
    assert.equal(notImage.description, 'Bad Request: IMAGE_PROCESS_FAILED');

    const other = h.state.createBot({ username: 'other_album_bot' });
    const otherUser = h.createUser('Ed');
    h.state.sendMessage(otherUser.id, other.id, { text: '/start' });
    const { Bot } = await import('grammy');
    const otherBot = new Bot(other.botToken!, { client: { apiRoot: h.server.apiRoot } });
    const theirs = await otherBot.api.sendPhoto(otherUser.id, new InputFile(makePng(4, 4)));
    const foreign = await grammyError(() => h.bot.api.sendPhoto(user.id, theirs.photo![0].file_id));
    assert.equal(foreign.description, 'Bad Request: wrong file identifier/HTTP URL specified');
  });

  it('sendMediaGroup sends an album (uploads via attach:// and file_ids) under one media_group_id', async () => {
    const user = h.startedUser('Flo');
    const known = await h.bot.api.sendPhoto(user.id, new InputFile(makePng(8, 8, 5)));
    const pngs = [makePng(20, 10, 6), makePng(30, 10, 7)];
    const albums: string[] = [];
    const listener = (event: { ownerId: number; message: { groupedId?: bigint } }) => {
      if (event.ownerId === user.id && event.message.groupedId !== undefined) albums.push(event.message.groupedId.toString());
    };
    h.state.on('message', listener);
    const messages: Array<{ media_group_id?: string; photo?: Array<{ width: number }>; caption?: string; caption_entities?: unknown }> = await h.bot.api.sendMediaGroup(user.id, [
      { type: 'photo', media: new InputFile(pngs[0]), caption: '*first*', parse_mode: 'MarkdownV2' },
      { type: 'photo', media: new InputFile(pngs[1]) },
      { type: 'photo', media: known.photo![0].file_id },
    ]);
    h.state.off('message', listener);
    assert.equal(messages.length, 3);
    const groupIds = new Set(messages.map((m) => m.media_group_id));
    assert.equal(groupIds.size, 1);
    assert.ok([...groupIds][0]);
    assert.equal(messages[0].caption, 'first');
    assert.deepEqual(messages[0].caption_entities, [{ type: 'bold', offset: 0, length: 5 }]);
    assert.deepEqual(messages.map((m) => m.photo!.at(-1)!.width), [20, 30, 8]);
    assert.equal(albums.length, 3);
    assert.equal(new Set(albums).size, 1);
    const userPhotos = h.state.history(user.id, h.botAccount.id).slice(0, 3).reverse();
    assert.ok(userPhotos[0].message.media?.kind === 'photo');
    assert.deepEqual(await sharp(userPhotos[0].message.media.photo.sizes[0]!.bytes).metadata().then((m) => [m.format, m.width]), ['jpeg', 20]);

    const tooFew = await grammyError(() => h.bot.api.sendMediaGroup(user.id, [{ type: 'photo', media: known.photo![0].file_id }]));
    assert.equal(tooFew.error_code, 400);
    assert.match(tooFew.description, /^Bad Request: /);
  });

  it('delivers a user\'s album to the bot as message updates sharing a media_group_id, in one poll', async () => {
    const user = h.startedUser('Gil');
    await h.bot.api.getUpdates({ offset: -1, timeout: 0 });
    const [last] = await h.bot.api.getUpdates({ offset: -1, timeout: 0 });
    const poll = h.bot.api.getUpdates({ offset: (last?.update_id ?? 0) + 1, timeout: 30 });
    await h.server.whenPolling(h.botAccount.id);
    const groupedId = 77n;
    const photos = await Promise.all([1, 2].map((seed) => processPhoto(makePng(5, 5, seed))));
    for (const [index, processed] of photos.entries()) {
      h.state.sendMessage(user.id, h.botAccount.id, { media: { kind: 'photo', photo: h.state.storePhoto(processed) }, groupedId, text: index === 0 ? 'album' : '' });
    }
    const updates = await poll;
    assert.equal(updates.length, 2);
    assert.deepEqual(updates.map((u) => u.message?.media_group_id), ['77', '77']);
    assert.equal(updates[0].message?.caption, 'album');
    assert.ok(Array.isArray(updates[1].message?.photo));
  });

  it('shows documents, stickers and voice notes sent by users', async () => {
    const user = h.startedUser('Hal');
    const media = [
      h.state.storeDocument({ bytes: Buffer.from('%PDF-1.4'), mimeType: 'application/pdf', fileName: 'tree.pdf' }),
      h.state.storeDocument({ bytes: Buffer.from('RIFF....WEBP'), mimeType: 'image/webp', kind: 'sticker', width: 512, height: 512, emoji: '😀' }),
      h.state.storeDocument({ bytes: Buffer.from('OggS'), mimeType: 'audio/ogg', kind: 'voice', duration: 3 }),
    ];
    await h.bot.api.getUpdates({ offset: -1, timeout: 0 });
    for (const document of media) h.state.sendMessage(user.id, h.botAccount.id, { media: { kind: 'document', document } });
    const updates = (await h.bot.api.getUpdates({ timeout: 0 })).slice(-3);
    assert.equal(updates[0].message?.document?.file_name, 'tree.pdf');
    assert.equal(updates[0].message?.document?.mime_type, 'application/pdf');
    assert.equal(updates[1].message?.sticker?.emoji, '😀');
    assert.equal(updates[2].message?.voice?.duration, 3);
    const file = await h.bot.api.getFile(updates[0].message!.document!.file_id);
    const download = await fetch(`${h.server.apiRoot}/file/bot${h.token}/${file.file_path}`);
    assert.equal(Buffer.from(await download.arrayBuffer()).toString(), '%PDF-1.4');
    await h.bot.api.getUpdates({ offset: updates[2].update_id + 1, timeout: 0 });
  });
});
