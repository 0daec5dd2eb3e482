import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { DatabaseSettingError, parseDatabaseUrl, passwordInUrl, redact } from '../../../src/bot/db/connection';

const PASSWORD = 'Sup3r-Secret_pw';

/** Settings no URL parser accepts, each with the password somewhere in it. */
const MALFORMED = [
  `postgres://alice:${PASSWORD}@db host:5432/album`, // a space in the host
  `postgres://alice:${PASSWORD}@[db]:5432/album`, // not an IP in brackets
  `postgres://alice:${PASSWORD}@db:port/album`, // a port that is not a number
  `//alice:${PASSWORD}@db:5432/album`, // no scheme
];

test('a malformed DATABASE_URL fails naming the setting, with the password nowhere in the error or its causes', () => {
  for (const url of MALFORMED) {
    assert.throws(() => parseDatabaseUrl(url), (error: unknown) => {
      assert.ok(error instanceof DatabaseSettingError, `${url}: ${String(error)}`);
      assert.match(error.message, /^DATABASE_URL: is not a URL/);
      // inspect() shows what a console or a report shows: the message, every cause and their fields.
      const shown = inspect(error, { depth: 10 });
      assert.ok(!shown.includes(PASSWORD), `the password leaked for ${url}:\n${shown}`);
      assert.match(shown, /input: '.*\*\*\*@/, 'the cause keeps the masked URL for diagnosis');
      return true;
    });
  }
});

test('the password is found in the raw text, also when it holds "@" or "/" or the URL is malformed', () => {
  assert.equal(passwordInUrl('postgres://u:p@ss/w@host:5432/db'), 'p@ss/w');
  assert.equal(passwordInUrl(`postgres://alice:${PASSWORD}@db host/x`), PASSWORD);
  assert.equal(passwordInUrl('alice:pw@db/x'), 'pw');
  assert.equal(passwordInUrl('postgres://alice@db/x'), undefined);
  assert.equal(passwordInUrl('postgres://db/x'), undefined);
});

test('redact masks the password of well-formed and malformed URLs and keeps the rest', () => {
  assert.equal(redact('postgres://u:p@ss@host:5432/db'), 'postgres://u:***@host:5432/db');
  assert.equal(redact(`postgres://alice:${PASSWORD}@db host:5432/album`), 'postgres://alice:***@db host:5432/album');
  assert.equal(redact('postgres://host/db?password=secret&sslmode=off'), 'postgres://host/db?password=***&sslmode=off');
  assert.equal(redact('postgres://host/db'), 'postgres://host/db');
});
