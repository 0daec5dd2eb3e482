import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import bigInt from 'big-integer';
import { Api } from 'telegram';
import { Inbox } from '../../../support/actors/inbox';
import { fixture } from '../../../support/actors/fixtures';

const BOT = 500n;
const FRIEND = 600n;

function message(id: number, text: string, from: bigint, out = false): Api.Message {
  return new Api.Message({ id, message: text, peerId: new Api.PeerUser({ userId: bigInt(from.toString()) }), date: 0, out });
}

describe('Inbox (one person’s log of the chat with the bot)', () => {
  it('counts messages from the bot, and keeps messages from people apart', () => {
    const inbox = new Inbox(BOT);
    inbox.recordNewMessage(message(1, 'Hi Alice!', BOT));
    inbox.recordNewMessage(message(2, 'Hi, it is Bob', FRIEND));
    inbox.recordNewMessage(message(3, '/start', BOT, true));
    assert.deepEqual(inbox.arrived(), { messages: 1, edits: 0, deletions: 0 });
    assert.equal(inbox.arrivedFrom(Number(FRIEND)), 1);
    assert.deepEqual(inbox.all().map((entry) => entry.message.message), ['Hi Alice!']);
    assert.deepEqual(inbox.messagesFromPeople().map((m) => m.message), ['Hi, it is Bob']);
  });

  it("keeps a stranger's message out of the chat with the bot and out of every count (the test DC is shared)", () => {
    const STRANGER = 777n;
    const inbox = new Inbox(BOT);
    inbox.mark();
    inbox.recordNewMessage(message(1, 'hey, who is this?', STRANGER));
    inbox.recordEdit(message(1, 'hey, who is this??', STRANGER));
    assert.deepEqual(inbox.arrived(), { messages: 0, edits: 0, deletions: 0 }, 'nothing from the bot arrived');
    assert.deepEqual(inbox.all(), [], '"receives nothing" reads the chat with the bot only');
    assert.deepEqual(inbox.sinceMark(), []);
    assert.equal(inbox.arrivedFrom(Number(FRIEND)), 0, 'and it stands in for no scenario person');
  });

  it('keeps every version of an edited message, with its time, and counts the edits', () => {
    const inbox = new Inbox(BOT);
    inbox.recordNewMessage(message(1, 'Bob asks to join', BOT));
    inbox.recordEdit(message(1, '✅ Bob is in', BOT));
    inbox.recordEdit(message(99, 'unknown message', BOT));
    assert.deepEqual(inbox.arrived(), { messages: 1, edits: 1, deletions: 0 });
    const [entry] = inbox.all();
    assert.equal(entry!.message.message, '✅ Bob is in');
    assert.deepEqual(entry!.versions.map((version) => version.message.message), ['Bob asks to join', '✅ Bob is in']);
    assert.ok(entry!.versions[0]!.at < entry!.versions[1]!.at);
  });

  it('counts only deletions of messages of the chat with the bot (updates carry bare ids)', () => {
    const inbox = new Inbox(BOT);
    inbox.recordNewMessage(message(1, 'Saved!', BOT));
    inbox.recordSent(inbox.recordSending(1, { text: 'hello' }), [message(2, 'hello', BOT, true)]);
    inbox.recordDeletion([1, 2, 77]);
    inbox.recordDeletion([1]);
    assert.deepEqual(inbox.arrived(), { messages: 1, edits: 0, deletions: 2 });
    assert.deepEqual(inbox.sinceMark(), []);
    assert.deepEqual(inbox.sentByMe(), []);
    assert.ok(inbox.all()[0]!.deletedAt! > 0);
  });

  it('counts what the person caused before it is sent, and keeps what they sent in order', () => {
    const inbox = new Inbox(BOT);
    let changes = 0;
    inbox.onChange(() => changes++);
    const beach = fixture('beach.png');
    const sending = inbox.recordSending(2, { photos: [beach, beach] });
    assert.equal(inbox.causedUpdates, 2, 'counted before Telegram answers');
    assert.equal(changes, 1, 'and the barrier is told');
    inbox.recordSent(sending, [message(7, '', BOT, true), message(8, '', BOT, true)]);
    inbox.recordPress('Allow', 3);
    assert.equal(inbox.causedUpdates, 3);
    assert.deepEqual(inbox.photosSent().map((photo) => photo.name), ['beach.png', 'beach.png']);
    assert.deepEqual(inbox.sentByMe().map((m) => m.id), [7, 8]);
    assert.deepEqual(inbox.events.map((event) => event.kind), ['sent', 'pressed']);
  });

  it('answers "since the mark" with messages that arrived or changed after it', () => {
    const inbox = new Inbox(BOT);
    inbox.recordNewMessage(message(1, 'Bob asks to join', BOT));
    inbox.mark();
    assert.deepEqual(inbox.changedSinceMark(), []);
    inbox.recordEdit(message(1, '✅ Bob is in', BOT));
    inbox.recordNewMessage(message(2, 'Saved!', BOT));
    assert.deepEqual(inbox.changedSinceMark().map((entry) => entry.message.message), ['✅ Bob is in', 'Saved!']);
    assert.deepEqual(inbox.sinceMark().map((entry) => entry.message.message), ['Saved!']);
  });

  it('logs every event once, in order, with strictly increasing times', () => {
    const inbox = new Inbox(BOT);
    inbox.recordSending(1, { text: '/start' });
    inbox.recordNewMessage(message(1, 'Welcome', BOT));
    inbox.recordNotice(new Api.messages.BotCallbackAnswer({ message: 'Done', alert: false, cacheTime: 0 }));
    inbox.recordWriting(42);
    const times = inbox.events.map((event) => event.at);
    assert.deepEqual(inbox.events.map((event) => event.kind), ['sent', 'received', 'notice', 'wrote']);
    assert.deepEqual(inbox.events.map((event) => event.sequence), [0, 1, 2, 3]);
    assert.ok(times.every((at, i) => i === 0 || at > times[i - 1]!));
    assert.equal(inbox.writtenTo(42), 1);
  });
});
