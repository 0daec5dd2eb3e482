/** Starting the bot, sending texts and commands, and what people read back. */
import { Given, Then, When } from '@cucumber/cucumber';
import type { Actor } from '../support/actors/actor';
import { lastMessage, messagesReceived, noticesReceived, textsReceived } from '../support/actors/questions';
import { sends, sendsFile, sendsSticker, sendsVoiceMessage, startsTheBot } from '../support/actors/tasks';
import { expect } from 'expect';
import { check } from '../support/actors/assertions';
import { fixture } from '../support/actors/fixtures';
import { phrase } from '../support/vocabulary/phrase';
import type { FamilyAlbumWorld } from '../support/world';

Given(phrase('{user} (has )started/starts the bot( again)', {
  means: 'The person presses Start (sends /start).',
  examples: ['Alice has started the bot', 'user A started the bot', 'Bob starts the bot', 'Alice starts the bot again'],
}), async function (this: FamilyAlbumWorld, user: Actor) {
  await this.perform(user, startsTheBot());
});

Given(phrase('{users} (have )started/start the bot', {
  means: 'Each of them presses Start, in the order named.',
  examples: ['Alice and Bob have started the bot', 'Alice, Bob and Carol start the bot', 'user A and user B started the bot'],
}), async function (this: FamilyAlbumWorld, users: Actor[]) {
  for (const user of users) await this.perform(user, startsTheBot());
});

When(phrase('{user} (has )sent/sends {string}( again)', {
  means: 'Types and sends a text or a command ("/count", "hello").',
  examples: ['Alice sends "/count"', 'Bob has sent "hello"', 'Alice sent "Hello album"', 'Alice sends "/leave" again'],
}), async function (this: FamilyAlbumWorld, user: Actor, text: string) {
  await this.perform(user, sends(text));
});

When(phrase('{user} (has )sent/sends the file {string}', {
  means: 'Sends a file of features/fixtures/ as a document ("recipe.txt").',
  examples: ['Alice sends the file "recipe.txt"', 'Bob has sent the file "recipe.txt"'],
}), async function (this: FamilyAlbumWorld, user: Actor, name: string) {
  await this.perform(user, sendsFile(fixture(name)));
});

When(phrase('{user} (has )sent/sends a voice message', {
  means: 'Sends a voice note.',
  examples: ['Alice sends a voice message', 'Bob has sent a voice message'],
}), async function (this: FamilyAlbumWorld, user: Actor) {
  await this.perform(user, sendsVoiceMessage(fixture('voice.ogg')));
});

When(phrase('{user} (has )sent/sends a sticker', {
  means: 'Sends a sticker.',
  examples: ['Alice sends a sticker', 'Bob sent a sticker'],
}), async function (this: FamilyAlbumWorld, user: Actor) {
  await this.perform(user, sendsSticker(fixture('sticker.webp')));
});

Then(phrase('{user} receives/received a message containing {string}', {
  means: 'Some message (or edited message) since the actions began contains the text.',
  examples: ['Alice receives a message containing "Hi Alice!"', 'B received a message containing "From User A"'],
}), async function (user: Actor, expected: string) {
  const texts = await user.asks(textsReceived());
  check(user, `${user.name} to receive a message containing ${JSON.stringify(expected)}.`,
    () => expect(texts).toEqual(expect.arrayContaining([expect.stringContaining(expected)])), { kind: 'text', text: expected });
});

Then(phrase('{user} receives/received no message containing {string}', {
  means: 'No message since the actions began contains the text.',
  examples: ['Carol receives no message containing "Your album is empty"', 'Bob received no message containing "Hi"'],
}), async function (user: Actor, unexpected: string) {
  const texts = await user.asks(textsReceived());
  check(user, `${user.name} to receive no message containing ${JSON.stringify(unexpected)}.`,
    () => expect(texts).not.toEqual(expect.arrayContaining([expect.stringContaining(unexpected)])), { kind: 'no-text', text: unexpected });
});

Then(phrase('{user} receives/received {count} message(s)', {
  means: 'Exactly that many messages arrived (or changed) since the actions began.',
  examples: ['Alice receives 1 message', 'Bob received 3 messages', 'Alice receives a message', 'Carol receives no message'],
}), async function (user: Actor, count: number) {
  const messages = await user.asks(messagesReceived());
  check(user, `${user.name} to receive ${count} message(s), not ${messages.length}.`, () => expect(messages).toHaveLength(count), { kind: 'count', of: 'message', count });
});

Then(phrase('{user} receives/received nothing', {
  means: 'No message, edit or button notice at all since the actions began.',
  examples: ['Alice receives nothing', 'B received nothing'],
}), async function (user: Actor) {
  const messages = await user.asks(messagesReceived());
  const notices = await user.asks(noticesReceived());
  check(user, `${user.name} to receive nothing${notices.length ? ` (notices: ${notices.join(' | ')})` : ''}.`, () => {
    expect(messages).toHaveLength(0);
    expect(notices).toEqual([]);
  }, { kind: 'nothing' });
});

Then(phrase('{user}\'s last message from the bot says {string}', {
  means: 'The newest message from the bot contains the text.',
  examples: ['Alice\'s last message from the bot says "Saved! The album has 3 photos."'],
}), async function (user: Actor, expected: string) {
  const last = await user.asks(lastMessage());
  check(user, `${user.name}'s last message from the bot to say ${JSON.stringify(expected)}, but it says ${JSON.stringify(last?.message.message ?? '(no message)')}.`,
    () => expect(last?.message.message ?? '').toContain(expected), { kind: 'text', text: expected });
});

Then(phrase('{user} is/was told {string}', {
  means: 'A message or a button notice since the actions began contains the text.',
  examples: ['Alice is told "Allowed."', 'Bob was told "This invitation link does not work."'],
}), async function (user: Actor, expected: string) {
  const texts = await user.asks(textsReceived());
  const notices = await user.asks(noticesReceived());
  check(user, `${user.name} to be told ${JSON.stringify(expected)}${notices.length ? ` (notices: ${notices.map((n) => JSON.stringify(n)).join(', ')})` : ''}.`,
    () => expect([...texts, ...notices]).toEqual(expect.arrayContaining([expect.stringContaining(expected)])), { kind: 'text', text: expected });
});
