/**
 * Every kind of content both ways, through the real wires: a person (an unmodified GramJS
 * client over MTProto) sends voice, video, round video, sticker, location, venue, contact,
 * dice and poll, and the bot (grammY over HTTP) receives each with its fields; the bot sends
 * each kind, and the person's client gets the right TL media.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import bigInt from 'big-integer';
import { Bot, InputFile } from 'grammy';
import type { Message, Update } from 'grammy/types';
import { Api } from 'telegram';
import { CustomFile } from 'telegram/client/uploads';
import { lastMessage, type Person, startWire, type Wire } from '../wire';

describe('content kinds both ways (GramJS over MTProto, grammY over HTTP)', () => {
  let wire: Wire;
  let bot: Bot;
  let alice: Person;
  let peer: Api.TypeInputPeer;
  let offset = 0;

  before(async () => {
    wire = await startWire();
    const handle = wire.emulator.control.createBot({ username: 'kinds_bot' });
    bot = new Bot(handle.token, { client: { apiRoot: wire.emulator.botApiRoot } });
    alice = await wire.person('Alice');
    peer = await alice.client.getInputEntity('@kinds_bot');
    await alice.client.sendMessage(peer, { message: '/start' });
    await received();
  });
  after(() => wire.close());

  /** The messages the bot got since the last call (each user request has returned, so its update is queued). */
  async function received(): Promise<Message[]> {
    const updates: Update[] = await bot.api.getUpdates({ offset, timeout: 0 });
    if (updates.length > 0) offset = updates[updates.length - 1].update_id + 1;
    return updates.flatMap((update) => (update.message ? [update.message] : []));
  }

  const sendMedia = (media: Api.TypeInputMedia) =>
    alice.client.invoke(new Api.messages.SendMedia({ peer, media, message: '', randomId: bigInt(randomBytes(7).toString('hex'), 16) }));
  const upload = (name: string, size = 300) => new CustomFile(name, size, '', randomBytes(size));

  it('a person sends voice, video, a round video and a sticker; the bot gets each kind', async () => {
    await alice.client.sendFile(peer, { file: upload('note.ogg'), voiceNote: true, attributes: [new Api.DocumentAttributeAudio({ voice: true, duration: 4 })] });
    await alice.client.sendFile(peer, { file: upload('clip.mp4'), supportsStreaming: true, attributes: [new Api.DocumentAttributeVideo({ duration: 7, w: 320, h: 240 })] });
    await alice.client.sendFile(peer, { file: upload('round.mp4'), videoNote: true, attributes: [new Api.DocumentAttributeVideo({ roundMessage: true, duration: 3, w: 240, h: 240 })] });
    await alice.client.sendFile(peer, {
      file: upload('cat.webp'),
      forceDocument: true,
      attributes: [new Api.DocumentAttributeSticker({ alt: '😺', stickerset: new Api.InputStickerSetEmpty() }), new Api.DocumentAttributeImageSize({ w: 512, h: 512 })],
    });
    const [voice, video, round, sticker] = await received();
    assert.equal(voice.voice?.duration, 4);
    assert.deepEqual([video.video?.duration, video.video?.width, video.video?.height], [7, 320, 240]);
    assert.deepEqual([round.video_note?.length, round.video_note?.duration], [240, 3]);
    assert.equal(sticker.sticker?.emoji, '😺');
  });

  it('a person sends a location, a venue, a contact, a dice and a poll; the bot gets each', async () => {
    await sendMedia(new Api.InputMediaGeoPoint({ geoPoint: new Api.InputGeoPoint({ lat: 59.33, long: 18.06 }) }));
    await sendMedia(new Api.InputMediaVenue({ geoPoint: new Api.InputGeoPoint({ lat: 1.5, long: 2.5 }), title: 'Café', address: 'Main St 1', provider: 'foursquare', venueId: 'abc', venueType: 'food/cafe' }));
    await sendMedia(new Api.InputMediaContact({ phoneNumber: '+1 555 0199', firstName: 'Carol', lastName: '', vcard: '' }));
    const thrown = await sendMedia(new Api.InputMediaDice({ emoticon: '🎯' }));
    await sendMedia(new Api.InputMediaPoll({
      poll: new Api.Poll({
        id: bigInt(0),
        question: new Api.TextWithEntities({ text: 'Tea or coffee?', entities: [] }),
        answers: [
          new Api.PollAnswer({ text: new Api.TextWithEntities({ text: 'Tea', entities: [] }), option: Buffer.from('t') }),
          new Api.PollAnswer({ text: new Api.TextWithEntities({ text: 'Coffee', entities: [] }), option: Buffer.from('c') }),
        ],
        publicVoters: true,
      }),
    }));
    const [location, venue, contact, dice, poll] = await received();
    assert.deepEqual(location.location, { latitude: 59.33, longitude: 18.06 });
    assert.deepEqual(venue.venue, { location: { latitude: 1.5, longitude: 2.5 }, title: 'Café', address: 'Main St 1', foursquare_id: 'abc', foursquare_type: 'food/cafe' });
    assert.deepEqual(contact.contact, { phone_number: '+1 555 0199', first_name: 'Carol' });
    // The server threw the dice: the person and the bot see the same value.
    assert.ok(thrown instanceof Api.Updates);
    const sent = thrown.updates.find((update): update is Api.UpdateNewMessage => update instanceof Api.UpdateNewMessage)!.message as Api.Message;
    assert.ok(sent.media instanceof Api.MessageMediaDice);
    assert.deepEqual(dice.dice, { emoji: '🎯', value: sent.media.value });
    assert.equal(poll.poll?.question, 'Tea or coffee?');
    assert.deepEqual(poll.poll?.options.map((option) => option.text), ['Tea', 'Coffee']);
    assert.equal(poll.poll?.is_anonymous, false);
  });

  it('a person\'s bad location and poll are refused with Telegram\'s errors', async () => {
    await assert.rejects(sendMedia(new Api.InputMediaGeoPoint({ geoPoint: new Api.InputGeoPoint({ lat: 95, long: 0 }) })), /GEO_POINT_INVALID/);
    await assert.rejects(sendMedia(new Api.InputMediaDice({ emoticon: '🍕' })), /EMOTICON_INVALID/);
    const onlyOne = new Api.Poll({ id: bigInt(0), question: new Api.TextWithEntities({ text: 'q', entities: [] }), answers: [new Api.PollAnswer({ text: new Api.TextWithEntities({ text: 'a', entities: [] }), option: Buffer.from('a') })] });
    await assert.rejects(sendMedia(new Api.InputMediaPoll({ poll: onlyOne })), /POLL_ANSWERS_INVALID/);
    assert.deepEqual(await received(), []);
  });

  it('the bot sends every kind; the person\'s client gets the TL media for each', async () => {
    const chatId = alice.account.id;
    const file = (name: string) => new InputFile(randomBytes(200), name);
    await bot.api.sendVoice(chatId, file('v.ogg'), { duration: 2 });
    let media = (await lastMessage(alice, peer)).media;
    assert.ok(media instanceof Api.MessageMediaDocument && media.voice === true);
    await bot.api.sendVideoNote(chatId, file('r.mp4'), { length: 200, duration: 2 });
    media = (await lastMessage(alice, peer)).media;
    assert.ok(media instanceof Api.MessageMediaDocument && media.round === true);
    const round = (media.document as Api.Document).attributes.find((a): a is Api.DocumentAttributeVideo => a instanceof Api.DocumentAttributeVideo);
    assert.equal(round?.roundMessage, true);
    await bot.api.sendAudio(chatId, file('s.mp3'), { title: 'Song', performer: 'Band' });
    media = (await lastMessage(alice, peer)).media;
    const audio = ((media as Api.MessageMediaDocument).document as Api.Document).attributes.find((a): a is Api.DocumentAttributeAudio => a instanceof Api.DocumentAttributeAudio);
    assert.deepEqual([audio?.title, audio?.performer, Boolean(audio?.voice)], ['Song', 'Band', false]);
    await bot.api.sendSticker(chatId, file('s.webp'), { emoji: '🐶' });
    media = (await lastMessage(alice, peer)).media;
    const sticker = ((media as Api.MessageMediaDocument).document as Api.Document).attributes.find((a): a is Api.DocumentAttributeSticker => a instanceof Api.DocumentAttributeSticker);
    assert.equal(sticker?.alt, '🐶');

    await bot.api.sendLocation(chatId, 10, 20);
    media = (await lastMessage(alice, peer)).media;
    assert.ok(media instanceof Api.MessageMediaGeo && (media.geo as Api.GeoPoint).lat === 10 && (media.geo as Api.GeoPoint).long === 20);
    await bot.api.sendLocation(chatId, 10, 20, { live_period: 900 });
    media = (await lastMessage(alice, peer)).media;
    assert.ok(media instanceof Api.MessageMediaGeoLive && media.period === 900);
    await bot.api.sendVenue(chatId, 3, 4, 'Museum', 'Road 2');
    media = (await lastMessage(alice, peer)).media;
    assert.ok(media instanceof Api.MessageMediaVenue && media.title === 'Museum' && media.address === 'Road 2');
    await bot.api.sendContact(chatId, alice.account.phone!, 'Alice');
    media = (await lastMessage(alice, peer)).media;
    assert.ok(media instanceof Api.MessageMediaContact && media.userId.toString() === String(alice.account.id));
    const dice = await bot.api.sendDice(chatId, '🎰');
    media = (await lastMessage(alice, peer)).media;
    assert.ok(media instanceof Api.MessageMediaDice && media.value === dice.dice?.value && media.emoticon === '🎰');
    const poll = await bot.api.sendPoll(chatId, 'Best season?', [{ text: 'Summer' }, { text: 'Winter' }]);
    media = (await lastMessage(alice, peer)).media;
    assert.ok(media instanceof Api.MessageMediaPoll);
    assert.equal((media.poll.question as Api.TextWithEntities).text, 'Best season?');
    assert.deepEqual(media.poll.answers.map((answer) => (answer.text as Api.TextWithEntities).text), ['Summer', 'Winter']);
    assert.ok(!media.poll.closed);
    await bot.api.stopPoll(chatId, poll.message_id);
    media = (await lastMessage(alice, peer)).media;
    assert.ok(media instanceof Api.MessageMediaPoll && media.poll.closed === true);
  });
});
