/** Buttons: the reply keyboard under the message field and inline buttons under messages. */
import { Given, Then, When } from '@cucumber/cucumber';
import type { Actor } from '../support/actors/actor';
import { buttons, noticesReceived } from '../support/actors/questions';
import { presses } from '../support/actors/tasks';
import { expect } from 'expect';
import { check } from '../support/actors/assertions';
import type { FamilyAlbumWorld } from '../support/world';

When('{user} presses {string}', async function (this: FamilyAlbumWorld, user: Actor, label: string) {
  await this.perform(user, presses(label));
});

Given('{user} has pressed {string}', async function (this: FamilyAlbumWorld, user: Actor, label: string) {
  await this.perform(user, presses(label));
});

When('{user} presses {string} twice quickly', async function (this: FamilyAlbumWorld, user: Actor, label: string) {
  await this.perform(user, presses(label, 2));
});

Then('{user} sees the buttons {buttons}', async function (user: Actor, expected: string[]) {
  const { inline, keyboard } = await user.asks(buttons());
  const shown = [...inline, ...keyboard];
  check(user, `${user.name} to see the buttons ${expected.map((l) => `"${l}"`).join(', ')}; shown: ${shown.length ? shown.map((l) => `"${l}"`).join(', ') : 'none'}.`,
    () => expect(shown).toEqual(expect.arrayContaining(expected)));
});

Then('{user} sees no buttons under the message', async function (user: Actor) {
  const { inline } = await user.asks(buttons());
  check(user, `${user.name} to see no inline buttons; shown: ${inline.map((l) => `"${l}"`).join(', ')}.`, () => expect(inline).toEqual([]));
});

Then('{user} sees the notice {string}', async function (user: Actor, expected: string) {
  const notices = await user.asks(noticesReceived());
  check(user, `${user.name} to see the notice ${JSON.stringify(expected)}; notices shown: ${notices.length ? notices.map((n) => JSON.stringify(n)).join(', ') : 'none'}.`,
    () => expect(notices).toEqual(expect.arrayContaining([expect.stringContaining(expected)])));
});
