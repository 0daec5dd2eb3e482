import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSettings, SettingsError } from '../../src/bot/settings';

const good = { BOT_TOKEN: '123456:ABCdefGHIjklMNOpqrSTUvwxYZ', DATABASE_URL: 'postgres://u:p@db:5432/album' };

test('reads the settings; production and api.telegram.org by default', () => {
  assert.deepEqual(readSettings(good), { token: good.BOT_TOKEN, databaseUrl: good.DATABASE_URL, environment: 'prod', apiRoot: undefined });
  assert.deepEqual(readSettings({ ...good, TELEGRAM_ENV: 'test', BOT_API_ROOT: 'http://127.0.0.1:8081/' }), {
    token: good.BOT_TOKEN,
    databaseUrl: good.DATABASE_URL,
    environment: 'test',
    apiRoot: 'http://127.0.0.1:8081',
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
});
