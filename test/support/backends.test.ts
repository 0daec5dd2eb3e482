import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigurationError, createBackend, workerIndex } from '../../support/backends';
import { readTestDcSettings } from '../../support/backends/test-dc';
import { personName } from '../../support/actors/cast';

const testDc = {
  TELEGRAM_API_ID: '12345',
  TELEGRAM_API_HASH: '0123456789abcdef0123456789abcdef',
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
    assert.deepEqual(readTestDcSettings(testDc, 0).bot, { token: '1:aaa', username: 'first_bot' });
    assert.deepEqual(readTestDcSettings(testDc, 1).bot, { token: '2:bbb', username: 'second_bot' });
  });

  it('needs no bots: without TEST_DC_BOT_TOKENS each worker makes its own', () => {
    const { TEST_DC_BOT_TOKENS: _t, TEST_DC_BOT_USERNAMES: _u, ...noBots } = testDc;
    assert.equal(readTestDcSettings(noBots, 3).bot, undefined);
  });

  it('has defaults for everything else: Telegram\'s test DCs, the user\'s cache directory, a 60 s flood limit', () => {
    const settings = readTestDcSettings({ ...testDc, HOME: '/home/ann' }, 0);
    assert.deepEqual(settings.addresses.map((dc) => `${dc.id}=${dc.host}:${dc.port}`), ['1=149.154.175.10:443', '2=149.154.167.40:443', '3=149.154.175.117:443']);
    assert.equal(settings.cacheDir, '/home/ann/.cache/family-album-acceptance');
    assert.equal(readTestDcSettings({ ...testDc, XDG_CACHE_HOME: '/c' }, 0).cacheDir, '/c/family-album-acceptance');
    assert.equal(readTestDcSettings({ ...testDc, TEST_DC_CACHE_DIR: '/x' }, 0).cacheDir, '/x');
    assert.equal(settings.floodWaitLimitSeconds, 60);
    assert.equal(settings.numberTries, 10);
    assert.equal(settings.rsaPublicKeyPem, undefined);
    assert.equal(settings.botApiRoot, undefined);
  });

  it('reaches a twin or a proxy through one address setting and one key setting', () => {
    const pem = '-----BEGIN RSA PUBLIC KEY-----\\nMIIB\\n-----END RSA PUBLIC KEY-----';
    const settings = readTestDcSettings({ ...testDc, TEST_DC_ADDRESSES: '2=127.0.0.1:4002, 1=127.0.0.1:4001,3=[::1]:4003', TEST_DC_RSA_KEY: pem }, 0);
    assert.deepEqual(settings.addresses, [{ id: 1, host: '127.0.0.1', port: 4001 }, { id: 2, host: '127.0.0.1', port: 4002 }, { id: 3, host: '::1', port: 4003 }]);
    assert.equal(settings.rsaPublicKeyPem, '-----BEGIN RSA PUBLIC KEY-----\nMIIB\n-----END RSA PUBLIC KEY-----');
    assert.throws(() => readTestDcSettings({ ...testDc, TEST_DC_ADDRESSES: '1=127.0.0.1:4001,2=127.0.0.1:4002' }, 0), /TEST_DC_ADDRESSES does not name DC 3\. Write it as "1=host:port,2=host:port,3=host:port" \(it is for a test-DC twin or a proxy/);
    assert.throws(() => readTestDcSettings({ ...testDc, TEST_DC_ADDRESSES: '1=127.0.0.1' }, 0), /TEST_DC_ADDRESSES has "1=127\.0\.0\.1", which is not "<dc>=<host>:<port>"/);
    assert.throws(() => readTestDcSettings({ ...testDc, TEST_DC_RSA_KEY: '/nonexistent/key.pem' }, 0), /TEST_DC_RSA_KEY is neither a PEM nor a readable PEM file/);
  });

  it('says which setting is missing or wrong, and how to fix it', () => {
    assert.throws(() => readTestDcSettings({ ...testDc, TELEGRAM_API_ID: 'twelve' }, 0), /TELEGRAM_API_ID is not a number \("twelve"\)/);
    assert.throws(() => readTestDcSettings({ ...testDc, TELEGRAM_API_HASH: '' }, 0), /TELEGRAM_API_HASH is not set/);
    assert.throws(() => readTestDcSettings(testDc, 2), /TEST_DC_BOT_TOKENS has 2 token\(s\) but worker 2 needs the 3th. Create one bot per parallel worker/);
    assert.throws(() => readTestDcSettings({ ...testDc, TEST_DC_BOT_USERNAMES: 'first_bot' }, 0), /TEST_DC_BOT_USERNAMES lists 1 username\(s\) for 2 token\(s\)/);
    assert.throws(() => readTestDcSettings({ ...testDc, TELEGRAM_API_HASH: 'abcdef' }, 0), /TELEGRAM_API_HASH is not 32 hexadecimal digits \(it has 6 characters\)\. Copy "App api_hash" exactly/);
    assert.throws(() => readTestDcSettings({ ...testDc, TELEGRAM_API_ID: '12.5' }, 0), /TELEGRAM_API_ID is not a number/);
    assert.throws(() => readTestDcSettings({ ...testDc, TEST_DC_FLOOD_WAIT_LIMIT_S: '-1' }, 0), /TEST_DC_FLOOD_WAIT_LIMIT_S is "-1"\. Use a whole number of seconds from 1, or unset it for 60/);
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
