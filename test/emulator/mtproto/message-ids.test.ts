import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadMsgCode, checkClientMessageId, MessageIdGenerator, SequenceCounter } from '../../../src/emulator/mtproto/message-ids';

test('server msg_ids follow the clock, increase strictly, and carry the kind in their low bits', () => {
  const frozen = 1_700_000_000_123;
  const ids = new MessageIdGenerator(() => frozen);
  const generated = Array.from({ length: 50 }, (_, i) => ids.next(i % 3 === 0 ? 'push' : 'response'));
  generated.forEach((id, i) => assert.equal(id % 4n, i % 3 === 0 ? 3n : 1n));
  for (let i = 1; i < generated.length; i++) assert.ok(generated[i] > generated[i - 1]);
  assert.equal(Number(generated[0] >> 32n), Math.floor(frozen / 1000), 'the upper half is unixtime');
});

test('a clock that goes backwards still yields increasing ids', () => {
  let now = 1_700_000_100_000;
  const ids = new MessageIdGenerator(() => now);
  const first = ids.next('response');
  now -= 5000;
  assert.ok(ids.next('response') > first);
});

test('client msg_ids are checked for low bits and freshness', () => {
  const now = 1_700_000_000_000;
  const at = (seconds: number) => BigInt(Math.floor(seconds)) << 32n;
  assert.equal(checkClientMessageId(at(now / 1000), now), undefined);
  assert.equal(checkClientMessageId(at(now / 1000) + 1n, now), BadMsgCode.MSG_ID_BAD_LOW_BITS);
  assert.equal(checkClientMessageId(at(now / 1000 - 301), now), BadMsgCode.MSG_ID_TOO_LOW);
  assert.equal(checkClientMessageId(at(now / 1000 + 31), now), BadMsgCode.MSG_ID_TOO_HIGH);
});

test('seq_no is odd and advancing for content-related messages, even otherwise', () => {
  const seq = new SequenceCounter();
  assert.deepEqual([seq.next(false), seq.next(true), seq.next(false), seq.next(true), seq.next(true), seq.next(false)], [0, 1, 2, 3, 5, 6]);
});
