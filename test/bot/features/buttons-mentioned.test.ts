/**
 * A reply that tells a person to tap a button shows that button. Someone whose first message is
 * a photo, a sticker or a word never pressed Start, so the reply itself must bring the keyboard
 * it talks about. Every reply of a session that touches each feature is checked.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestDatabase } from '../database';
import { TestBot, alice, bob, carol, dave, type Call } from './harness';
import { texts } from '../../../src/bot/texts';

const db = useTestDatabase();
const LABELS = Object.values(texts.keyboard);

/** The keyboard labels a message text names (e.g. "Tap 📷 Photo any time…" names "📷 Photo"). */
function labelsNamed(text: string | undefined): string[] {
  return LABELS.filter((label) => text?.includes(label));
}

function replyKeyboardOf(call: Call): string[] {
  const rows = (call.payload.reply_markup?.keyboard ?? []) as Array<Array<{ text: string } | string>>;
  return rows.flat().map((button) => (typeof button === 'string' ? button : button.text));
}

/** Replies naming a button the person is not shown by that very reply. */
function repliesNamingHiddenButtons(calls: Call[]): string[] {
  return calls.flatMap((call) => {
    const named = labelsNamed(call.payload.text ?? call.payload.caption);
    if (named.length === 0) return [];
    // An edit cannot bring a reply keyboard (Bot API: editMessageText takes inline markup only).
    if (call.method.startsWith('edit')) return [`${call.method} ${JSON.stringify(call.payload.text)} names ${named.join(', ')}, which an edit cannot show`];
    const shown = replyKeyboardOf(call);
    const missing = named.filter((label) => !shown.includes(label));
    return missing.length ? [`${call.method} ${JSON.stringify(call.payload.text)} names ${missing.join(', ')} but shows ${shown.length ? shown.join(', ') : 'no keyboard'}`] : [];
  });
}

test('a photo as the very first message: the welcome shows the 📷 Photo button it mentions', async () => {
  const bot = new TestBot((await db.freshSchema()).pool);
  const calls = await bot.photo(carol);
  assert.equal(calls[0]!.payload.text, texts.photos.welcome);
  assert.ok(replyKeyboardOf(calls[0]!).includes(texts.keyboard.photo), JSON.stringify(calls[0]!.payload));
});

test('an album as the very first message: its one reply shows the button its welcome mentions', async () => {
  const bot = new TestBot((await db.freshSchema()).pool);
  const calls = [...(await bot.photo(dave, { mediaGroupId: 'g' })), ...(await bot.photo(dave, { mediaGroupId: 'g' }))];
  assert.deepEqual(repliesNamingHiddenButtons(calls), []);
  assert.ok(replyKeyboardOf(calls[0]!).includes(texts.keyboard.photo));
});

test('no reply of any feature names a button it does not show', async () => {
  const bot = new TestBot((await db.freshSchema()).pool);
  const calls: Call[] = [];
  calls.push(...(await bot.text(bob, 'hello')));
  calls.push(...(await bot.other(bob, { sticker: { file_id: 's', file_unique_id: 'su', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } })));
  calls.push(...(await bot.photo(alice)));
  calls.push(...(await bot.photo(alice)));
  calls.push(...(await bot.photo(alice, { mediaGroupId: 'a' })));
  calls.push(...(await bot.photo(alice, { mediaGroupId: 'a' })));
  for (const text of ['/start', '/help', '/count', '/photo', texts.keyboard.photo, texts.keyboard.family, '/members', '/invite', '/leave', '/handover', '/dance']) {
    calls.push(...(await bot.text(alice, text)));
  }
  calls.push(...(await bot.other(alice, { document: { file_id: 'd', file_unique_id: 'du', mime_type: 'image/png', file_name: 'x.png' } })));
  const prompt = TestBot.joinPrompt(await bot.forwardFrom(bob, alice))!;
  calls.push(...(await bot.press(alice, prompt.allow)));
  calls.push(...(await bot.text(bob, '/leave')));
  assert.ok(calls.filter((call) => labelsNamed(call.payload.text).length > 0).length >= 4, 'the session met replies that name buttons');
  assert.deepEqual(repliesNamingHiddenButtons(calls), []);
});
