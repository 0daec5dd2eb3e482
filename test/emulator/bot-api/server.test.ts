import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { grammyError, type Harness, makePng, startHarness } from './harness';

/**
 * The HTTP surface without grammY: plain fetch, the way any other Bot API library (or curl)
 * talks to Telegram — query strings, urlencoded forms, multipart uploads — and the error
 * shape for bad tokens, methods, bodies and parameters.
 */
describe('Bot API over plain HTTP (no bot library)', () => {
  let h: Harness;
  let base: string;
  before(async () => {
    h = await startHarness();
    base = `${h.server.apiRoot}/bot${h.token}`;
  });
  after(() => h.close());

  async function call(path: string, init?: RequestInit): Promise<{ status: number; body: Record<string, any> }> {
    const response = await fetch(`${base}/${path}`, init);
    assert.match(response.headers.get('content-type') ?? '', /application\/json/);
    return { status: response.status, body: await response.json() as Record<string, any> };
  }

  it('accepts a query string (GET), case-insensitive method names', async () => {
    const user = h.startedUser('Query');
    const { status, body } = await call(`SENDMESSAGE?chat_id=${user.id}&text=${encodeURIComponent('hi & bye')}`);
    assert.equal(status, 200);
    assert.equal(body.ok, true);
    assert.equal(body.result.text, 'hi & bye');
    assert.equal((await call('getMe')).body.result.username, 'family_album_bot');
  });

  it('accepts application/x-www-form-urlencoded with JSON-serialized fields', async () => {
    const user = h.startedUser('Form');
    const form = new URLSearchParams({
      chat_id: String(user.id),
      text: 'pick one',
      reply_markup: JSON.stringify({ inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] }),
      entities: JSON.stringify([{ type: 'italic', offset: 0, length: 4 }]),
    });
    const { status, body } = await call('sendMessage', { method: 'POST', body: form });
    assert.equal(status, 200);
    assert.deepEqual(body.result.reply_markup, { inline_keyboard: [[{ text: 'A', callback_data: 'a' }]] });
    assert.deepEqual(body.result.entities, [{ type: 'italic', offset: 0, length: 4 }]);
  });

  it('accepts multipart/form-data uploads (fetch FormData: quoted names, a file under the field name)', async () => {
    const user = h.startedUser('Multi');
    const png = makePng(12, 9, 9);
    const form = new FormData();
    form.set('chat_id', String(user.id));
    form.set('caption', 'uploaded by fetch');
    form.set('photo', new Blob([png], { type: 'image/png' }), 'fetch.png');
    const { status, body } = await call('sendPhoto', { method: 'POST', body: form });
    assert.equal(status, 200, JSON.stringify(body));
    assert.equal(body.result.caption, 'uploaded by fetch');
    const stored = h.state.messageInBox(h.botAccount.id, body.result.message_id)!;
    assert.ok(stored.media?.kind === 'photo');
    assert.deepEqual(stored.media.photo.sizes.map(({ width, height }) => [width, height]), [[12, 9]]);

    const album = new FormData();
    album.set('chat_id', String(user.id));
    album.set('media', JSON.stringify([{ type: 'photo', media: 'attach://one' }, { type: 'photo', media: 'attach://two' }]));
    album.set('one', new Blob([makePng(2, 2, 1)]), 'one.png');
    album.set('two', new Blob([makePng(3, 3, 2)]), 'two.png');
    const sent = await call('sendMediaGroup', { method: 'POST', body: album });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    assert.equal(sent.body.result.length, 2);
    const missing = new FormData();
    missing.set('chat_id', String(user.id));
    missing.set('media', JSON.stringify([{ type: 'photo', media: 'attach://nowhere' }, { type: 'photo', media: 'attach://two' }]));
    assert.equal((await call('sendMediaGroup', { method: 'POST', body: missing })).body.description, "Bad Request: can't parse InputMedia: media not found");
  });

  it('answers a well-formed unknown token with 401 Unauthorized, a malformed one and an unknown method with 404 Not Found', async () => {
    const wrong = await fetch(`${h.server.apiRoot}/bot123:nope/getMe`);
    assert.equal(wrong.status, 401);
    assert.deepEqual(await wrong.json(), { ok: false, error_code: 401, description: 'Unauthorized' });
    // Tokens that cannot be bot tokens (tdlib/telegram-bot-api ClientManager::send's checks): 404, as api.telegram.org answers.
    for (const token of ['nope', '0123:abc', '-5:abc', 'abc:123', `1:${'a'.repeat(80)}`, `${2 ** 54}:abc`]) {
      const malformed = await fetch(`${h.server.apiRoot}/bot${encodeURIComponent(token)}/getMe`);
      assert.equal(malformed.status, 404, token);
      assert.deepEqual(await malformed.json(), { ok: false, error_code: 404, description: 'Not Found' });
    }
    const malformedFile = await fetch(`${h.server.apiRoot}/file/botnope/photos/file_1.jpg`);
    assert.equal(malformedFile.status, 404);
    const unknown = await call('launchRockets');
    assert.equal(unknown.status, 404);
    assert.deepEqual(unknown.body, { ok: false, error_code: 404, description: 'Not Found' });
    const nowhere = await fetch(`${h.server.apiRoot}/elsewhere`);
    assert.equal(nowhere.status, 404);
    const undecodable = await fetch(`${h.server.apiRoot}/bot%E0%A4%A/getMe`);
    assert.equal(undecodable.status, 404);
  });

  it('reads Boolean parameters as Telegram does: true/yes/1 in any case, trimmed, is true; anything else false, never an error', async () => {
    const user = h.startedUser('Booleans');
    const send = (flag: string) => call(`sendMessage?chat_id=${user.id}&text=hi&reply_to_message_id=999999&allow_sending_without_reply=${encodeURIComponent(flag)}`);
    for (const flag of ['True', 'TRUE', ' yes ', 'Yes', '1', 'true']) {
      const { status, body } = await send(flag);
      assert.equal(status, 200, `${JSON.stringify(flag)}: ${JSON.stringify(body)}`);
      assert.equal(body.result.reply_to_message, undefined);
    }
    for (const flag of ['False', 'no', '0', 'maybe', '2', 'null']) {
      const { status, body } = await send(flag);
      assert.equal(status, 400, flag);
      assert.equal(body.description, 'Bad Request: message to be replied not found');
    }
    // In a JSON body a Boolean parameter may be a JSON true, or a string.
    for (const flag of [true, 'True', 1]) {
      const json = await call('sendMessage', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ chat_id: user.id, text: 'hi', reply_to_message_id: 999999, allow_sending_without_reply: flag }) });
      assert.equal(json.status, 200, JSON.stringify(flag));
    }
  });

  it('reads allowed_updates leniently: unknown names ignored, names in any case, unparsable JSON keeps the setting', async () => {
    const fresh = await startHarness();
    try {
      const root = `${fresh.server.apiRoot}/bot${fresh.token}`;
      const get = async (query: string) => (await (await fetch(`${root}/getUpdates?${query}`)).json()) as Record<string, any>;
      assert.equal((await get('allowed_updates=%7Bnot-json')).ok, true);
      assert.equal((await get(`allowed_updates=${encodeURIComponent('["CALLBACK_QUERY"]')}`)).ok, true);
      fresh.startedUser('Ignored'); // a message: not allowed now
      assert.deepEqual((await get('')).result, []);
      assert.equal((await get(`allowed_updates=${encodeURIComponent('["no_such_update"]')}`)).ok, true); // → the default
      fresh.startedUser('Seen');
      assert.equal((await get('')).result.length, 1);
    } finally {
      await fresh.close();
    }
  });

  it('answers invalid JSON and missing parameters with 400 naming the problem', async () => {
    const badJson = await call('sendMessage', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"chat_id": 1,' });
    assert.deepEqual(badJson.body, { ok: false, error_code: 400, description: "Bad Request: can't parse JSON object" });
    assert.equal((await call('sendMessage?text=hi')).body.description, 'Bad Request: chat_id is empty');
    const user = h.startedUser('Params');
    assert.equal((await call(`sendMessage?chat_id=${user.id}`)).body.description, 'Bad Request: message text is empty');
    assert.equal((await call(`sendPhoto?chat_id=${user.id}`)).body.description, 'Bad Request: there is no photo in the request');
    assert.equal((await call(`sendMediaGroup?chat_id=${user.id}`)).body.description, 'Bad Request: parameter "media" is required');
    assert.equal((await call('answerCallbackQuery')).body.description, 'Bad Request: parameter "callback_query_id" is required');
    assert.equal((await call(`sendMessage?chat_id=${user.id}&text=x&reply_markup=%7Bnope`)).body.description, "Bad Request: can't parse reply keyboard markup JSON object");
    assert.equal((await call(`getUpdates?limit=many`)).body.description, 'Bad Request: field "limit" must be of type Integer');
    const brokenMultipart = await call('sendMessage', { method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=xyz' }, body: '--xyz\r\ncontent-disposition: form-data; name="text"\r\n\r\nhi' });
    assert.equal(brokenMultipart.status, 400);
    assert.match(brokenMultipart.body.description, /^Bad Request: can't parse multipart\/form-data/);
  });

  it('answers an injected flood wait with 429, retry_after and a Retry-After header', async () => {
    h.state.faults.floodWait('sendMessage', 7);
    const user = h.startedUser('Flood');
    const response = await fetch(`${base}/sendMessage?chat_id=${user.id}&text=hi`);
    assert.equal(response.status, 429);
    assert.equal(response.headers.get('retry-after'), '7');
    assert.deepEqual(await response.json(), { ok: false, error_code: 429, description: 'Too Many Requests: retry after 7', parameters: { retry_after: 7 } });
    const grammyFlood = (h.state.faults.floodWait('getMe', 3), await grammyError(() => h.bot.api.getMe()));
    assert.equal(grammyFlood.parameters.retry_after, 3);
  });

  it('survives a failing handler: 500 Internal Server Error, state untouched, server still serving', async () => {
    const user = h.startedUser('Crash');
    const original = h.state.sendMessage;
    h.state.sendMessage = () => {
      throw new TypeError('simulated bug');
    };
    try {
      const { status, body } = await call(`sendMessage?chat_id=${user.id}&text=boom`);
      assert.equal(status, 500);
      assert.deepEqual(body, { ok: false, error_code: 500, description: 'Internal Server Error' });
    } finally {
      h.state.sendMessage = original;
    }
    assert.equal((await call('getMe')).status, 200);
  });

  it('survives garbage on the wire', async () => {
    const { hostname, port } = new URL(h.server.apiRoot);
    await new Promise<void>((resolve) => {
      const req = request({ hostname, port, path: `/bot${h.token}/sendMessage`, method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '5' } }, (res) => {
        res.resume();
        res.on('end', resolve);
      });
      req.on('error', () => resolve());
      req.end('{"a":');
    });
    assert.equal((await call('getMe')).status, 200);
  });
});
