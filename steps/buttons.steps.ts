/** Buttons: the reply keyboard under the message field and inline buttons under messages. */
import { Given, Then, When } from '@cucumber/cucumber';
import type { Actor } from '../support/actors/actor';
import { buttons, noticesReceived } from '../support/actors/questions';
import { presses } from '../support/actors/tasks';
import { check } from '../support/assertions';
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
  check(expected.every((label) => shown.includes(label)), user,
    `${user.name} to see the buttons ${expected.map((l) => `"${l}"`).join(', ')}; shown: ${shown.length ? shown.map((l) => `"${l}"`).join(', ') : 'none'}.`);
});

Then('{user} sees no buttons under the message', async function (user: Actor) {
  const { inline } = await user.asks(buttons());
  check(inline.length === 0, user, `${user.name} to see no inline buttons; shown: ${inline.map((l) => `"${l}"`).join(', ')}.`);
});

Then('{user} sees the notice {string}', async function (user: Actor, expected: string) {
  const notices = await user.asks(noticesReceived());
  check(notices.some((notice) => notice.includes(expected)), user, `${user.name} to see the notice ${JSON.stringify(expected)}; notices shown: ${notices.length ? notices.map((n) => JSON.stringify(n)).join(', ') : 'none'}.`);
});
