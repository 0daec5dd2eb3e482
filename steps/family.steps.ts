/** Families: invitations, joining by forwarding a message, deciding requests, leaving, and facts about the album. */
import { Given, Then, When } from '@cucumber/cucumber';
import type { Actor } from '../support/actors/actor';
import { buttons, inviteLinkReceived, messagesReceived, textOf } from '../support/actors/questions';
import { forwardsMessageFrom, forwardsTheBotsLastMessage, forwardsTheirOwnMessage, hidesTheirNameInForwards, opensLink, presses, sends, writesTo } from '../support/actors/tasks';
import { expect } from 'expect';
import { check } from '../support/actors/assertions';
import { theirAlbum, theirFamily } from '../support/actors/record-questions';
import { texts } from '../src/bot/texts';
import { phrase } from '../support/vocabulary/phrase';
import type { FamilyAlbumWorld } from '../support/world';

async function inviteLinkOf(world: FamilyAlbumWorld, owner: Actor): Promise<string> {
  await world.perform(owner, sends('/invite'));
  const link = await owner.asks(inviteLinkReceived());
  check(owner, `${owner.name} to receive an invitation link.`, () => expect(link).toBeDefined());
  return link!;
}

async function joins(world: FamilyAlbumWorld, guest: Actor, owner: Actor): Promise<void> {
  const link = await inviteLinkOf(world, owner);
  await world.perform(guest, opensLink(link));
  await world.perform(owner, presses(texts.join.allowButton));
}

Given(phrase('{user} (has )invited/invites {user}', {
  means: 'The first sends /invite; the second opens the link they got.',
  examples: ['Alice invites Bob', 'Alice has invited Bob', 'user A invited user B'],
}), async function (this: FamilyAlbumWorld, owner: Actor, guest: Actor) {
  const link = await inviteLinkOf(this, owner);
  await this.perform(guest, opensLink(link));
});

When(phrase('{user} (has )opened/opens {user}\'s invitation link( again)', {
  means: 'The second person sends /invite; the first opens the fresh link.',
  examples: ['Bob opens Alice\'s invitation link', 'Bob has opened Alice\'s invitation link again'],
}), async function (this: FamilyAlbumWorld, guest: Actor, owner: Actor) {
  const link = await inviteLinkOf(this, owner);
  await this.perform(guest, opensLink(link));
});

When(phrase('{user} (has )opened/opens the invitation link {user} got earlier', {
  means: 'Opens the newest invitation link the other person already received.',
  examples: ['Bob opens the invitation link Alice got earlier'],
}), async function (this: FamilyAlbumWorld, guest: Actor, owner: Actor) {
  const link = await owner.asks(inviteLinkReceived());
  check(owner, `${owner.name} to have received an invitation link earlier.`, () => expect(link).toBeDefined());
  await this.perform(guest, opensLink(link!));
});

When(phrase('{user} (has )opened/opens an invitation link with the code {string}', {
  means: 'Opens t.me/<the bot>?start=<code>, e.g. a made-up "join_nonsense".',
  examples: ['Bob opens an invitation link with the code "join_nonsense"'],
}), async function (this: FamilyAlbumWorld, guest: Actor, code: string) {
  await this.perform(guest, opensLink(`https://t.me/${this.worker.backend.bot().username}?start=${code}`));
});

Given(phrase('invitation links expire as soon as they are made', {
  means: 'The bot restarts with invitation links that are born expired.',
  examples: ['invitation links expire as soon as they are made'],
}), async function (this: FamilyAlbumWorld) {
  // Born expired: a link made now already lies in the past.
  await this.restartBot({ inviteTtlMs: -60_000 });
});

When(phrase('{user} (has )forwarded/forwards a message from {user} to the bot', {
  means: 'The second writes to the first directly; the first forwards that message to the bot.',
  examples: ['Bob forwards a message from Alice to the bot', 'Bob forwarded a message from Alice to the bot', 'Carol has forwarded a message from Bob to the bot'],
}), async function (this: FamilyAlbumWorld, forwarder: Actor, author: Actor) {
  await this.perform(author, writesTo(forwarder, `Hi ${forwarder.name}, it's ${author.name}!`));
  await this.perform(forwarder, forwardsMessageFrom(author));
});

When(phrase('{user} (has )forwarded/forwards the bot\'s last message back to it', {
  means: 'Forwards to the bot a message the bot wrote.',
  examples: ['Alice forwards the bot\'s last message back to it'],
}), async function (this: FamilyAlbumWorld, user: Actor) {
  await this.perform(user, forwardsTheBotsLastMessage());
});

When(phrase('{user} (has )forwarded/forwards her/his/their own message back to the bot', {
  means: 'Forwards to the bot a message the person wrote.',
  examples: ['Alice forwards her own message back to the bot', 'Bob has forwarded his own message back to the bot'],
}), async function (this: FamilyAlbumWorld, user: Actor) {
  await this.perform(user, forwardsTheirOwnMessage());
});

Given(phrase('{user} (has )hidden/hid/hides her/his/their name in forwarded messages', {
  means: 'Telegram privacy: messages the person wrote show only their name when forwarded.',
  examples: ['Alice hides their name in forwarded messages', 'Alice has hidden her name in forwarded messages'],
}), async function (this: FamilyAlbumWorld, user: Actor) {
  await this.perform(user, hidesTheirNameInForwards());
});

Given(phrase('{user} (has )joined/joins {user}\'s family', {
  means: 'An invitation from the second, opened by the first, allowed by the second.',
  examples: ['Bob has joined Alice\'s family', 'user B joined user A\'s family', 'Carol joins Bob\'s family'],
}), async function (this: FamilyAlbumWorld, guest: Actor, owner: Actor) {
  await joins(this, guest, owner);
});

Given(phrase('{users} (have )joined/join {user}\'s family', {
  means: 'Each of them joins, in the order named: an invitation, opened, allowed.',
  examples: ['Bob and Carol have joined Alice\'s family', 'user B and user C joined user A\'s family'],
}), async function (this: FamilyAlbumWorld, guests: Actor[], owner: Actor) {
  for (const guest of guests) await joins(this, guest, owner);
});

When(phrase('{user} (has )allowed/allows the request', {
  means: 'The owner presses "Allow" under the newest request to join.',
  examples: ['Alice allows the request', 'Alice has allowed the request', 'A allowed the request'],
}), async function (this: FamilyAlbumWorld, owner: Actor) {
  await this.perform(owner, presses(texts.join.allowButton));
});

When(phrase('{user} (has )denied/denies the request', {
  means: 'The owner presses "Deny" under the newest request to join.',
  examples: ['Alice denies the request', 'Alice has denied the request'],
}), async function (this: FamilyAlbumWorld, owner: Actor) {
  await this.perform(owner, presses(texts.join.denyButton));
});

When(phrase('{user} (has )left/leaves the family', {
  means: 'Sends /leave.',
  examples: ['Bob leaves the family', 'Bob has left the family'],
}), async function (this: FamilyAlbumWorld, user: Actor) {
  await this.perform(user, sends('/leave'));
});

When(phrase('{user} (has )handed/hands the album over', {
  means: 'Sends /handover: the longest-standing member becomes the owner.',
  examples: ['Alice hands the album over', 'Alice has handed the album over'],
}), async function (this: FamilyAlbumWorld, user: Actor) {
  await this.perform(user, sends('/handover'));
});

When(phrase('{user} (has )asked/asks who is in the family', {
  means: 'Presses "👪 Family" on the keyboard.',
  examples: ['Carol asks who is in the family', 'Bob asked who is in the family'],
}), async function (this: FamilyAlbumWorld, user: Actor) {
  await this.perform(user, presses(texts.keyboard.family));
});

Then(phrase('{user} is/was asked whether {user} may join', {
  means: 'Exactly one request to join from that person arrived, with "Allow" and "Deny".',
  examples: ['Alice is asked whether Bob may join', 'A was asked whether B may join'],
}), async function (owner: Actor, requester: Actor) {
  const requests = (await owner.asks(messagesReceived())).filter((entry) => textOf(entry).startsWith(requester.name) && textOf(entry).includes('asks to join your family album'));
  check(owner, `${owner.name} to be asked whether ${requester.name} may join (once), not ${requests.length} times.`, () => expect(requests).toHaveLength(1));
  const { inline } = await owner.asks(buttons());
  check(owner, `${owner.name} to see the buttons "${texts.join.allowButton}" and "${texts.join.denyButton}"; shown: ${inline.join(', ') || 'none'}.`,
    () => expect(inline).toEqual(expect.arrayContaining([texts.join.allowButton, texts.join.denyButton])));
});

Then(phrase('{user} is/was not asked about anyone joining', {
  means: 'No request to join arrived.',
  examples: ['Alice is not asked about anyone joining', 'Carol was not asked about anyone joining'],
}), async function (owner: Actor) {
  const requests = (await owner.asks(messagesReceived())).filter((entry) => textOf(entry).includes('asks to join your family album'));
  check(owner, `${owner.name} not to be asked about anyone joining.`, () => expect(requests).toHaveLength(0));
});

Then(phrase('{user} and {user} are in the same family', {
  means: 'Both are in one family album (read from the bot\'s database).',
  examples: ['Alice and Bob are in the same family'],
}), async function (a: Actor, b: Actor) {
  const [familyA, familyB] = await Promise.all([a.asks(theirFamily()), b.asks(theirFamily())]);
  check(a, `${a.name} and ${b.name} to be in the same family, but ${a.name}'s family is ${names(familyA.members)} and ${b.name}'s is ${names(familyB.members)}.`,
    () => expect(familyA.albumId).toBe(familyB.albumId));
});

Then(phrase('{user} and {user} are not in the same family', {
  means: 'They are in different family albums (read from the bot\'s database).',
  examples: ['Alice and Bob are not in the same family'],
}), async function (a: Actor, b: Actor) {
  const [familyA, familyB] = await Promise.all([a.asks(theirFamily()), b.asks(theirFamily())]);
  check(a, `${a.name} and ${b.name} to be in different families, but both are in ${names(familyA.members)}.`,
    () => expect(familyA.albumId).not.toBe(familyB.albumId));
});

Then(phrase('the family album of {user} holds {count} photo(s)', {
  means: 'The album of that person\'s family holds that many photos (read from the bot\'s database).',
  examples: ['the family album of Alice holds 3 photos', 'the family album of Bob holds no photos', 'the family album of Carol holds 1 photo'],
}), async function (user: Actor, count: number) {
  await albumHolds(user, count);
});

Then(phrase('the (family )album holds {count} photo(s)', {
  means: 'The same, for the only family of the people in the scenario.',
  examples: ['the family album holds 3 photos', 'the album holds a photo'],
}), async function (this: FamilyAlbumWorld, count: number) {
  await albumHolds(await onlyFamilyIn(this), count);
});

Then(phrase('the family of {user} has {count} member(s)', {
  means: 'That person\'s family has that many members (read from the bot\'s database).',
  examples: ['the family of Alice has 2 members', 'the family of Bob has one member'],
}), async function (user: Actor, count: number) {
  await familyHas(user, count);
});

Then(phrase('the family has {count} member(s)', {
  means: 'The same, for the only family of the people in the scenario.',
  examples: ['the family has 3 members'],
}), async function (this: FamilyAlbumWorld, count: number) {
  await familyHas(await onlyFamilyIn(this), count);
});

Then(phrase('{user} owns the family album', {
  means: 'That person is the owner of their family album (read from the bot\'s database).',
  examples: ['Bob owns the family album'],
}), async function (user: Actor) {
  const family = await user.asks(theirFamily());
  check(user, `${user.name} to own the family album, but ${family.owner.firstName} does.`, () => expect(family.owner.id).toBe(user.userId));
});

async function albumHolds(user: Actor, count: number): Promise<void> {
  const stats = await user.asks(theirAlbum());
  check(user, `the family album of ${user.name} to hold ${count} photo(s), but it holds ${stats.photos}.`, () => expect(stats.photos).toBe(count));
}

async function familyHas(user: Actor, count: number): Promise<void> {
  const family = await user.asks(theirFamily());
  check(user, `the family of ${user.name} to have ${count} member(s), but it is ${names(family.members)}.`, () => expect(family.members).toHaveLength(count));
}

/**
 * "The family": the one family the people of this scenario are in. A member of it, to read it
 * through; when the people are in several families, the error names them and how to say whose.
 */
async function onlyFamilyIn(world: FamilyAlbumWorld): Promise<Actor> {
  const families = new Map<number, { members: string[]; someone: Actor }>();
  for (const actor of world.actors.values()) {
    const family = await actor.asks(theirFamily()).catch(() => undefined);
    if (!family) continue; // never wrote to the bot: in no family
    if (!families.has(family.albumId)) families.set(family.albumId, { members: family.members.map((m) => m.firstName), someone: actor });
  }
  const found = [...families.values()];
  if (found.length === 1) return found[0]!.someone;
  const who = found.map((family) => `${family.members[0]}'s (${family.members.join(', ')})`).join(' and ');
  throw new Error(
    found.length === 0
      ? 'Expected "the family" to be the one family of this scenario, but no one in it has used the bot yet.'
      : `Expected "the family" to be the one family of this scenario, but there are ${found.length}: ${who}. Say whose, e.g. "the family album of ${found[0]!.someone.name} holds 2 photos".`,
  );
}

function names(members: ReadonlyArray<{ firstName: string }>): string {
  return members.map((member) => member.firstName).join(', ');
}
