import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { BotError, BotLedger, SettleTimeoutError, defaultSettleTimeoutMs, isSettled, settle, type ChangeCounts, type Participant } from '../../support/settle';

/** A participant driven by the test: what they caused and what arrived, nothing else. */
class FakeParticipant implements Participant {
  causedUpdates = 0;
  private readonly counts: ChangeCounts = { messages: 0, edits: 0, deletions: 0 };
  private readonly texts: string[] = [];
  private readonly events = new EventEmitter();

  constructor(readonly name: string, readonly userId: number) {}

  cause(updates = 1): void {
    this.causedUpdates += updates;
    this.events.emit('change');
  }
  receive(change: keyof ChangeCounts, text = ''): void {
    this.counts[change]++;
    if (text) this.texts.push(text);
    this.events.emit('change');
  }
  arrived(): ChangeCounts {
    return { ...this.counts };
  }
  private readonly written = new Map<number, number>();
  private readonly fromPeople = new Map<number, number>();
  write(to: FakeParticipant): void {
    this.written.set(to.userId, this.writtenTo(to.userId) + 1);
    this.events.emit('change');
  }
  receiveFromPerson(from: number): void {
    this.fromPeople.set(from, this.arrivedFrom(from) + 1);
    this.events.emit('change');
  }
  writtenTo(userId: number): number {
    return this.written.get(userId) ?? 0;
  }
  arrivedFrom(userId: number): number {
    return this.fromPeople.get(userId) ?? 0;
  }
  describeArrivals(): string[] {
    return [...this.texts];
  }
  onChange(listener: () => void): () => void {
    this.events.on('change', listener);
    return () => this.events.off('change', listener);
  }
  listeners(): number {
    return this.events.listenerCount('change');
  }
}

/** Resolves after pending promise callbacks and one macrotask: lets the barrier react. */
const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Whether `promise` has settled yet, without waiting for it. */
async function state(promise: Promise<unknown>): Promise<'pending' | 'resolved' | 'rejected'> {
  let result: 'pending' | 'resolved' | 'rejected' = 'pending';
  promise.then(() => (result = 'resolved'), () => (result = 'rejected'));
  await tick();
  return result;
}

describe('settle', () => {
  it('resolves at once when nobody caused anything and the bot sent nothing', async () => {
    const ledger = new BotLedger();
    await settle(ledger, [new FakeParticipant('Alice', 1)], { timeoutMs: 1000 });
  });

  it('waits until the bot finished every update the user caused', async () => {
    const ledger = new BotLedger();
    const alice = new FakeParticipant('Alice', 1);
    alice.cause(2);
    const barrier = settle(ledger, [alice], { timeoutMs: 5000 });
    ledger.recordStarted(1);
    ledger.recordFinished(1);
    assert.equal(await state(barrier), 'pending');
    ledger.recordStarted(1);
    ledger.recordFinished(1);
    assert.equal(await state(barrier), 'resolved');
  });

  it('waits until every message, edit and deletion the bot made reached the user', async () => {
    const ledger = new BotLedger();
    const alice = new FakeParticipant('Alice', 1);
    alice.cause();
    const barrier = settle(ledger, [alice], { timeoutMs: 5000 });
    ledger.recordChange(1, 'messages', 2);
    ledger.recordChange(1, 'edits');
    ledger.recordChange(1, 'deletions');
    ledger.recordFinished(1);
    assert.equal(await state(barrier), 'pending');
    alice.receive('messages', 'Saved!');
    alice.receive('messages', 'Saved again');
    alice.receive('edits');
    assert.equal(await state(barrier), 'pending');
    alice.receive('deletions');
    assert.equal(await state(barrier), 'resolved');
  });

  it('waits for every participant, also those who only receive', async () => {
    const ledger = new BotLedger();
    const alice = new FakeParticipant('Alice', 1);
    const bob = new FakeParticipant('Bob', 2);
    alice.cause();
    const barrier = settle(ledger, [alice, bob], { timeoutMs: 5000 });
    ledger.recordChange(2, 'messages');
    ledger.recordFinished(1);
    assert.equal(await state(barrier), 'pending');
    bob.receive('messages', 'Alice asks to join');
    assert.equal(await state(barrier), 'resolved');
  });

  it('waits until a message one person wrote to another directly reached them, and names it when it does not', async () => {
    const ledger = new BotLedger();
    const alice = new FakeParticipant('Alice', 1);
    const bob = new FakeParticipant('Bob', 2);
    bob.write(alice);
    const barrier = settle(ledger, [alice, bob], { timeoutMs: 5000 });
    assert.equal(await state(barrier), 'pending');
    alice.receiveFromPerson(99);
    assert.equal(await state(barrier), 'pending', "a stranger's message does not stand in for Bob's");
    alice.receiveFromPerson(2);
    assert.equal(await state(barrier), 'resolved');

    bob.write(alice);
    await assert.rejects(settle(ledger, [alice, bob], { timeoutMs: 10 }), /missing: 1 of the 2 messages Bob wrote to Alice directly reached them/);
  });

  it('ignores what the bot sent to chats of people outside the scenario', async () => {
    const ledger = new BotLedger();
    ledger.recordChange(99, 'messages');
    await settle(ledger, [new FakeParticipant('Alice', 1)], { timeoutMs: 1000 });
  });

  it('rethrows an unhandled bot error once settled, with its stack, and only once', async () => {
    const ledger = new BotLedger();
    const alice = new FakeParticipant('Alice', 1);
    alice.cause();
    const barrier = settle(ledger, [alice], { timeoutMs: 5000 });
    const boom = new Error('relation "photos" does not exist');
    ledger.recordFailure({ error: boom, userId: 1, context: 'while handling the message "/count" from Alice' });
    assert.equal(await state(barrier), 'pending', 'an error alone does not end the wait');
    ledger.recordFinished(1);
    await assert.rejects(barrier, (error: unknown) => {
      assert.ok(error instanceof BotError);
      assert.match(error.message, /while handling the message "\/count" from Alice/);
      assert.match(error.message, /relation "photos" does not exist/);
      assert.ok(error.message.includes(boom.stack!.split('\n')[1]!.trim()), 'the stack is included');
      return true;
    });
    assert.deepEqual(ledger.unreportedFailures(), []);
    await settle(ledger, [alice], { timeoutMs: 1000 });
  });

  it('fails after the guard with a diagnostic of expected against received, per person', async () => {
    const ledger = new BotLedger();
    const alice = new FakeParticipant('Alice', 1);
    const bob = new FakeParticipant('Bob', 2);
    alice.cause(3);
    ledger.recordStarted(1);
    ledger.recordFinished(1);
    ledger.recordStarted(1);
    ledger.recordChange(1, 'messages', 2);
    alice.receive('messages', 'Saved! The album has 1 photo.');
    await assert.rejects(settle(ledger, [alice, bob], { timeoutMs: 30, action: 'Alice uploads 3 photos' }), (error: unknown) => {
      assert.ok(error instanceof SettleTimeoutError);
      const message = error.message;
      assert.match(message, /Not settled after 30 ms \(after: Alice uploads 3 photos\)/);
      assert.match(message, /Alice \(WAITING\)/);
      assert.match(message, /updates caused 3, finished by the bot 1, still running in the bot 1/);
      assert.match(message, /bot sent 2 messages, 0 edits, 0 deletions; arrived 1 messages/);
      assert.match(message, /missing: 1 of the 2 messages sent by the bot reached Alice/);
      assert.match(message, /- Saved! The album has 1 photo\./);
      assert.match(message, /Bob \(settled\)/);
      assert.match(message, /bot errors: none/);
      return true;
    });
  });

  it('names bot errors in the timeout diagnostic', async () => {
    const ledger = new BotLedger();
    const alice = new FakeParticipant('Alice', 1);
    alice.cause();
    ledger.recordFailure({ error: new Error('db down'), userId: 1, context: 'while handling the message "hi" from Alice' });
    await assert.rejects(settle(ledger, [alice], { timeoutMs: 20 }), /db down/);
  });

  it('removes its listeners when done', async () => {
    const ledger = new BotLedger();
    const alice = new FakeParticipant('Alice', 1);
    await settle(ledger, [alice], { timeoutMs: 1000 });
    await settle(ledger, [alice], { timeoutMs: 10 }).catch(() => undefined);
    alice.cause();
    await settle(ledger, [alice], { timeoutMs: 10 }).catch(() => undefined);
    assert.equal(alice.listeners(), 0);
    assert.equal(ledger.listenerCount('change'), 0);
  });

  it('isSettled agrees with the barrier', () => {
    const ledger = new BotLedger();
    const alice = new FakeParticipant('Alice', 1);
    assert.equal(isSettled(ledger, [alice]), true);
    alice.cause();
    assert.equal(isSettled(ledger, [alice]), false);
    ledger.recordFinished(1);
    assert.equal(isSettled(ledger, [alice]), true);
  });
});

describe('defaultSettleTimeoutMs', () => {
  it('is 10 s unless SETTLE_TIMEOUT_MS says otherwise', () => {
    assert.equal(defaultSettleTimeoutMs({}), 10_000);
    assert.equal(defaultSettleTimeoutMs({ SETTLE_TIMEOUT_MS: '2500' }), 2500);
  });
  it('is longer on the real test DC, which is slower than the embedded one or its twin', () => {
    assert.equal(defaultSettleTimeoutMs({ TELEGRAM_BACKEND: 'test-dc' }), 30_000);
    assert.equal(defaultSettleTimeoutMs({ TELEGRAM_BACKEND: 'test-dc-twin' }), 10_000);
    assert.equal(defaultSettleTimeoutMs({ TELEGRAM_BACKEND: 'test-dc', SETTLE_TIMEOUT_MS: '2500' }), 2500);
  });
  it('names the setting and the fix for a bad value', () => {
    assert.throws(() => defaultSettleTimeoutMs({ SETTLE_TIMEOUT_MS: 'soon' }), /SETTLE_TIMEOUT_MS must be a positive number of milliseconds, got "soon"/);
  });
});
