import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSettings, SettingsError } from '../../src/bot/settings';

const good = { BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ', DATABASE_URL: 'postgres://u:p@db:5432/album' };

test('reads the settings; production and api.telegram.org by default', () => {
  const bounds = { databaseTimeoutMs: 10_000, botApiTimeoutMs: 10_000 };
  assert.deepEqual(readSettings(good), { token: good.BOT_TOKEN, databaseUrl: good.DATABASE_URL, environment: 'prod', apiRoot: undefined, ...bounds });
  assert.deepEqual(readSettings({ ...good, TELEGRAM_ENV: 'test', BOT_API_ROOT: 'http://127.0.0.1:8081/' }), {
    token: good.BOT_TOKEN,
    databaseUrl: good.DATABASE_URL,
    environment: 'test',
    apiRoot: 'http://127.0.0.1:8081',
    ...bounds,
  });
  assert.deepEqual(readSettings({ ...good, DATABASE_TIMEOUT_MS: '500', BOT_API_TIMEOUT_MS: '750' }), {
    ...readSettings(good),
    databaseTimeoutMs: 500,
    botApiTimeoutMs: 750,
  });
});

test('names every missing or wrong setting at once', () => {
  assert.throws(
    () => readSettings({ TELEGRAM_ENV: 'staging' }),
    (error: SettingsError) => {
      assert.ok(error instanceof SettingsError);
      assert.equal(error.problems.length, 3);
      assert.match(error.message, /BOT_TOKEN is not set/);
      assert.match(error.message, /DATABASE_URL: is not set/);
      assert.match(error.message, /TELEGRAM_ENV is "staging"/);
      return true;
    },
  );
  assert.throws(() => readSettings({ ...good, BOT_TOKEN: 'nope' }), /BOT_TOKEN does not look like a bot token/);
  assert.throws(() => readSettings({ ...good, DATABASE_URL: 'db:5432' }), /DATABASE_URL: has the scheme "db:"/);
  assert.throws(() => readSettings({ ...good, BOT_API_ROOT: 'localhost:8081' }), /BOT_API_ROOT is "localhost:8081"/);
  assert.throws(() => readSettings({ ...good, DATABASE_TIMEOUT_MS: 'soon' }), /DATABASE_TIMEOUT_MS: is "soon"\. Use a whole number of milliseconds/);
  assert.throws(() => readSettings({ ...good, BOT_API_TIMEOUT_MS: '-1' }), /BOT_API_TIMEOUT_MS is "-1": use a whole number of milliseconds/);
});
