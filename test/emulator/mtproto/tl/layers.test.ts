import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Api } from 'telegram';
import { BinaryReader } from 'telegram/extensions';
import bigInt from 'big-integer';
import oldGramJs = require('telegram-layer-145/tl/AllTLObjects');
import gramJs = require('telegram/tl/AllTLObjects');
import mtcuteSchema = require('@mtcute/core/tl/api-schema.json');
import {
  classNameOf, codecForLayer, fieldKeyOf, parseTlText, SERVED_LAYERS, servedLayer, TlDecodeError,
} from '../../../../src/emulator/mtproto/tl';

test('each served layer is the layer its package declares', () => {
  assert.deepEqual([...SERVED_LAYERS], [145, 198, 227]);
  assert.equal(oldGramJs.LAYER, 145);
  assert.equal(gramJs.LAYER, 198);
  assert.equal(mtcuteSchema.l, 227);
});

test('an undeclared layer gets the nearest served one below it, or the oldest', () => {
  assert.equal(servedLayer(198), 198);
  assert.equal(servedLayer(200), 198);
  assert.equal(servedLayer(228), 227);
  assert.equal(servedLayer(100), 145);
});

test('TL text parses into entries with flags, vectors and bare types; names follow the telegram package', () => {
  const [entry] = parseTlText('future_salts#ae500895 req_msg_id:long now:int salts:vector<future_salt> flags:# big:flags.3?Vector<long> = FutureSalts;');
  assert.equal(entry!.id, 0xae500895);
  assert.deepEqual(entry!.params[2]!.type, { kind: 'vector', boxed: false, of: { kind: 'bare', constructor: 'future_salt' } });
  assert.deepEqual(entry!.params[4]!.flag, { field: 'flags', bit: 3 });
  assert.equal(classNameOf('p_q_inner_data_temp_dc'), 'PQInnerDataTempDc');
  assert.equal(classNameOf('messages.sendMessage'), 'messages.SendMessage');
  assert.equal(fieldKeyOf('new_nonce_hash1'), 'newNonceHash1');
});

const user = () => new Api.User({
  id: bigInt(1000001), self: true, bot: true, botInfoVersion: 1, accessHash: bigInt('-5'), firstName: 'Album', username: 'album_bot',
  status: new Api.UserStatusRecently({}),
});

test('layer 198 writes what GramJS writes, and reads it back into Api classes with native bigints', () => {
  const codec = codecForLayer(198);
  const bytes = codec.encode(user());
  assert.deepEqual(bytes, user().getBytes());
  const decoded = codec.decode(bytes);
  assert.ok(decoded instanceof Api.User);
  assert.equal(decoded.id, 1000001n);
  assert.equal(decoded.accessHash, -5n);
  assert.equal(decoded.bot, true);
  assert.equal(decoded.lastName, undefined, 'an absent field is undefined, never null');
  assert.equal(decoded.scam, false, 'an absent true-flag is false');
});

test('every layer encodes the same object; a field the layer lacks is dropped, one it requires is defaulted', () => {
  for (const layer of SERVED_LAYERS) {
    const codec = codecForLayer(layer);
    const decoded = codec.decode(codec.encode(user()));
    assert.equal(decoded.firstName, 'Album', `layer ${layer}`);
    assert.equal(decoded.username, 'album_bot', `layer ${layer}`);
  }
  // botInfoVersion exists in every layer; a made-up field exists in none and is simply not written.
  const withExtra = Object.assign(user(), { notInAnyLayer: 42 });
  assert.deepEqual(codecForLayer(198).encode(withExtra), user().getBytes());
  // A required field left out (dcOptions of Config, thisDc…) is written with its type's default.
  const config = codecForLayer(227).decode(codecForLayer(227).encode({ _: 'config' }));
  assert.deepEqual(config.dcOptions, []);
  assert.equal(config.thisDc, 0);
});

test('a GramJS request decodes in layer 198 and is found in 227 by the same class name', () => {
  const request = new Api.messages.SendMessage({ peer: new Api.InputPeerSelf(), message: 'hello', randomId: bigInt(7) });
  const decoded = codecForLayer(198).decode(request.getBytes());
  assert.ok(decoded instanceof Api.messages.SendMessage);
  assert.equal(decoded.replyTo, undefined);
  assert.equal(decoded.silent, false);
  assert.ok(codecForLayer(227).entryOf('messages.SendMessage'), 'the method exists in 227 under the same class name');
  const answer = codecForLayer(198).encodeResult('messages.SendMessage', new Api.UpdatesTooLong());
  assert.ok(new BinaryReader(answer).tgReadObject() instanceof Api.UpdatesTooLong);
});

test('an unknown constructor is named innermost first, with the fields it sits in', () => {
  const inner = new Api.messages.SendMedia({ peer: new Api.InputPeerSelf(), media: new Api.InputMediaEmpty(), message: '', randomId: bigInt(1) });
  const bytes = new Api.InvokeWithLayer({ layer: 198, query: inner }).getBytes();
  // The media's constructor id sits after invokeWithLayer's id and layer, sendMedia's id and flags, and the peer.
  const mediaOffset = 4 + 4 + 4 + 4 + 4;
  assert.equal(bytes.readUInt32LE(mediaOffset), Api.InputMediaEmpty.CONSTRUCTOR_ID);
  bytes.writeUInt32LE(0x12345678, mediaOffset);
  assert.throws(() => codecForLayer(198).decode(bytes), (error: unknown) => {
    assert.ok(error instanceof TlDecodeError);
    assert.equal(error.unknownConstructor, 0x12345678);
    assert.deepEqual(error.trail, ['messages.sendMedia.media', 'invokeWithLayer.query']);
    assert.match(error.message, /^constructor 0x12345678 is not in layer 198, in messages\.sendMedia\.media, in invokeWithLayer\.query$/);
    return true;
  });
});

test('invokeWithLayer reads its query in the layer it names', () => {
  const query = new Api.help.GetConfig();
  const decoded = codecForLayer(198).decode(new Api.InvokeWithLayer({ layer: 227, query }).getBytes());
  assert.equal(decoded.layer, 227);
  assert.equal(decoded.query.className, 'help.GetConfig');
});
