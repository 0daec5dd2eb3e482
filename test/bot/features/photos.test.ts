import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestDatabase } from '../database';
import { TestBot, alice, bob, summary } from './harness';
import { texts } from '../../../src/bot/texts';

const db = useTestDatabase();

test('the first photo of an album gets the welcome line, later ones the count', async () => {
  const bot = new TestBot((await db.freshSchema()).pool);
  assert.deepEqual(summary(await bot.photo(alice)), [['sendMessage', alice.id, texts.photos.welcome]]);
  assert.deepEqual(summary(await bot.photo(alice)), [['sendMessage', alice.id, 'Saved! The album has 2 photos.']]);
});

test('a media group gets exactly one reply, edited to the final count as its photos arrive', async () => {
  const bot = new TestBot((await db.freshSchema()).pool);
  await bot.photo(alice);
  const first = await bot.photo(alice, { mediaGroupId: 'album-1' });
  assert.deepEqual(summary(first), [['sendMessage', alice.id, 'Saved! The album has 2 photos.']]);
  const second = await bot.photo(alice, { mediaGroupId: 'album-1' });
  const third = await bot.photo(alice, { mediaGroupId: 'album-1' });
  assert.deepEqual(summary([...second, ...third]), [
    ['editMessageText', alice.id, 'Saved! The album has 3 photos.'],
    ['editMessageText', alice.id, 'Saved! The album has 4 photos.'],
  ]);
  assert.equal(second[0]!.payload.message_id, third[0]!.payload.message_id);
});

test('a media group that starts an empty album keeps its welcome while counting', async () => {
  const bot = new TestBot((await db.freshSchema()).pool);
  assert.deepEqual(summary(await bot.photo(alice, { mediaGroupId: 'g' })), [['sendMessage', alice.id, texts.photos.welcome]]);
  assert.deepEqual(summary(await bot.photo(alice, { mediaGroupId: 'g' })), [['editMessageText', alice.id, texts.photos.welcomeGroup(2)]]);
});

test('📷 Photo and /photo send a random photo captioned with who sent it and when; never the same twice in a row', async () => {
  const bot = new TestBot((await db.freshSchema()).pool);
  await bot.photo(alice, { fileId: 'sunset', caption: 'Beach' });
  await bot.photo(alice, { fileId: 'cake' });
  let previous: string | undefined;
  for (let i = 0; i < 10; i++) {
    const calls = await bot.text(alice, i % 2 ? '/photo' : texts.keyboard.photo);
    assert.equal(calls.length, 1);
    assert.equal(calls[0]!.method, 'sendPhoto');
    const { photo, caption } = calls[0]!.payload;
    assert.ok(photo === 'sunset' || photo === 'cake');
    assert.notEqual(photo, previous);
    assert.match(caption, /^From Alice, \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC/);
    if (photo === 'sunset') assert.match(caption, /\n“Beach”$/);
    previous = photo;
  }
});

test('an empty album says so', async () => {
  const bot = new TestBot((await db.freshSchema()).pool);
  assert.deepEqual(summary(await bot.text(alice, '/photo')), [['sendMessage', alice.id, texts.photos.empty]]);
});

test('/count tells photos and members', async () => {
  const bot = new TestBot((await db.freshSchema()).pool);
  await bot.text(alice, '/start');
  assert.deepEqual(summary(await bot.text(alice, '/count')), [['sendMessage', alice.id, 'The album has no photos yet. The family has 1 member.']]);
  await bot.photo(alice);
  await bot.photo(alice);
  assert.deepEqual(summary(await bot.text(alice, '/count')), [['sendMessage', alice.id, 'The album has 2 photos, all yours. Send /invite to share it with your family.']]);
});

test('family members share the album: a photo from Bob is shown to Alice', async () => {
  const bot = new TestBot((await db.freshSchema()).pool);
  await bot.text(alice, '/start');
  await bot.text(bob, '/start');
  const prompt = TestBot.joinPrompt(await bot.forwardFrom(bob, alice))!;
  await bot.press(alice, prompt.allow);
  assert.deepEqual(summary(await bot.photo(bob, { fileId: 'bobs' })), [['sendMessage', bob.id, texts.photos.welcome]]);
  const shown = await bot.text(alice, '/photo');
  assert.equal(shown[0]!.payload.photo, 'bobs');
  assert.match(shown[0]!.payload.caption, /^From Bob, /);
  assert.deepEqual(summary(await bot.text(bob, '/count')), [['sendMessage', bob.id, "The album has 1 photo, added by 1 of the family's 2 members."]]);
});
