import { test } from 'node:test';
import assert from 'node:assert/strict';
import { showsOf, specification } from '../../../support/reporting/specification';
import { texts } from '../../../src/bot/texts';
import type { ConversationEvent } from '../../../support/reporting/render/conversation';

test('the specification lists every reply of texts.ts, the menu commands with /start, and the buttons', () => {
  const spec = specification();
  const replies = spec.replies.map((r) => r.key);
  assert.ok(replies.includes('photos.welcome') && replies.includes('start.greeting') && replies.includes('fallback.unknownButton'), JSON.stringify(replies));
  assert.ok(!replies.includes('keyboard.photo') && !replies.includes('join.allowButton'));
  assert.equal(spec.replies.find((r) => r.key === 'photos.empty')?.text, texts.photos.empty);
  assert.deepEqual(spec.commands.map((c) => c.command), ['start', 'photo', 'count', 'members', 'invite', 'leave', 'handover', 'help']);
  assert.deepEqual(spec.buttons.map((b) => b.label), ['📷 Photo', '👪 Family', 'Allow', 'Deny']);
});

test('a scenario shows the replies the bot made and sent, the commands people sent and the buttons they pressed', () => {
  const events: ConversationEvent[] = [
    { kind: 'message', from: 'Alice', to: 'bot', text: '/start join_abc' },
    { kind: 'message', from: 'bot', to: 'Alice', text: `${texts.start.greeting('Alice', true)}\n\n${texts.join.requestSent('Bob')}` },
    { kind: 'message', from: 'Alice', to: 'bot', text: '📷 Photo' },
    { kind: 'message', from: 'bot', to: 'Alice', text: texts.photos.empty },
    { kind: 'press', by: 'Bob', button: 'Allow' },
    { kind: 'note', text: 'The bot shows Bob a notice: “Allowed.”' },
    { kind: 'message', from: 'Carol', to: 'bot', text: '/count', forwardedFrom: 'Dave' },
  ];
  const produced = new Map<string, Set<string>>([
    ['start.greeting', new Set([texts.start.greeting('Alice', true)])],
    ['join.requestSent', new Set([texts.join.requestSent('Bob')])],
    ['photos.empty', new Set([texts.photos.empty])],
    ['join.answerAllowed', new Set(['Allowed.'])],
    // Made but never sent: not shown.
    ['invite.unknown', new Set([texts.invite.unknown])],
  ]);
  const shows = showsOf(events, produced);
  assert.deepEqual(shows.replies.sort(), ['join.answerAllowed', 'join.requestSent', 'photos.empty', 'start.greeting']);
  assert.equal(shows.samples['join.requestSent'], texts.join.requestSent('Bob'));
  assert.deepEqual(shows.commands, ['start'], 'a forwarded "/count" is no command sent');
  assert.deepEqual(shows.buttons, ['📷 Photo', 'Allow']);
});
