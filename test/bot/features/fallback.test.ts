import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useTestDatabase } from '../database';
import { TestBot, alice, summary } from './harness';
import { texts } from '../../../src/bot/texts';

const db = useTestDatabase();

test('stickers, voice, documents and plain text get the short hint', async () => {
  const bot = new TestBot((await db.freshSchema()).pool);
  const others = [
    { sticker: { file_id: 's', file_unique_id: 'su', type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } },
    { voice: { file_id: 'v', file_unique_id: 'vu', duration: 1 } },
    { document: { file_id: 'd', file_unique_id: 'du', mime_type: 'application/pdf' } },
    { text: 'hello there' },
    { text: '/nonsense', entities: [{ type: 'bot_command', offset: 0, length: 9 }] },
  ];
  for (const fields of others) {
    assert.deepEqual(summary(await bot.other(alice, fields)), [['sendMessage', alice.id, texts.fallback.hint]], JSON.stringify(fields));
  }
});

test('an image sent as a file is told to come as a photo', async () => {
  const bot = new TestBot((await db.freshSchema()).pool);
  const calls = await bot.other(alice, { document: { file_id: 'd', file_unique_id: 'du', mime_type: 'image/jpeg', file_name: 'cat.jpg' } });
  assert.deepEqual(summary(calls), [['sendMessage', alice.id, texts.fallback.imageAsFile]]);
});

test('an unknown button only gets its spinner stopped', async () => {
  const bot = new TestBot((await db.freshSchema()).pool);
  const calls = await bot.press(alice, 'something:old');
  assert.deepEqual(calls.map((call) => [call.method, call.payload.text]), [['answerCallbackQuery', texts.fallback.unknownButton]]);
});
