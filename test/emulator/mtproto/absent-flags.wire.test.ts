/**
 * Requests whose optional fields are absent, sent by a real client over the wire. In process,
 * an absent field is `undefined`; decoded from bytes it used to be `null`, and two handlers
 * tested `!== undefined`: editing one's own message answered MEDIA_INVALID, and a profile
 * update with only a last name answered 500 INTERNAL. Only a test through the wire sees that.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Api } from 'telegram';
import { startWire, type Person, type Wire } from '../wire';

let wire: Wire;
let alice: Person;
let bob: Person;
before(async () => {
  wire = await startWire();
  alice = await wire.person('Alice');
  bob = await wire.person('Bob');
  await bob.client.invoke(new Api.account.UpdateUsername({ username: 'bob_absent_flags' }));
});
after(() => wire.close());

test('editing one\'s own message over the wire changes its text (no media: no MEDIA_INVALID)', async () => {
  const peer = await alice.client.getInputEntity('@bob_absent_flags');
  const sent = await alice.client.sendMessage(peer, { message: 'first draft' });
  const edited = await alice.client.invoke(new Api.messages.EditMessage({ peer, id: sent.id, message: 'final words' }));
  assert.ok(edited instanceof Api.Updates);
  const [message] = await alice.client.getMessages(peer, { ids: [sent.id] });
  assert.equal(message?.message, 'final words');
});

test('account.updateProfile with only a last name keeps the first name (no 500)', async () => {
  const user = await alice.client.invoke(new Api.account.UpdateProfile({ lastName: 'Liddell' }));
  assert.ok(user instanceof Api.User);
  assert.equal(user.firstName, 'Alice');
  assert.equal(user.lastName, 'Liddell');
  const only = await alice.client.invoke(new Api.account.UpdateProfile({ firstName: 'Alicia' }));
  assert.equal((only as Api.User).lastName, 'Liddell', 'an absent last name stays as it was');
});
