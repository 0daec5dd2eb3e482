/** Starting the bot, sending texts and commands, and what people read back. */
import { Given, Then, When } from '@cucumber/cucumber';
import type { Actor } from '../support/actors/actor';
import { lastMessage, messagesReceived, noticesReceived, textsReceived } from '../support/actors/questions';
import { sends, sendsFile, sendsSticker, sendsVoiceMessage, startsTheBot } from '../support/actors/tasks';
import { expect } from 'expect';
import { check } from '../support/actors/assertions';
import { fixture } from '../support/actors/fixtures';
import type { FamilyAlbumWorld } from '../support/world';

Given('{user} has started the bot', async function (this: FamilyAlbumWorld, user: Actor) {
  await this.perform(user, startsTheBot());
});

When('{user} starts the bot', async function (this: FamilyAlbumWorld, user: Actor) {
  await this.perform(user, startsTheBot());
});

When('{user} sends {string}', async function (this: FamilyAlbumWorld, user: Actor, text: string) {
  await this.perform(user, sends(text));
});

When('{user} sends the file {string}', async function (this: FamilyAlbumWorld, user: Actor, name: string) {
  await this.perform(user, sendsFile(fixture(name)));
});

Then('{user} receives a message containing {string}', async function (user: Actor, expected: string) {
  const texts = await user.asks(textsReceived());
  check(user, `${user.name} to receive a message containing ${JSON.stringify(expected)}.`,
    () => expect(texts).toEqual(expect.arrayContaining([expect.stringContaining(expected)])));
});

Then('{user} receives no message containing {string}', async function (user: Actor, unexpected: string) {
  const texts = await user.asks(textsReceived());
  check(user, `${user.name} to receive no message containing ${JSON.stringify(unexpected)}.`,
    () => expect(texts).not.toEqual(expect.arrayContaining([expect.stringContaining(unexpected)])));
});

Then('{user} receives {int} message(s)', async function (user: Actor, count: number) {
  const messages = await user.asks(messagesReceived());
  check(user, `${user.name} to receive ${count} message(s), not ${messages.length}.`, () => expect(messages).toHaveLength(count));
});

Then('{user} receives nothing', async function (user: Actor) {
  const messages = await user.asks(messagesReceived());
  const notices = await user.asks(noticesReceived());
  check(user, `${user.name} to receive nothing${notices.length ? ` (notices: ${notices.join(' | ')})` : ''}.`, () => {
    expect(messages).toHaveLength(0);
    expect(notices).toEqual([]);
  });
});

Then('{user}\'s last message from the bot says {string}', async function (user: Actor, expected: string) {
  const last = await user.asks(lastMessage());
  check(user, `${user.name}'s last message from the bot to say ${JSON.stringify(expected)}, but it says ${JSON.stringify(last?.message.message ?? '(no message)')}.`,
    () => expect(last?.message.message ?? '').toContain(expected));
});

Then('{user} is told {string}', async function (user: Actor, expected: string) {
  const texts = await user.asks(textsReceived());
  const notices = await user.asks(noticesReceived());
  check(user, `${user.name} to be told ${JSON.stringify(expected)}${notices.length ? ` (notices: ${notices.map((n) => JSON.stringify(n)).join(', ')})` : ''}.`,
    () => expect([...texts, ...notices]).toEqual(expect.arrayContaining([expect.stringContaining(expected)])));
});

Given('{user} has sent {string}', async function (this: FamilyAlbumWorld, user: Actor, text: string) {
  await this.perform(user, sends(text));
});

When('{user} sends a voice message', async function (this: FamilyAlbumWorld, user: Actor) {
  await this.perform(user, sendsVoiceMessage(fixture('voice.ogg')));
});

When('{user} sends a sticker', async function (this: FamilyAlbumWorld, user: Actor) {
  await this.perform(user, sendsSticker(fixture('sticker.webp')));
});
