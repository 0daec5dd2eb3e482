import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import {
  MASKS,
  clearRegisteredSecrets,
  maskDeep,
  maskSecrets,
  registerSecret,
  registerSecretsFromEnvironment,
} from '../../../../support/reporting/render/mask';

const TOKEN = '123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1';
const API_HASH = '0123456789abcdef0123456789abcdef';
const SESSION = `1${'BAAAAAAAAAAAAAAAAAAAAAAAA+/'.repeat(14)}AAA=`;

beforeEach(() => clearRegisteredSecrets());

test('a bot token is masked, also inside a Bot API URL', () => {
  assert.equal(maskSecrets(`token ${TOKEN} ok`), `token ${MASKS.botToken} ok`);
  assert.equal(
    maskSecrets(`request to http://127.0.0.1:4000/bot${TOKEN}/test/getMe failed`),
    `request to http://127.0.0.1:4000/bot${MASKS.botToken}/test/getMe failed`,
  );
});

test('an api hash and a session string are masked', () => {
  assert.equal(maskSecrets(`apiHash=${API_HASH}`), `apiHash=${MASKS.apiHash}`);
  assert.equal(maskSecrets(`session: ${SESSION}`), `session: ${MASKS.session}`);
});

test('phone numbers are masked in international form and under a phone key', () => {
  assert.equal(maskSecrets('call +44 20 7946 0958 now'), `call ${MASKS.phone} now`);
  assert.equal(maskSecrets('{"phone":"9996612345"}'), `{"phone":"${MASKS.phone}"}`);
  assert.equal(maskSecrets('phoneNumber: 9996612345'), `phoneNumber: ${MASKS.phone}`);
});

test('ordinary text, ids, hashes of other lengths and times are left alone', () => {
  const text = 'Bob received 3 photos at 12:30:45; message 1234567; sha256 ' + 'ab'.repeat(32) + ' 2024-01-02';
  assert.equal(maskSecrets(text), text);
});

test('registered secrets and secret-looking environment variables are masked literally', () => {
  registerSecret('hunter2-secret');
  registerSecret('abc'); // too short: ignored, or every report would be shredded
  registerSecretsFromEnvironment({ TELEGRAM_API_ID: '1234567', PATH: '/usr/bin:/bin', DATABASE_URL: 'postgres://u:pa55word@h/db' });
  assert.equal(
    maskSecrets('hunter2-secret abc 1234567 /usr/bin pa55word'),
    `${MASKS.secret} abc ${MASKS.secret} /usr/bin ${MASKS.secret}`,
  );
});

test('data: URIs (inlined photos) are never altered', () => {
  const base64 = Buffer.from(`x+1234567890 ${API_HASH}`).toString('base64') + '+4412345678/' + API_HASH;
  const svg = `<image href="data:image/png;base64,${base64}"/> ${TOKEN}`;
  assert.equal(maskSecrets(svg), `<image href="data:image/png;base64,${base64}"/> ${MASKS.botToken}`);
});

test('maskDeep masks every string of a message envelope and textual base64 bodies, not images', () => {
  const png = Buffer.from(`\x89PNG ${TOKEN}`).toString('base64');
  const envelope = {
    testStepFinished: { testStepResult: { status: 'FAILED', message: `HttpError ${TOKEN}` } },
    list: [API_HASH, 3, null, true],
    text: { body: Buffer.from(`session ${SESSION}`).toString('base64'), contentEncoding: 'BASE64', mediaType: 'text/plain' },
    svg: { body: Buffer.from(`<svg>${TOKEN}</svg>`).toString('base64'), contentEncoding: 'BASE64', mediaType: 'image/svg+xml' },
    image: { body: png, contentEncoding: 'BASE64', mediaType: 'image/png' },
  };
  const masked = maskDeep(envelope);
  assert.equal(masked.testStepFinished.testStepResult.message, `HttpError ${MASKS.botToken}`);
  assert.deepEqual(masked.list, [MASKS.apiHash, 3, null, true]);
  assert.equal(Buffer.from(masked.text.body, 'base64').toString(), `session ${MASKS.session}`);
  assert.equal(Buffer.from(masked.svg.body, 'base64').toString(), `<svg>${MASKS.botToken}</svg>`);
  assert.equal(masked.image.body, png);
});

test("DATABASE_URL's password is masked even when the URL is malformed, and in any URL by shape", () => {
  registerSecretsFromEnvironment({ DATABASE_URL: 'postgres://alice:Sup3rSecretPw@db host:5432/album' });
  const masked = maskSecrets("input: 'postgres://alice:Sup3rSecretPw@db host:5432/album'");
  assert.ok(!masked.includes('Sup3rSecretPw') && masked.includes(`${MASKS.secret}@db host:5432/album`), masked);
  assert.equal(maskSecrets('the password Sup3rSecretPw alone'), `the password ${MASKS.secret} alone`);
  clearRegisteredSecrets();
  // A short password is masked with its user, wherever the URL appears.
  registerSecretsFromEnvironment({ DATABASE_URL: 'postgres://alice:pw@db host/x' });
  assert.ok(!maskSecrets('postgres://alice:pw@db host/x').includes(':pw@'));
  clearRegisteredSecrets();
  // Unregistered: a URL's password is masked by its shape, up to the URL's last "@", never past a quote.
  assert.equal(maskSecrets('{"url":"https://u:p@ss@host/x","mail":"a@b"}'), `{"url":"https://u:${MASKS.secret}@host/x","mail":"a@b"}`);
  // A URL without a password is not a secret.
  registerSecretsFromEnvironment({ DATABASE_URL: 'postgres://localhost:5432/album' });
  assert.equal(maskSecrets('postgres://localhost:5432/album'), 'postgres://localhost:5432/album');
});
