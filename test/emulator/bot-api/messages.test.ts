import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InlineKeyboard, Keyboard } from 'grammy';
import type { Photo } from '../../../src/emulator/state';
import { fileIdOf } from '../../../src/emulator/bot-api/file-ids';
import { processPhoto } from '../../../src/emulator/state';
import { grammyError, type Harness, makePng, startHarness } from './harness';

describe('Bot API messages (grammY client)', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
  });
  after(() => h.close());
  const fileIdFor = (photo: Photo) => fileIdOf({ kind: 'photo', photo }, h.botAccount.id);

  it('sendMessage answers the Message from the bot\'s own box; the user gets it in theirs', async () => {
    const user = h.startedUser('Alice');
    h.state.sendMessage(user.id, h.botAccount.id, { text: 'padding so the boxes differ' });
    const sent = await h.bot.api.sendMessage(user.id, 'Hello, Alice');
    assert.equal(sent.text, 'Hello, Alice');
    assert.equal(sent.chat.id, user.id);
    assert.equal(sent.from?.id, h.botAccount.id);
    assert.equal(sent.from?.is_bot, true);
    const stored = h.state.messageInBox(h.botAccount.id, sent.message_id)!;
    assert.equal(stored.text, 'Hello, Alice');
    const userBoxId = h.state.boxIdOf(stored, user.id)!;
    assert.equal(h.state.messageInBox(user.id, userBoxId)?.senderId, h.botAccount.id);
  });

  it('a bot cannot initiate a conversation', async () => {
    const stranger = h.createUser('Stranger');
    const error = await grammyError(() => h.bot.api.sendMessage(stranger.id, 'hi'));
    assert.equal(error.error_code, 403);
    assert.equal(error.description, "Forbidden: bot can't initiate conversation with a user");
  });

  it('refuses unknown chats, empty and too long texts with Telegram\'s descriptions', async () => {
    const user = h.startedUser('Bea');
    assert.equal((await grammyError(() => h.bot.api.sendMessage(424242, 'hi'))).description, 'Bad Request: chat not found');
    assert.equal((await grammyError(() => h.bot.api.sendMessage('@nobody_here', 'hi'))).description, 'Bad Request: chat not found');
    assert.equal((await grammyError(() => h.bot.api.sendMessage(user.id, ''))).description, 'Bad Request: message text is empty');
    assert.equal((await grammyError(() => h.bot.api.sendMessage(user.id, '   '))).description, 'Bad Request: message text is empty');
    const tooLong = await grammyError(() => h.bot.api.sendMessage(user.id, 'x'.repeat(4097)));
    assert.equal(tooLong.error_code, 400);
    assert.equal(tooLong.description, 'Bad Request: message is too long');
  });

  it('keeps explicit entities and parses HTML and MarkdownV2', async () => {
    const user = h.startedUser('Cleo');
    const explicit = await h.bot.api.sendMessage(user.id, 'bold move', { entities: [{ type: 'bold', offset: 0, length: 4 }] });
    assert.deepEqual(explicit.entities, [{ type: 'bold', offset: 0, length: 4 }]);

    const html = await h.bot.api.sendMessage(user.id, '<b>Hi</b> <a href="https://example.org">there</a> &amp; <code>x</code>', { parse_mode: 'HTML' });
    assert.equal(html.text, 'Hi there & x');
    assert.deepEqual(html.entities, [
      { type: 'bold', offset: 0, length: 2 },
      { type: 'text_link', offset: 3, length: 5, url: 'https://example.org' },
      { type: 'code', offset: 11, length: 1 },
    ]);

    const md = await h.bot.api.sendMessage(user.id, '*bold* _it_ __under__ ~del~ ||spoil|| `c` [link](https://t.me/x) 1\\.5', { parse_mode: 'MarkdownV2' });
    assert.equal(md.text, 'bold it under del spoil c link 1.5');
    assert.deepEqual(md.entities?.map((e) => e.type), ['bold', 'italic', 'underline', 'strikethrough', 'spoiler', 'code', 'text_link']);
    assert.equal(h.state.messageInBox(h.botAccount.id, md.message_id)?.entities[0].type, 'bold');
  });

  it('answers malformed markup with "can\'t parse entities" errors', async () => {
    const user = h.startedUser('Dora');
    const unclosed = await grammyError(() => h.bot.api.sendMessage(user.id, '<b>bold', { parse_mode: 'HTML' }));
    assert.equal(unclosed.description, 'Bad Request: can\'t parse entities: Can\'t find end tag corresponding to start tag "b"');
    const unsupported = await grammyError(() => h.bot.api.sendMessage(user.id, 'a <p>para</p>', { parse_mode: 'HTML' }));
    assert.equal(unsupported.description, 'Bad Request: can\'t parse entities: Unsupported start tag "p" at byte offset 2');
    const reserved = await grammyError(() => h.bot.api.sendMessage(user.id, 'Done.', { parse_mode: 'MarkdownV2' }));
    assert.equal(reserved.description, "Bad Request: can't parse entities: Character '.' is reserved and must be escaped with the preceding '\\'");
    const open = await grammyError(() => h.bot.api.sendMessage(user.id, 'é *bold', { parse_mode: 'MarkdownV2' }));
    assert.equal(open.description, "Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 3");
    const legacy = await grammyError(() => h.bot.api.sendMessage(user.id, 'a *b', { parse_mode: 'Markdown' }));
    assert.equal(legacy.description, "Bad Request: can't parse entities: Can't find end of the entity starting at byte offset 2");
    assert.equal(h.state.history(user.id, h.botAccount.id).filter((e) => e.message.senderId === h.botAccount.id).length, 0, 'nothing was sent');
  });

  it('replies via reply_parameters and reply_to_message_id, and refuses a missing target', async () => {
    const user = h.startedUser('Eve');
    const question = h.state.sendMessage(user.id, h.botAccount.id, { text: 'A question?' });
    const questionId = h.state.boxIdOf(question, h.botAccount.id)!;
    const answer = await h.bot.api.sendMessage(user.id, 'An answer', { reply_parameters: { message_id: questionId } });
    assert.equal(answer.reply_to_message?.text, 'A question?');
    assert.equal(answer.reply_to_message?.message_id, questionId);
    const legacy = await h.bot.api.sendMessage(user.id, 'Again', { reply_to_message_id: questionId } as never);
    assert.equal(legacy.reply_to_message?.message_id, questionId);
    const missing = await grammyError(() => h.bot.api.sendMessage(user.id, 'x', { reply_parameters: { message_id: 99999 } }));
    assert.equal(missing.description, 'Bad Request: message to be replied not found');
    const anyway = await h.bot.api.sendMessage(user.id, 'y', { reply_parameters: { message_id: 99999, allow_sending_without_reply: true } });
    assert.equal(anyway.reply_to_message, undefined);
  });

  it('stores reply keyboards, their removal, force reply and inline keyboards', async () => {
    const user = h.startedUser('Finn');
    const keyboard = await h.bot.api.sendMessage(user.id, 'Choose', { reply_markup: new Keyboard().text('Yes').text('No').resized().oneTime() });
    assert.equal(keyboard.reply_markup, undefined, 'reply keyboards are not part of the Message');
    assert.deepEqual(h.state.messageInBox(h.botAccount.id, keyboard.message_id)?.replyMarkup, {
      kind: 'keyboard', rows: [[{ text: 'Yes' }, { text: 'No' }]], resize: true, oneTime: true,
    });
    const removed = await h.bot.api.sendMessage(user.id, 'Thanks', { reply_markup: { remove_keyboard: true } });
    assert.deepEqual(h.state.messageInBox(h.botAccount.id, removed.message_id)?.replyMarkup, { kind: 'remove' });
    const force = await h.bot.api.sendMessage(user.id, 'Name?', { reply_markup: { force_reply: true, input_field_placeholder: 'Your name' } });
    assert.deepEqual(h.state.messageInBox(h.botAccount.id, force.message_id)?.replyMarkup, { kind: 'force_reply', placeholder: 'Your name' });
    const inline = await h.bot.api.sendMessage(user.id, 'Pick', { reply_markup: new InlineKeyboard().text('A', 'a').url('Site', 'https://example.org') });
    assert.deepEqual(inline.reply_markup, { inline_keyboard: [[{ text: 'A', callback_data: 'a' }, { text: 'Site', url: 'https://example.org' }]] });
    const tooMuchData = await grammyError(() => h.bot.api.sendMessage(user.id, 'x', { reply_markup: new InlineKeyboard().text('A', 'd'.repeat(65)) }));
    assert.equal(tooMuchData.description, 'Bad Request: BUTTON_DATA_INVALID');
  });

  it('edits text, caption-less markup, and says when nothing changed', async () => {
    const user = h.startedUser('Gus');
    const sent = await h.bot.api.sendMessage(user.id, 'v1', { reply_markup: new InlineKeyboard().text('A', 'a') });
    const edited = await h.bot.api.editMessageText(user.id, sent.message_id, 'v2', { reply_markup: new InlineKeyboard().text('A', 'a') });
    assert.ok(edited !== true && 'text' in edited);
    assert.equal(edited.text, 'v2');
    assert.equal(typeof edited.edit_date, 'number');
    const same = await grammyError(() => h.bot.api.editMessageText(user.id, sent.message_id, 'v2', { reply_markup: new InlineKeyboard().text('A', 'a') }));
    assert.equal(same.description, 'Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message');
    const markup = await h.bot.api.editMessageReplyMarkup(user.id, sent.message_id, { reply_markup: new InlineKeyboard().text('B', 'b') });
    assert.ok(markup !== true);
    assert.deepEqual(markup.reply_markup, { inline_keyboard: [[{ text: 'B', callback_data: 'b' }]] });
    const cleared = await h.bot.api.editMessageReplyMarkup(user.id, sent.message_id);
    assert.ok(cleared !== true);
    assert.equal(cleared.reply_markup, undefined);
    const userCopy = h.state.messageInBox(user.id, h.state.boxIdOf(h.state.messageInBox(h.botAccount.id, sent.message_id)!, user.id)!);
    assert.equal(userCopy?.text, 'v2');

    assert.equal((await grammyError(() => h.bot.api.editMessageText(user.id, 99999, 'x'))).description, 'Bad Request: message to edit not found');
    const theirs = h.state.sendMessage(user.id, h.botAccount.id, { text: 'mine' });
    const theirsId = h.state.boxIdOf(theirs, h.botAccount.id)!;
    assert.equal((await grammyError(() => h.bot.api.editMessageText(user.id, theirsId, 'x'))).description, "Bad Request: message can't be edited");
    assert.equal((await grammyError(() => h.bot.api.editMessageCaption(user.id, sent.message_id, { caption: 'c' }))).description, 'Bad Request: there is no caption in the message to edit');
  });

  it('edits a photo\'s caption', async () => {
    const user = h.startedUser('Quinn');
    const photo = h.state.storePhoto(await processPhoto(makePng(4, 4)));
    const sent = await h.bot.api.sendPhoto(user.id, fileIdFor(photo), { caption: 'old' });
    const edited = await h.bot.api.editMessageCaption(user.id, sent.message_id, { caption: '<i>new</i>', parse_mode: 'HTML' });
    assert.ok(edited !== true && 'caption' in edited);
    assert.equal(edited.caption, 'new');
    assert.deepEqual(edited.caption_entities, [{ type: 'italic', offset: 0, length: 3 }]);
    const noText = await grammyError(() => h.bot.api.editMessageText(user.id, sent.message_id, 'text'));
    assert.equal(noText.description, 'Bad Request: there is no text in the message to edit');
  });

  it('delivers a user\'s edit as edited_message and a user\'s reply with reply_to_message', async () => {
    const user = h.startedUser('Rita');
    const sent = await h.bot.api.sendMessage(user.id, 'What is your name?');
    const botMessage = h.state.messageInBox(h.botAccount.id, sent.message_id)!;
    await h.bot.api.getUpdates({ offset: -1, timeout: 0 });
    const [latest] = await h.bot.api.getUpdates({ offset: -1, timeout: 0 });
    const answer = h.state.sendMessage(user.id, h.botAccount.id, { text: 'Rita', replyToBoxId: h.state.boxIdOf(botMessage, user.id) });
    h.state.editMessage(user.id, h.state.boxIdOf(answer, user.id)!, { text: 'Rita B.' });
    const updates = await h.bot.api.getUpdates({ offset: latest.update_id + 1, timeout: 0 });
    assert.equal(updates.length, 2);
    assert.equal(updates[0].message?.text, 'Rita', 'a queued update keeps the content it had when it happened');
    assert.equal(updates[0].message?.reply_to_message?.message_id, sent.message_id);
    assert.equal(updates[0].message?.reply_to_message?.text, 'What is your name?');
    assert.equal(updates[1].edited_message?.text, 'Rita B.');
    assert.equal(updates[1].edited_message?.message_id, updates[0].message?.message_id);
    assert.equal(typeof updates[1].edited_message?.edit_date, 'number');
    await h.bot.api.getUpdates({ offset: updates[1].update_id + 1, timeout: 0 });
  });

  it('deletes its messages from both boxes', async () => {
    const user = h.startedUser('Hana');
    const sent = await h.bot.api.sendMessage(user.id, 'to delete');
    const message = h.state.messageInBox(h.botAccount.id, sent.message_id)!;
    const userBoxId = h.state.boxIdOf(message, user.id)!;
    assert.equal(await h.bot.api.deleteMessage(user.id, sent.message_id), true);
    assert.equal(h.state.messageInBox(user.id, userBoxId), undefined);
    assert.equal((await grammyError(() => h.bot.api.deleteMessage(user.id, sent.message_id))).description, 'Bad Request: message to delete not found');
  });

  it('forwards with forward_origin, and hides the author when their privacy says so', async () => {
    const alice = h.startedUser('Ann');
    const bob = h.startedUser('Ben');
    const original = h.state.sendMessage(alice.id, h.botAccount.id, { text: 'family news' });
    const forwarded = await h.bot.api.forwardMessage(bob.id, alice.id, h.state.boxIdOf(original, h.botAccount.id)!);
    assert.equal(forwarded.text, 'family news');
    assert.equal(forwarded.forward_origin?.type, 'user');
    assert.equal(forwarded.forward_origin?.type === 'user' && forwarded.forward_origin.sender_user.id, alice.id);
    assert.equal((forwarded as { forward_from?: { id: number } }).forward_from?.id, alice.id);

    h.state.setPrivacy(alice.id, 'forwards', [{ kind: 'disallowAll' }]);
    const secret = h.state.sendMessage(alice.id, h.botAccount.id, { text: 'secret' });
    const hidden = await h.bot.api.forwardMessage(bob.id, alice.id, h.state.boxIdOf(secret, h.botAccount.id)!);
    assert.deepEqual(hidden.forward_origin, { type: 'hidden_user', date: secret.date, sender_user_name: 'Ann' });
    assert.equal((await grammyError(() => h.bot.api.forwardMessage(bob.id, alice.id, 99999))).description, 'Bad Request: message to forward not found');
  });

  it('delivers a user\'s forward to the bot with forward_origin, and copies messages without the link', async () => {
    const carol = h.startedUser('Cat');
    const dan = h.startedUser('Dov');
    const note = h.state.sendMessage(dan.id, carol.id, { text: 'from Dov' });
    await h.bot.api.getUpdates({ offset: -1, timeout: 0 });
    h.state.forwardMessages(carol.id, dan.id, [h.state.boxIdOf(note, carol.id)!], h.botAccount.id);
    const [update] = await h.bot.api.getUpdates({ offset: -1, timeout: 0 });
    assert.equal(update.message?.forward_origin?.type, 'user');
    assert.equal(update.message?.forward_origin?.type === 'user' && update.message.forward_origin.sender_user.id, dan.id);

    const copy = await h.bot.api.copyMessage(dan.id, carol.id, update.message!.message_id);
    const copied = h.state.messageInBox(h.botAccount.id, copy.message_id)!;
    assert.equal(copied.text, 'from Dov');
    assert.equal(copied.forward, undefined);
    assert.equal((await grammyError(() => h.bot.api.copyMessage(dan.id, carol.id, 99999))).description, 'Bad Request: message to copy not found');
    await h.bot.api.getUpdates({ offset: update.update_id + 1, timeout: 0 });
  });

  it('sendChatAction checks the action and the chat', async () => {
    const user = h.startedUser('Ivy');
    assert.equal(await h.bot.api.sendChatAction(user.id, 'upload_photo'), true);
    assert.equal((await grammyError(() => h.bot.api.sendChatAction(user.id, 'dancing' as never))).description, 'Bad Request: wrong parameter action in request');
    assert.equal((await grammyError(() => h.bot.api.sendChatAction(h.createUser('Nobody').id, 'typing'))).error_code, 403);
  });

  it('keeps commands per scope and language in account.botCommands', async () => {
    assert.equal(await h.bot.api.setMyCommands([{ command: 'photo', description: 'A random photo' }]), true);
    assert.equal(await h.bot.api.setMyCommands([{ command: 'foto', description: 'Una foto' }], { language_code: 'es' }), true);
    assert.equal(await h.bot.api.setMyCommands([{ command: 'invite', description: 'Invite' }], { scope: { type: 'all_private_chats' } }), true);
    assert.deepEqual(await h.bot.api.getMyCommands(), [{ command: 'photo', description: 'A random photo' }]);
    assert.deepEqual(await h.bot.api.getMyCommands({ language_code: 'es' }), [{ command: 'foto', description: 'Una foto' }]);
    assert.deepEqual(await h.bot.api.getMyCommands({ scope: { type: 'all_private_chats' } }), [{ command: 'invite', description: 'Invite' }]);
    assert.equal(h.botAccount.botCommands.size, 3);
    assert.equal(await h.bot.api.deleteMyCommands({ language_code: 'es' }), true);
    assert.deepEqual(await h.bot.api.getMyCommands({ language_code: 'es' }), []);
    const invalid = await grammyError(() => h.bot.api.setMyCommands([{ command: 'Bad Command', description: 'x' }]));
    assert.equal(invalid.description, 'Bad Request: BOT_COMMAND_INVALID');
  });

  it('getChat describes a private chat the bot knows, and not one it does not', async () => {
    const user = h.startedUser('Jo');
    const chat = await h.bot.api.getChat(user.id);
    assert.equal(chat.id, user.id);
    assert.equal(chat.type, 'private');
    assert.equal(chat.first_name, 'Jo');
    assert.equal((await grammyError(() => h.bot.api.getChat(h.createUser('Unknown').id))).description, 'Bad Request: chat not found');
  });

  it('getMe, logOut and close', async () => {
    const me = await h.bot.api.getMe();
    assert.deepEqual([me.id, me.is_bot, me.username, me.first_name], [h.botAccount.id, true, 'family_album_bot', 'Family Album']);
    assert.equal(await h.bot.api.logOut(), true);
    assert.equal(await h.bot.api.close(), true);
  });
});
