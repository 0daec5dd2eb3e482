import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestDatabase } from '../database';
import { TestBot, alice, bob, carol, dave, summary } from './harness';
import { texts } from '../../../src/bot/texts';

const db = useTestDatabase();

async function started(...people: Array<typeof alice>): Promise<TestBot> {
  const bot = new TestBot((await db.freshSchema()).pool);
  for (const person of people) await bot.text(person, '/start');
  return bot;
}

test('forwarding a member\'s message asks to join; Allow lets them in, tells both, edits the request', async () => {
  const bot = await started(alice, bob);
  await bot.photo(bob);
  const asked = await bot.forwardFrom(bob, alice);
  const prompt = TestBot.joinPrompt(asked)!;
  assert.equal(prompt.chatId, alice.id);
  assert.deepEqual(summary(asked).at(-1), ['sendMessage', bob.id, texts.join.requestSent('Alice')]);

  const allowed = await bot.press(alice, prompt.allow);
  assert.deepEqual(
    allowed.map((call) => [call.method, call.payload.chat_id, call.payload.text]),
    [
      ['editMessageText', alice.id, texts.join.ownerAllowed('Bob')],
      ['sendMessage', bob.id, texts.join.allowed('Alice', 1)],
      ['answerCallbackQuery', undefined, texts.join.answerAllowed],
    ],
  );
  assert.equal(allowed[0]!.payload.reply_markup, undefined, 'the buttons are gone');

  // Pressed again (either button): a clear answer, nothing changes.
  assert.deepEqual(
    (await bot.press(alice, prompt.deny)).map((call) => [call.method, call.payload.text]),
    [['answerCallbackQuery', texts.join.answerAlreadyDecided('allowed')]],
  );
  assert.deepEqual(summary(await bot.text(bob, '/members')), [['sendMessage', bob.id, 'Your family (2 members):\n👑 Alice (@alice) — owner\n• Bob']]);
  assert.deepEqual(summary(await bot.text(bob, texts.keyboard.family)), [['sendMessage', bob.id, 'Your family (2 members):\n👑 Alice (@alice) — owner\n• Bob']]);
});

test('Deny tells the requester politely and edits the request; a second press changes nothing', async () => {
  const bot = await started(alice, bob);
  const prompt = TestBot.joinPrompt(await bot.forwardFrom(bob, alice))!;
  assert.deepEqual(
    (await bot.press(alice, prompt.deny)).map((call) => [call.method, call.payload.chat_id, call.payload.text]),
    [
      ['editMessageText', alice.id, texts.join.ownerDenied('Bob')],
      ['sendMessage', bob.id, texts.join.denied('Alice')],
      ['answerCallbackQuery', undefined, texts.join.answerDenied],
    ],
  );
  assert.deepEqual(
    (await bot.press(alice, prompt.allow)).map((call) => [call.method, call.payload.text]),
    [['answerCallbackQuery', texts.join.answerAlreadyDecided('denied')]],
  );
  assert.deepEqual(summary(await bot.text(bob, '/members')), [['sendMessage', bob.id, 'Your family (1 member):\n👑 Bob — owner\n\nSend /invite to add someone.']]);
});

test('only the owner who got the request can decide it', async () => {
  const bot = await started(alice, bob, carol);
  const prompt = TestBot.joinPrompt(await bot.forwardFrom(bob, alice))!;
  assert.deepEqual((await bot.press(carol, prompt.allow)).map((call) => call.payload.text), [texts.join.answerNotApprover]);
  assert.deepEqual((await bot.press(alice, 'join:allow:99999')).map((call) => call.payload.text), [texts.join.answerNotFound]);
});

test('forwards that cannot become a request get a clear reply', async () => {
  const bot = await started(bob);
  assert.deepEqual(summary(await bot.forward(bob, { type: 'hidden_user', sender_user_name: 'Mystery Person' })), [
    ['sendMessage', bob.id, texts.forward.hiddenUser('Mystery Person')],
  ]);
  assert.deepEqual(summary(await bot.forwardFrom(bob, dave)), [['sendMessage', bob.id, texts.forward.notStarted('Dave')]]);
  assert.deepEqual(summary(await bot.forward(bob, { type: 'channel', chat: { id: -1001, type: 'channel', title: 'News' }, message_id: 5 })), [
    ['sendMessage', bob.id, texts.forward.notAPerson],
  ]);
  assert.deepEqual(summary(await bot.forward(bob, { type: 'user', sender_user: { id: 77, is_bot: true, first_name: 'Some Bot' } })), [
    ['sendMessage', bob.id, texts.forward.notAPerson],
  ]);
});

test('asking to join one\'s own family, or the same family twice', async () => {
  const bot = await started(alice, bob);
  assert.deepEqual(summary(await bot.forwardFrom(alice, alice)), [['sendMessage', alice.id, texts.join.alreadyMember('Alice', true)]]);
  await bot.forwardFrom(bob, alice);
  assert.deepEqual(summary(await bot.forwardFrom(bob, alice)), [['sendMessage', bob.id, texts.join.alreadyPending('Alice')]]);
});

test('a member of another family must /leave first; an owner with members must /handover first', async () => {
  const bot = await started(alice, bob, carol);
  await bot.press(alice, TestBot.joinPrompt(await bot.forwardFrom(bob, alice))!.allow);
  assert.deepEqual(summary(await bot.forwardFrom(bob, carol)), [['sendMessage', bob.id, texts.join.mustLeaveFirst('Alice', false)]]);
  assert.deepEqual(summary(await bot.forwardFrom(alice, carol)), [['sendMessage', alice.id, texts.join.mustLeaveFirst('Alice', true)]]);
});

test('/leave: a member gets their own album back and the owner is told; the owner must hand over first', async () => {
  const bot = await started(alice, bob, carol);
  for (const person of [bob, carol]) await bot.press(alice, TestBot.joinPrompt(await bot.forwardFrom(person, alice))!.allow);

  assert.deepEqual(summary(await bot.text(alice, '/leave')), [['sendMessage', alice.id, texts.leave.ownerWithMembers('Bob')]]);
  assert.deepEqual(summary(await bot.text(carol, '/handover')), [['sendMessage', carol.id, texts.handover.notOwner('Alice')]]);
  assert.deepEqual(summary(await bot.text(alice, '/handover')), [
    ['sendMessage', alice.id, texts.handover.done('Bob')],
    ['sendMessage', bob.id, texts.handover.youOwnIt('Alice')],
  ]);
  assert.deepEqual(summary(await bot.text(alice, '/leave')), [
    ['sendMessage', alice.id, texts.leave.left('Bob')],
    ['sendMessage', bob.id, texts.leave.memberLeft('Alice')],
  ]);
  assert.deepEqual(summary(await bot.text(alice, '/leave')), [['sendMessage', alice.id, texts.leave.alone]]);
  assert.deepEqual(summary(await bot.text(alice, '/handover')), [['sendMessage', alice.id, texts.handover.noMembers]]);
});

test('an owner who blocked the bot: no request is left open, the requester is told', async () => {
  const bot = await started(alice, bob);
  bot.blocked.add(alice.id);
  assert.deepEqual(summary(await bot.forwardFrom(bob, alice)).at(-1), ['sendMessage', bob.id, texts.join.ownerUnreachable('Alice')]);
  bot.blocked.delete(alice.id);
  assert.ok(TestBot.joinPrompt(await bot.forwardFrom(bob, alice)), 'asking again works');
});

test('a requester who blocked the bot does not turn the owner\'s Allow into an apology', async () => {
  const bot = await started(alice, bob);
  const prompt = TestBot.joinPrompt(await bot.forwardFrom(bob, alice))!;
  bot.blocked.add(bob.id);
  const calls = await bot.press(alice, prompt.allow);
  assert.deepEqual(calls.map((call) => call.method), ['editMessageText', 'sendMessage', 'answerCallbackQuery']);
  assert.equal(calls.at(-1)!.payload.text, texts.join.answerAllowed);
  assert.deepEqual(bot.errors, []);
});

test('/invite gives a deep link to the bot that works for 7 days', async () => {
  const bot = await started(alice);
  const [call] = await bot.text(alice, '/invite');
  assert.match(call!.payload.text, /https:\/\/t\.me\/family_album_bot\?start=join_[A-Za-z0-9_-]{12}\n/);
  assert.match(call!.payload.text, /works until \d{1,2} \w{3} \d{4}/);
});
