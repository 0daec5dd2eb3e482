/**
 * Strangers through the wire: a real GramJS client gets messages from people nobody invited,
 * at once (for tests) and now and then (bounded), never from a busy loop.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TelegramClient } from 'telegram';
import { Strangers } from '../../../src/emulator/control/strangers';
import { accountIdOf, GUARD, nextMessage, Twin } from './harness';

describe('the twin: strangers', () => {
  let twin: Twin;
  let alice: TelegramClient;
  let aliceId: number;

  before(async () => {
    twin = await Twin.start();
    alice = await twin.person('9996620031', 'Alice');
    aliceId = await accountIdOf(alice);
  });
  after(() => twin?.stop());

  it('a stranger writes to a test account at once; the client learns who it is from the update', GUARD, async () => {
    const arrives = nextMessage(alice);
    twin.emulator.control.strangerWritesTo('9996620031', 'hi, who is this?');
    const message = await arrives;
    assert.equal(message.message, 'hi, who is this?');
    const sender = twin.emulator.state.requireAccount(Number(message.senderId!.toString()));
    assert.ok(Strangers.isStranger(sender), `${sender.phone} is a stranger's number`);
    const entity = (await alice.getEntity(message.senderId!)) as { firstName?: string };
    assert.equal(entity.firstName, sender.firstName);
  });

  it('now and then: as many messages as allowed, to test accounts only, and then the strangers fall silent', GUARD, async () => {
    const bot = twin.emulator.control.createBot({ username: 'quiet_album_bot' });
    const received: string[] = [];
    const three = new Promise<void>((resolve) => {
      let count = 0;
      const listener = (event: { ownerId: number; outgoing: boolean; message: { text: string } }) => {
        assert.notEqual(event.ownerId, bot.id, 'strangers never write to bots');
        if (event.outgoing) return;
        received.push(event.message.text);
        if (++count === 3) {
          twin.emulator.state.off('message', listener);
          resolve();
        }
      };
      twin.emulator.state.on('message', listener);
    });
    const pushedToAlice = Promise.all([nextMessage(alice), three]);
    twin.emulator.control.startStrangers({ everyMs: 10, max: 3 });
    assert.equal(twin.emulator.control.strangers.active, true);
    await pushedToAlice;
    assert.equal(received.length, 3);
    assert.equal(twin.emulator.control.strangers.active, false, 'no timer left after the last allowed message');
  });

  it('stop() ends a schedule at once', () => {
    twin.emulator.control.startStrangers({ everyMs: 60_000 });
    assert.equal(twin.emulator.control.strangers.active, true);
    twin.emulator.control.strangers.stop();
    assert.equal(twin.emulator.control.strangers.active, false);
  });

  it('refuses a schedule without a positive interval, and bots as targets', () => {
    assert.throws(() => twin.emulator.control.startStrangers({ everyMs: 0 }), /everyMs > 0/);
    const bot = twin.emulator.control.createBot({ username: 'target_album_bot' });
    assert.throws(() => twin.emulator.control.strangerWritesTo(bot.id), /is a bot/);
    assert.ok(aliceId > 0);
  });
});
