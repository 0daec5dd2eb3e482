import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigurationError, createBackend, workerIndex } from '../../support/backends';
import { readTestDcSettings } from '../../support/backends/test-dc';
import { personName } from '../../support/actors/cast';

const testDc = {
  TELEGRAM_API_ID: '12345',
  TELEGRAM_API_HASH: 'abcdef',
  TEST_DC_BOT_TOKENS: '1:aaa, 2:bbb',
  TEST_DC_BOT_USERNAMES: '@first_bot,second_bot',
};

describe('createBackend', () => {
  it('is embedded unless TELEGRAM_BACKEND says otherwise', () => {
    assert.equal(createBackend({}).name, 'embedded');
    assert.equal(createBackend({ TELEGRAM_BACKEND: ' ' }).name, 'embedded');
    assert.equal(createBackend({ TELEGRAM_BACKEND: 'test-dc', ...testDc }).name, 'test-dc');
  });

  it('names the setting and the choices for an unknown backend', () => {
    assert.throws(() => createBackend({ TELEGRAM_BACKEND: 'prod' }), (error: unknown) => {
      assert.ok(error instanceof ConfigurationError);
      assert.equal(error.setting, 'TELEGRAM_BACKEND');
      assert.match(error.message, /TELEGRAM_BACKEND is "prod", which is not a backend\. Use one of: embedded, test-dc/);
      return true;
    });
  });

  it('checks the test-dc settings before anything starts', () => {
    assert.throws(() => createBackend({ TELEGRAM_BACKEND: 'test-dc' }), /TELEGRAM_API_ID is not set/);
  });
});

describe('readTestDcSettings', () => {
  it('gives each worker its own bot token', () => {
    assert.deepEqual(readTestDcSettings(testDc, 0).bot, { token: '1:aaa', username: 'first_bot', environment: 'test' });
    assert.deepEqual(readTestDcSettings(testDc, 1).bot, { token: '2:bbb', username: 'second_bot', environment: 'test' });
    assert.equal(readTestDcSettings(testDc, 0).dcId, 2);
  });

  it('says which setting is missing or wrong, and how to fix it', () => {
    assert.throws(() => readTestDcSettings({ ...testDc, TELEGRAM_API_ID: 'twelve' }, 0), /TELEGRAM_API_ID is not a number \("twelve"\)/);
    assert.throws(() => readTestDcSettings({ ...testDc, TELEGRAM_API_HASH: '' }, 0), /TELEGRAM_API_HASH is not set/);
    assert.throws(() => readTestDcSettings(testDc, 2), /TEST_DC_BOT_TOKENS has 2 token\(s\) but worker 2 needs the 3th. Create one bot per parallel worker/);
    assert.throws(() => readTestDcSettings({ ...testDc, TEST_DC_BOT_USERNAMES: 'first_bot' }, 0), /TEST_DC_BOT_USERNAMES lists 1 username\(s\) for 2 token\(s\)/);
    assert.throws(() => readTestDcSettings({ ...testDc, TEST_DC_ID: '4' }, 0), /TEST_DC_ID is "4"\. Use 1, 2 or 3/);
  });
});

describe('workerIndex', () => {
  it('reads cucumber\'s CUCUMBER_WORKER_ID, 0 when not parallel', () => {
    assert.equal(workerIndex({}), 0);
    assert.equal(workerIndex({ CUCUMBER_WORKER_ID: '3' }), 3);
    assert.equal(workerIndex({ CUCUMBER_WORKER_ID: 'x' }), 0);
  });
});

describe('personName', () => {
  it('keeps names and spells "user A" as a first name', () => {
    assert.equal(personName('Alice'), 'Alice');
    assert.equal(personName('user A'), 'User A');
    assert.equal(personName('user b'), 'User B');
  });
});
