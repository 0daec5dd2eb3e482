import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InputFile, InputMediaBuilder } from 'grammy';
import { grammyError, type Harness, makePng, startHarness } from './harness';

/**
 * Methods over several messages at once (deleteMessages, forwardMessages, copyMessages),
 * replacing a message's media (editMessageMedia), and albums of every allowed kind — through
 * grammY, checked against the state.
 */
describe('Bot API batches, media edits and albums (grammY client)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  it('deleteMessages deletes what exists and skips the rest; both sides lose them', async () => {
    const user = h.startedUser('Deleter');
    const sent = await Promise.all(['a', 'b', 'c'].map((text) => h.bot.api.sendMessage(user.id, text)));
    assert.equal(await h.bot.api.deleteMessages(user.id, [sent[0].message_id, 999999, sent[2].message_id]), true);
    assert.deepEqual(h.state.history(user.id, h.botAccount.id).map((entry) => entry.message.text), ['b', '/start']);
    const base = `${h.server.apiRoot}/bot${h.token}/deleteMessages?chat_id=${user.id}&message_ids=`;
    const refuse = async (ids: string) => ((await (await fetch(base + encodeURIComponent(ids))).json()) as { description: string }).description;
    assert.equal(await refuse(''), 'Bad Request: message identifiers are not specified');
    assert.equal(await refuse('[1,'), "Bad Request: can't parse message_ids JSON object");
    assert.equal(await refuse('{"a":1}'), 'Bad Request: expected an Array of message identifiers');
    assert.equal(await refuse(JSON.stringify(Array.from({ length: 101 }, (_, i) => i + 1))), 'Bad Request: too many message identifiers specified');
    assert.equal(await refuse('[true]'), 'Bad Request: message identifier must be a Number');
    assert.equal(await refuse('["x"]'), "Bad Request: can't parse message identifier as a Number");
    assert.equal(await refuse('[0]'), 'Bad Request: invalid message identifier specified');
    assert.equal(await refuse('[]'), 'Bad Request: message identifiers are not specified');
  });

  it('forwardMessages and copyMessages answer MessageIds in order, skip missing ids, keep albums together', async () => {
    const alice = h.startedUser('Alice');
    const bob = h.startedUser('Bob');
    const first = await h.bot.api.sendMessage(alice.id, 'one');
    const album = await h.bot.api.sendMediaGroup(alice.id, [InputMediaBuilder.photo(new InputFile(makePng(4, 4, 1))), InputMediaBuilder.photo(new InputFile(makePng(5, 5, 2)), { caption: 'second' })]);
    const ids = [first.message_id, 999999, ...album.map((m) => m.message_id)];
    const forwarded = await h.bot.api.forwardMessages(bob.id, alice.id, ids);
    assert.equal(forwarded.length, 3);
    const inBob = forwarded.map(({ message_id }) => h.state.messageInBox(h.botAccount.id, message_id)!);
    assert.deepEqual(inBob.map((m) => m.text), ['one', '', 'second']);
    assert.ok(inBob.every((m) => m.forward !== undefined), 'forwards keep their origin');
    assert.ok(inBob[1].groupedId !== undefined && inBob[1].groupedId === inBob[2].groupedId && String(inBob[1].groupedId) !== (album[0] as { media_group_id?: string }).media_group_id);
    const copied = await h.bot.api.copyMessages(bob.id, alice.id, ids, { remove_caption: true });
    const copies = copied.map(({ message_id }) => h.state.messageInBox(h.botAccount.id, message_id)!);
    assert.deepEqual(copies.map((m) => [m.text, m.forward]), [['one', undefined], ['', undefined], ['', undefined]]);
    assert.ok(copies[1].groupedId !== undefined && copies[1].groupedId === copies[2].groupedId);
  });

  it('editMessageMedia replaces a message\'s file and caption; the user sees the edit', async () => {
    const user = h.startedUser('Editor');
    const photo = await h.bot.api.sendPhoto(user.id, new InputFile(makePng(6, 6, 3)), { caption: 'before' });
    const edited = await h.bot.api.editMessageMedia(user.id, photo.message_id, InputMediaBuilder.document(new InputFile(Buffer.from('report'), 'report.txt'), { caption: 'after' }));
    assert.ok(edited !== true);
    assert.equal(edited.document?.file_name, 'report.txt');
    assert.equal(edited.caption, 'after');
    assert.equal(typeof edited.edit_date, 'number');
    const userCopy = h.state.messageInBox(user.id, h.state.boxIdOf(h.state.messageInBox(h.botAccount.id, photo.message_id)!, user.id)!)!;
    assert.ok(userCopy.media?.kind === 'document' && userCopy.media.document.fileName === 'report.txt');
    const back = await h.bot.api.editMessageMedia(user.id, photo.message_id, InputMediaBuilder.photo(photo.photo!.at(-1)!.file_id));
    assert.ok(back !== true && back.photo !== undefined && back.caption === undefined);

    const text = await h.bot.api.sendMessage(user.id, 'plain');
    assert.equal((await grammyError(() => h.bot.api.editMessageMedia(user.id, text.message_id, InputMediaBuilder.photo(photo.photo!.at(-1)!.file_id)))).description, 'Bad Request: there is no media in the message to edit');
    assert.equal((await grammyError(() => h.bot.api.editMessageMedia(user.id, 999999, InputMediaBuilder.photo(photo.photo!.at(-1)!.file_id)))).description, 'Bad Request: message to edit not found');
    const base = `${h.server.apiRoot}/bot${h.token}/editMessageMedia?chat_id=${user.id}&message_id=${photo.message_id}`;
    const refuse = async (media: string) => ((await (await fetch(`${base}&media=${encodeURIComponent(media)}`)).json()) as { description: string }).description;
    assert.equal(await refuse('{nope'), "Bad Request: can't parse input media JSON object");
    assert.equal(await refuse('{"type":"sticker","media":"x"}'), 'Bad Request: can\'t parse InputMedia: type "sticker" is unsupported');
    assert.equal(await refuse('{"type":"photo"}'), "Bad Request: can't parse InputMedia: media not found");
  });

  it('albums: photos with videos, audio only with audio, documents only with documents, no animations', async () => {
    const user = h.startedUser('Albums');
    const video = (n: number) => InputMediaBuilder.video(new InputFile(Buffer.alloc(20, n), `v${n}.mp4`), { width: 320, height: 240 });
    const mixed = await h.bot.api.sendMediaGroup(user.id, [InputMediaBuilder.photo(new InputFile(makePng(3, 3, 7))), video(1)]);
    const [photoItem, videoItem] = mixed as unknown as Array<Record<string, unknown>>;
    assert.ok(photoItem.photo && videoItem.video && photoItem.media_group_id === videoItem.media_group_id);
    const music = await h.bot.api.sendMediaGroup(user.id, [InputMediaBuilder.audio(new InputFile(Buffer.alloc(9, 1), 'a.mp3'), { title: 'A' }), InputMediaBuilder.audio(new InputFile(Buffer.alloc(9, 2), 'b.mp3'))]);
    assert.equal((music[0] as unknown as { audio?: { title?: string } }).audio?.title, 'A');
    const before = h.state.history(h.botAccount.id, user.id).length;
    assert.equal((await grammyError(() => h.bot.api.sendMediaGroup(user.id, [InputMediaBuilder.audio(new InputFile(Buffer.alloc(9), 'a.mp3')), video(2)] as never))).description, "Bad Request: audio can't be mixed with other media types");
    assert.equal((await grammyError(() => h.bot.api.sendMediaGroup(user.id, [InputMediaBuilder.document(new InputFile(Buffer.alloc(9), 'd.txt')), video(3)] as never))).description, "Bad Request: document can't be mixed with other media types");
    assert.equal((await grammyError(() => h.bot.api.sendMediaGroup(user.id, [InputMediaBuilder.animation(new InputFile(Buffer.alloc(9), 'x.mp4')) as never, video(4)]))).description, 'Bad Request: can\'t parse InputMedia: type "animation" can\'t be used in sendMediaGroup');
    assert.equal(h.state.history(h.botAccount.id, user.id).length, before);
  });
});
