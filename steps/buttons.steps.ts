/** Buttons: the reply keyboard under the message field and inline buttons under messages. */
import { Then, When } from '@cucumber/cucumber';
import type { Actor } from '../support/actors/actor';
import { buttons, noticesReceived } from '../support/actors/questions';
import { presses } from '../support/actors/tasks';
import { expect } from 'expect';
import { check } from '../support/actors/assertions';
import { phrase } from '../support/vocabulary/phrase';
import type { FamilyAlbumWorld } from '../support/world';

When(phrase('{user} (has )pressed/presses {string}( again)', {
  means: 'Presses an inline button under the newest message showing it, else a button of the keyboard.',
  examples: ['Alice presses "Allow"', 'Alice has pressed "Deny"', 'Alice pressed "👪 Family"', 'Alice presses "Allow" again'],
}), async function (this: FamilyAlbumWorld, user: Actor, label: string) {
  await this.perform(user, presses(label));
});

When(phrase('{user} (has )pressed/presses {string} twice quickly', {
  means: 'Two presses before the bot answers the first (a double tap).',
  examples: ['Alice presses "Allow" twice quickly'],
}), async function (this: FamilyAlbumWorld, user: Actor, label: string) {
  await this.perform(user, presses(label, 2));
});

Then(phrase('{user} sees the buttons {buttons}', {
  means: 'These buttons are shown (inline or on the keyboard).',
  examples: ['Alice sees the buttons "📷 Photo" and "👪 Family"', 'Alice sees the buttons "Allow", "Deny"'],
}), async function (user: Actor, expected: string[]) {
  const { inline, keyboard } = await user.asks(buttons());
  const shown = [...inline, ...keyboard];
  check(user, `${user.name} to see the buttons ${expected.map((l) => `"${l}"`).join(', ')}; shown: ${shown.length ? shown.map((l) => `"${l}"`).join(', ') : 'none'}.`,
    () => expect(shown).toEqual(expect.arrayContaining(expected)));
});

Then(phrase('{user} sees no buttons under the message', {
  means: 'No message in the chat shows inline buttons any more.',
  examples: ['Alice sees no buttons under the message'],
}), async function (user: Actor) {
  const { inline } = await user.asks(buttons());
  check(user, `${user.name} to see no inline buttons; shown: ${inline.map((l) => `"${l}"`).join(', ')}.`, () => expect(inline).toEqual([]));
});

Then(phrase('{user} sees/saw the notice {string}', {
  means: 'The bot answered a button press with this short notice (a toast).',
  examples: ['Alice sees the notice "Allowed."', 'Alice saw the notice "You already allowed this request."'],
}), async function (user: Actor, expected: string) {
  const notices = await user.asks(noticesReceived());
  check(user, `${user.name} to see the notice ${JSON.stringify(expected)}; notices shown: ${notices.length ? notices.map((n) => JSON.stringify(n)).join(', ') : 'none'}.`,
    () => expect(notices).toEqual(expect.arrayContaining([expect.stringContaining(expected)])), { kind: 'text', text: expected });
});
