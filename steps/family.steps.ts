/** Families: invitations, joining by forwarding a message, deciding requests, and facts about the album. */
import { Given, Then, When } from '@cucumber/cucumber';
import type { Actor } from '../support/actors/actor';
import { buttons, inviteLinkReceived, messagesReceived, textOf } from '../support/actors/questions';
import { forwardsMessageFrom, forwardsTheBotsLastMessage, forwardsTheirOwnMessage, hidesTheirNameInForwards, opensLink, presses, sends, writesTo } from '../support/actors/tasks';
import { expect } from 'expect';
import { check } from '../support/actors/assertions';
import { theirAlbum, theirFamily } from '../support/actors/record-questions';
import { texts } from '../src/bot/texts';
import type { FamilyAlbumWorld } from '../support/world';

async function inviteLinkOf(world: FamilyAlbumWorld, owner: Actor): Promise<string> {
  await world.perform(owner, sends('/invite'));
  const link = await owner.asks(inviteLinkReceived());
  check(owner, `${owner.name} to receive an invitation link.`, () => expect(link).toBeDefined());
  return link!;
}

When('{user} invites {user}', async function (this: FamilyAlbumWorld, owner: Actor, guest: Actor) {
  const link = await inviteLinkOf(this, owner);
  await this.perform(guest, opensLink(link));
});

When('{user} opens {user}\'s invitation link', async function (this: FamilyAlbumWorld, guest: Actor, owner: Actor) {
  const link = await inviteLinkOf(this, owner);
  await this.perform(guest, opensLink(link));
});

When('{user} opens the invitation link {user} got earlier', async function (this: FamilyAlbumWorld, guest: Actor, owner: Actor) {
  const link = await owner.asks(inviteLinkReceived());
  check(owner, `${owner.name} to have received an invitation link earlier.`, () => expect(link).toBeDefined());
  await this.perform(guest, opensLink(link!));
});

When('{user} opens an invitation link with the code {string}', async function (this: FamilyAlbumWorld, guest: Actor, code: string) {
  await this.perform(guest, opensLink(`https://t.me/${this.worker.backend.bot().username}?start=${code}`));
});

When('{user} forwards a message from {user} to the bot', async function (this: FamilyAlbumWorld, forwarder: Actor, author: Actor) {
  await this.perform(author, writesTo(forwarder, `Hi ${forwarder.name}, it's ${author.name}!`));
  await this.perform(forwarder, forwardsMessageFrom(author));
});

Given('{user} hides their name in forwarded messages', async function (this: FamilyAlbumWorld, user: Actor) {
  await this.perform(user, hidesTheirNameInForwards());
});

Given('{user} has joined {user}\'s family', async function (this: FamilyAlbumWorld, guest: Actor, owner: Actor) {
  const link = await inviteLinkOf(this, owner);
  await this.perform(guest, opensLink(link));
  await this.perform(owner, presses(texts.join.allowButton));
});

Then('{user} and {user} are in the same family', async function (a: Actor, b: Actor) {
  const [familyA, familyB] = await Promise.all([a.asks(theirFamily()), b.asks(theirFamily())]);
  check(a, `${a.name} and ${b.name} to be in the same family, but ${a.name}'s family is ${names(familyA.members)} and ${b.name}'s is ${names(familyB.members)}.`,
    () => expect(familyA.albumId).toBe(familyB.albumId));
});

Then('{user} and {user} are not in the same family', async function (a: Actor, b: Actor) {
  const [familyA, familyB] = await Promise.all([a.asks(theirFamily()), b.asks(theirFamily())]);
  check(a, `${a.name} and ${b.name} to be in different families, but both are in ${names(familyA.members)}.`,
    () => expect(familyA.albumId).not.toBe(familyB.albumId));
});

Then('the family album of {user} holds {int} photo(s)', async function (user: Actor, count: number) {
  const stats = await user.asks(theirAlbum());
  check(user, `the family album of ${user.name} to hold ${count} photo(s), but it holds ${stats.photos}.`, () => expect(stats.photos).toBe(count));
});

Then('the family of {user} has {int} member(s)', async function (user: Actor, count: number) {
  const family = await user.asks(theirFamily());
  check(user, `the family of ${user.name} to have ${count} member(s), but it is ${names(family.members)}.`, () => expect(family.members).toHaveLength(count));
});

Then('{user} owns the family album', async function (user: Actor) {
  const family = await user.asks(theirFamily());
  check(user, `${user.name} to own the family album, but ${family.owner.firstName} does.`, () => expect(family.owner.id).toBe(user.userId));
});

function names(members: ReadonlyArray<{ firstName: string }>): string {
  return members.map((member) => member.firstName).join(', ');
}

Given('{user} has invited {user}', async function (this: FamilyAlbumWorld, owner: Actor, guest: Actor) {
  const link = await inviteLinkOf(this, owner);
  await this.perform(guest, opensLink(link));
});

Given('{user} forwarded a message from {user} to the bot', async function (this: FamilyAlbumWorld, forwarder: Actor, author: Actor) {
  await this.perform(author, writesTo(forwarder, `Hi ${forwarder.name}, it's ${author.name}!`));
  await this.perform(forwarder, forwardsMessageFrom(author));
});

When('{user} forwards the bot\'s last message back to it', async function (this: FamilyAlbumWorld, user: Actor) {
  await this.perform(user, forwardsTheBotsLastMessage());
});

When('{user} forwards her/his/their own message back to the bot', async function (this: FamilyAlbumWorld, user: Actor) {
  await this.perform(user, forwardsTheirOwnMessage());
});

Given('invitation links expire as soon as they are made', async function (this: FamilyAlbumWorld) {
  // Born expired: a link made now already lies in the past.
  await this.restartBot({ inviteTtlMs: -60_000 });
});

Then('{user} is asked whether {user} may join', async function (owner: Actor, requester: Actor) {
  const requests = (await owner.asks(messagesReceived())).filter((entry) => textOf(entry).startsWith(requester.name) && textOf(entry).includes('asks to join your family album'));
  check(owner, `${owner.name} to be asked whether ${requester.name} may join (once), not ${requests.length} times.`, () => expect(requests).toHaveLength(1));
  const { inline } = await owner.asks(buttons());
  check(owner, `${owner.name} to see the buttons "${texts.join.allowButton}" and "${texts.join.denyButton}"; shown: ${inline.join(', ') || 'none'}.`,
    () => expect(inline).toEqual(expect.arrayContaining([texts.join.allowButton, texts.join.denyButton])));
});

Then('{user} is not asked about anyone joining', async function (owner: Actor) {
  const requests = (await owner.asks(messagesReceived())).filter((entry) => textOf(entry).includes('asks to join your family album'));
  check(owner, `${owner.name} not to be asked about anyone joining.`, () => expect(requests).toHaveLength(0));
});
