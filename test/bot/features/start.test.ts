import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestDatabase } from '../database';
import { TestBot, alice, bob, summary } from './harness';
import { texts } from '../../../src/bot/texts';

const db = useTestDatabase();

test('/start greets a new person by first name with the 📷 Photo / 👪 Family keyboard; a returning one is welcomed back', async () => {
  const bot = new TestBot((await db.freshSchema()).pool);
  const first = await bot.text(alice, '/start');
  assert.deepEqual(summary(first), [['sendMessage', alice.id, texts.start.greeting('Alice', true)]]);
  assert.deepEqual(first[0]!.payload.reply_markup.keyboard, [[{ text: '📷 Photo' }, { text: '👪 Family' }]]);
  assert.deepEqual(summary(await bot.text(alice, '/start')), [['sendMessage', alice.id, texts.start.greeting('Alice', false)]]);
});

test('/start join_<code> from an invitation asks the owner, who gets Allow / Deny buttons', async () => {
  const bot = new TestBot((await db.freshSchema()).pool);
  await bot.text(alice, '/start');
  const link = (await bot.text(alice, '/invite'))[0]!.payload.text as string;
  const code = /start=join_([A-Za-z0-9_-]+)/.exec(link)![1];
  assert.match(link, new RegExp(`https://t\\.me/family_album_bot\\?start=join_${code}`));

  const calls = await bot.text(bob, `/start join_${code}`);
  const prompt = TestBot.joinPrompt(calls)!;
  assert.equal(prompt.chatId, alice.id);
  assert.equal(prompt.text, texts.join.ownerPrompt({ firstName: 'Bob', username: null }));
  assert.match(prompt.allow, /^join:allow:\d+$/);
  assert.match(prompt.deny, /^join:deny:\d+$/);
  assert.deepEqual(summary(calls).at(-1), ['sendMessage', bob.id, `${texts.start.greeting('Bob', true)}\n\n${texts.join.requestSent('Alice')}`]);
});

test('a garbage or expired invitation code gets a clear reply and asks nobody', async () => {
  const { pool } = await db.freshSchema();
  const bot = new TestBot(pool);
  await bot.text(bob, '/start');
  assert.deepEqual(summary(await bot.text(bob, '/start join_%%%garbage')), [['sendMessage', bob.id, `${texts.start.greeting('Bob', false)}\n\n${texts.invite.unknown}`]]);
  assert.deepEqual(summary(await bot.text(bob, '/start join_')), [['sendMessage', bob.id, `${texts.start.greeting('Bob', false)}\n\n${texts.invite.unknown}`]]);

  const expiring = new TestBot(pool, { inviteTtlMs: -1 });
  await expiring.text(alice, '/start');
  const code = /join_(\S+)/.exec((await expiring.text(alice, '/invite'))[0]!.payload.text)![1];
  assert.deepEqual(summary(await bot.text(bob, `/start join_${code}`)), [['sendMessage', bob.id, `${texts.start.greeting('Bob', false)}\n\n${texts.invite.expired}`]]);
});

test('/help explains the bot', async () => {
  const bot = new TestBot((await db.freshSchema()).pool);
  assert.deepEqual(summary(await bot.text(alice, '/help')), [['sendMessage', alice.id, texts.help]]);
});

test('group chats are ignored', async () => {
  const bot = new TestBot((await db.freshSchema()).pool);
  const calls = await bot.handle({
    message: { message_id: 1, date: 0, chat: { id: -100, type: 'group', title: 'g' }, from: { id: alice.id, is_bot: false, first_name: 'Alice' }, text: 'hi' },
  } as never);
  assert.deepEqual(calls, []);
});
