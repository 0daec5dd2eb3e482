import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InputFile } from 'grammy';
import { grammyError, type Harness, startHarness } from './harness';

/**
 * The send methods for every kind of content besides text, photos and documents, through
 * grammY: voice, audio, video, animation, sticker, video note, location, venue, contact, dice,
 * poll (and stopPoll) — what they answer, what they store, and Telegram's refusals.
 */
describe('Bot API content kinds (grammY client)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());

  const file = (name: string, size = 64) => new InputFile(Buffer.alloc(size, name.length), name);

  it('sends files of every kind with their attributes, and re-sends them by file_id', async () => {
    const user = h.startedUser('Files');
    const voice = await h.bot.api.sendVoice(user.id, file('hello.ogg'), { duration: 3, caption: 'listen' });
    assert.equal(voice.voice?.duration, 3);
    assert.equal(voice.voice?.mime_type, 'audio/ogg');
    assert.equal(voice.caption, 'listen');
    const audio = await h.bot.api.sendAudio(user.id, file('song.mp3'), { duration: 200, title: 'Song', performer: 'Band' });
    assert.deepEqual([audio.audio?.title, audio.audio?.performer, audio.audio?.duration, audio.audio?.file_name], ['Song', 'Band', 200, 'song.mp3']);
    const video = await h.bot.api.sendVideo(user.id, file('clip.mp4'), { width: 640, height: 360, duration: 12 });
    assert.deepEqual([video.video?.width, video.video?.height, video.video?.duration, video.video?.mime_type], [640, 360, 12, 'video/mp4']);
    const animation = await h.bot.api.sendAnimation(user.id, file('loop.mp4'), { width: 100, height: 100 });
    assert.equal(animation.animation?.width, 100);
    assert.ok(animation.document, 'an animation is also shown as a document');
    const sticker = await h.bot.api.sendSticker(user.id, file('cat.webp'), { emoji: '😺' });
    assert.equal(sticker.sticker?.emoji, '😺');
    assert.equal((sticker as { caption?: string }).caption, undefined);
    const note = await h.bot.api.sendVideoNote(user.id, file('round.mp4'), { length: 240, duration: 5 });
    assert.deepEqual(note.video_note && { length: note.video_note.length, duration: note.video_note.duration }, { length: 240, duration: 5 });

    const again = await h.bot.api.sendVoice(user.id, voice.voice!.file_id);
    assert.equal(again.voice?.file_unique_id, voice.voice?.file_unique_id);
    assert.equal(((await h.bot.api.sendDocument(user.id, video.video!.file_id)) as { video?: { file_unique_id: string } }).video?.file_unique_id, video.video?.file_unique_id);
    assert.equal((await grammyError(() => h.bot.api.sendSticker(user.id, voice.voice!.file_id))).description, "Bad Request: can't use file of type VoiceNote as Sticker");
    assert.equal((await grammyError(() => h.bot.api.sendVoice(user.id, audio.audio!.file_id))).description, "Bad Request: can't use file of type Audio as VoiceNote");
    const downloadable = await h.bot.api.getFile(note.video_note!.file_id);
    assert.match(downloadable.file_path ?? '', /^video_notes\/file_\d+\.mp4$/);
  });

  it('reads integer attributes as Telegram does: clamped, garbage is 0, never an error', async () => {
    const user = h.startedUser('Lenient');
    const base = `${h.server.apiRoot}/bot${h.token}`;
    const form = new FormData();
    form.set('chat_id', String(user.id));
    form.set('duration', 'many');
    form.set('width', '99999999');
    form.set('height', '12px');
    form.set('video', new Blob([Buffer.alloc(10, 1)]), 'v.mp4');
    const body = (await (await fetch(`${base}/sendVideo`, { method: 'POST', body: form })).json()) as { ok: boolean; result: { video: Record<string, number> } };
    assert.equal(body.ok, true);
    assert.deepEqual([body.result.video.duration, body.result.video.width, body.result.video.height], [0, 10000, 12]);
  });

  it('refuses a missing file in each method\'s own words', async () => {
    const user = h.startedUser('Missing');
    const base = `${h.server.apiRoot}/bot${h.token}`;
    for (const [method, noun] of [['sendVoice', 'voice'], ['sendAudio', 'audio'], ['sendVideo', 'video'], ['sendAnimation', 'animation'], ['sendSticker', 'sticker'], ['sendVideoNote', 'video note']]) {
      const body = (await (await fetch(`${base}/${method}?chat_id=${user.id}`)).json()) as { description: string };
      assert.equal(body.description, `Bad Request: there is no ${noun} in the request`);
    }
  });

  it('sends locations, live locations, venues, contacts and dice', async () => {
    const user = h.startedUser('Places');
    const here = await h.bot.api.sendLocation(user.id, 52.52, 13.405, { horizontal_accuracy: 20 });
    assert.deepEqual(here.location, { latitude: 52.52, longitude: 13.405, horizontal_accuracy: 20 });
    const live = await h.bot.api.sendLocation(user.id, 1, 2, { live_period: 600, heading: 90 });
    assert.deepEqual(live.location, { latitude: 1, longitude: 2, live_period: 600, heading: 90 });
    const venue = await h.bot.api.sendVenue(user.id, 48.8584, 2.2945, 'Eiffel Tower', 'Champ de Mars', { foursquare_id: '4adcda' });
    assert.deepEqual(venue.venue, { location: { latitude: 48.8584, longitude: 2.2945 }, title: 'Eiffel Tower', address: 'Champ de Mars', foursquare_id: '4adcda' });
    assert.deepEqual(venue.location, { latitude: 48.8584, longitude: 2.2945 });
    const known = h.createUser('Known');
    const contact = await h.bot.api.sendContact(user.id, known.phone!, 'Known', { last_name: 'Person' });
    assert.deepEqual(contact.contact, { phone_number: known.phone, first_name: 'Known', last_name: 'Person', user_id: known.id });
    const stranger = await h.bot.api.sendContact(user.id, '+1 555 0100', 'Nobody');
    assert.deepEqual(stranger.contact, { phone_number: '+1 555 0100', first_name: 'Nobody' });
    for (const [emoji, faces] of [['🎲', 6], ['🎯', 6], ['🎳', 6], ['🏀', 5], ['⚽', 5], ['🎰', 64]] as const) {
      const dice = await h.bot.api.sendDice(user.id, emoji);
      assert.equal(dice.dice?.emoji, emoji);
      assert.ok(dice.dice!.value >= 1 && dice.dice!.value <= faces, `${emoji} ${dice.dice!.value}`);
    }
    const plain = (await (await fetch(`${h.server.apiRoot}/bot${h.token}/sendDice?chat_id=${user.id}`)).json()) as { result: { dice: { emoji: string } } };
    assert.equal(plain.result.dice.emoji, '🎲');
  });

  it('refuses bad places and contacts with the server\'s words, sending nothing', async () => {
    const user = h.startedUser('BadPlaces');
    const before = h.state.history(h.botAccount.id, user.id).length;
    const base = `${h.server.apiRoot}/bot${h.token}`;
    const call = async (query: string) => ((await (await fetch(`${base}/${query}`)).json()) as { description: string }).description;
    assert.equal(await call(`sendLocation?chat_id=${user.id}&longitude=1`), 'Bad Request: latitude is empty');
    assert.equal(await call(`sendLocation?chat_id=${user.id}&latitude=1`), 'Bad Request: longitude is empty');
    assert.equal(await call(`sendLocation?chat_id=${user.id}&latitude=91&longitude=0`), 'Bad Request: wrong location specified');
    assert.equal(await call(`sendLocation?chat_id=${user.id}&latitude=1&longitude=1&live_period=30`), 'Bad Request: wrong live location period specified');
    assert.equal(await call(`sendVenue?chat_id=${user.id}&latitude=1&longitude=200&title=t&address=a`), 'Bad Request: wrong venue location specified');
    assert.equal(await call(`sendContact?chat_id=${user.id}&first_name=A`), 'Bad Request: parameter "phone_number" is required');
    assert.equal(await call(`sendContact?chat_id=${user.id}&phone_number=1`), 'Bad Request: parameter "first_name" is required');
    assert.equal(await call(`sendDice?chat_id=${user.id}&emoji=${encodeURIComponent('🍕')}`), 'Bad Request: EMOTICON_INVALID');
    assert.equal(h.state.history(h.botAccount.id, user.id).length, before);
  });

  it('sends polls and quizzes, and stops them', async () => {
    const user = h.startedUser('Polls');
    const poll = await h.bot.api.sendPoll(user.id, 'Lunch?', [{ text: 'Pizza' }, { text: 'Soup' }], { is_anonymous: false, allows_multiple_answers: true });
    assert.equal(poll.poll?.question, 'Lunch?');
    assert.deepEqual(poll.poll?.options.map((o) => [o.text, o.voter_count]), [['Pizza', 0], ['Soup', 0]]);
    assert.deepEqual([poll.poll?.type, poll.poll?.is_anonymous, poll.poll?.allows_multiple_answers, poll.poll?.is_closed, poll.poll?.total_voter_count], ['regular', false, true, false, 0]);
    const quiz = await h.bot.api.sendPoll(user.id, '2+2?', [{ text: '3' }, { text: '4' }], { type: 'quiz', correct_option_ids: [1], explanation: 'Arithmetic' });
    assert.deepEqual([quiz.poll?.type, quiz.poll?.correct_option_ids, quiz.poll?.explanation, quiz.poll?.is_anonymous], ['quiz', [1], 'Arithmetic', true]);
    assert.equal((quiz.poll as { correct_option_id?: number }).correct_option_id, 1, 'older libraries read correct_option_id');
    const older = await h.bot.api.raw.sendPoll({ chat_id: user.id, question: 'Capital of France?', options: [{ text: 'Paris' }, { text: 'Rome' }], type: 'quiz', correct_option_id: 0 } as never);
    assert.deepEqual(older.poll?.correct_option_ids, [0]);
    const stopped = await h.bot.api.stopPoll(user.id, poll.message_id);
    assert.equal(stopped.is_closed, true);
    assert.equal(stopped.id, poll.poll?.id);
    const stored = h.state.messageInBox(h.botAccount.id, poll.message_id)!;
    assert.ok(stored.media?.kind === 'poll' && stored.media.poll.closed);
    assert.equal((await grammyError(() => h.bot.api.stopPoll(user.id, poll.message_id))).description, 'Bad Request: poll has already been closed');
    const text = await h.bot.api.sendMessage(user.id, 'not a poll');
    assert.equal((await grammyError(() => h.bot.api.stopPoll(user.id, text.message_id))).description, 'Bad Request: message is not a poll');
    assert.equal((await grammyError(() => h.bot.api.stopPoll(user.id, 999999))).description, 'Bad Request: message with poll to stop not found');
  });

  it('refuses bad polls with TDLib\'s words', async () => {
    const user = h.startedUser('BadPolls');
    const refuse = async (question: string, options: string[], other: Record<string, unknown> = {}) =>
      (await grammyError(() => h.bot.api.sendPoll(user.id, question, options.map((text) => ({ text })), other as never))).description;
    assert.equal(await refuse('', ['a', 'b']), 'Bad Request: poll question must be non-empty');
    assert.equal(await refuse('q'.repeat(301), ['a', 'b']), 'Bad Request: poll question length must not exceed 300');
    assert.equal(await refuse('q', ['a']), 'Bad Request: poll must have at least 2 option');
    assert.equal(await refuse('q', Array.from({ length: 13 }, (_, i) => `o${i}`)), "Bad Request: poll can't have more than 12 options");
    assert.equal(await refuse('q', ['a', '']), 'Bad Request: poll options must be non-empty');
    assert.equal(await refuse('q', ['a', 'b'.repeat(101)]), 'Bad Request: poll options length must not exceed 100');
    assert.equal(await refuse('q', ['a', 'b'], { type: 'survey' }), 'Bad Request: unsupported poll type specified');
    const base = `${h.server.apiRoot}/bot${h.token}`;
    const unparsable = (await (await fetch(`${base}/sendPoll?chat_id=${user.id}&question=q&options=%5Bnope`)).json()) as { description: string };
    assert.equal(unparsable.description, "Bad Request: can't parse options JSON object");
  });
});
