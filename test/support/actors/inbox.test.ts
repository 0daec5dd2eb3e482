import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import bigInt from 'big-integer';
import { Api } from 'telegram';
import { Inbox } from '../../../support/actors/inbox';

const BOT = 500n;
const FRIEND = 600n;

function message(id: number, text: string, from: bigint, out = false): Api.Message {
  return new Api.Message({ id, message: text, peerId: new Api.PeerUser({ userId: bigInt(from.toString()) }), date: 0, out });
}

function inboxWatchingTheBot(): Inbox {
  const inbox = new Inbox();
  inbox.watchBot(BOT);
  return inbox;
}

describe('Inbox', () => {
  it('counts messages from the bot, and keeps messages from people apart', () => {
    const inbox = inboxWatchingTheBot();
    inbox.recordNewMessage(message(1, 'Hi Alice!', BOT));
    inbox.recordNewMessage(message(2, 'Hi, it is Bob', FRIEND));
    inbox.recordNewMessage(message(3, '/start', BOT, true));
    assert.deepEqual(inbox.arrived(), { messages: 1, edits: 0, deletions: 0 });
    assert.deepEqual(inbox.all().map((entry) => entry.message.message), ['Hi Alice!']);
    assert.deepEqual(inbox.messagesFromPeople().map((m) => m.message), ['Hi, it is Bob']);
  });

  it('applies edits to the message it knows and counts them', () => {
    const inbox = inboxWatchingTheBot();
    inbox.recordNewMessage(message(1, 'Bob asks to join', BOT));
    inbox.recordEdit(message(1, '✅ Bob is in', BOT));
    inbox.recordEdit(message(99, 'unknown message', BOT));
    assert.deepEqual(inbox.arrived(), { messages: 1, edits: 1, deletions: 0 });
    assert.equal(inbox.all()[0]!.message.message, '✅ Bob is in');
  });

  it('counts only deletions of messages of the chat with the bot (updates carry bare ids)', () => {
    const inbox = inboxWatchingTheBot();
    inbox.recordNewMessage(message(1, 'Saved!', BOT));
    inbox.recordOwn([message(2, 'hello', BOT, true)]);
    inbox.recordDeletion([1, 2, 77]);
    inbox.recordDeletion([1]);
    assert.deepEqual(inbox.arrived(), { messages: 1, edits: 0, deletions: 2 });
    assert.deepEqual(inbox.sinceMark(), []);
  });

  it('answers "since the mark" with messages that arrived or changed after it', () => {
    const inbox = inboxWatchingTheBot();
    inbox.recordNewMessage(message(1, 'Bob asks to join', BOT));
    inbox.mark();
    assert.deepEqual(inbox.changedSinceMark(), []);
    inbox.recordEdit(message(1, '✅ Bob is in', BOT));
    inbox.recordNewMessage(message(2, 'Saved!', BOT));
    assert.deepEqual(inbox.changedSinceMark().map((entry) => entry.message.message), ['✅ Bob is in', 'Saved!']);
    assert.deepEqual(inbox.sinceMark().map((entry) => entry.message.message), ['Saved!']);
  });

  it('forgets everything on reset and tells listeners', () => {
    const inbox = inboxWatchingTheBot();
    let changes = 0;
    const stop = inbox.onChange(() => changes++);
    inbox.recordNewMessage(message(1, 'Hi', BOT));
    inbox.reset();
    stop();
    inbox.recordNewMessage(message(2, 'later', BOT));
    assert.equal(changes, 2);
    assert.deepEqual(inbox.arrived(), { messages: 1, edits: 0, deletions: 0 });
    assert.deepEqual(inbox.all().map((entry) => entry.id), [2]);
  });
});
