import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Pool } from 'pg';
import { findFreePort } from '../../../support/database';
import { TestBot, alice, summary } from './harness';
import { texts } from '../../../src/bot/texts';

async function deadDatabase(): Promise<Pool> {
  const pool = new Pool({ connectionString: `postgres://postgres:x@127.0.0.1:${await findFreePort()}/postgres` });
  pool.on('error', () => undefined);
  return pool;
}

test('database down: the person gets an apology and the error is logged', async () => {
  const pool = await deadDatabase();
  const bot = new TestBot(pool);
  for (const send of [() => bot.text(alice, '/start'), () => bot.photo(alice), () => bot.text(alice, '/photo')]) {
    assert.deepEqual(summary(await send()), [['sendMessage', alice.id, texts.errors.apology]]);
  }
  assert.equal(bot.errors.length, 3);
  assert.match(bot.errors[0]!, /ECONNREFUSED/);
  await pool.end();
});

test('database down while pressing a button: an alert with the apology', async () => {
  const pool = await deadDatabase();
  const bot = new TestBot(pool);
  const calls = await bot.press(alice, 'join:allow:1');
  assert.deepEqual(calls.map((call) => [call.method, call.payload.text, call.payload.show_alert]), [['answerCallbackQuery', texts.errors.apology, true]]);
  await pool.end();
});
