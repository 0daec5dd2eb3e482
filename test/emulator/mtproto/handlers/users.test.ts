import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Api } from 'telegram';
import { commandScopeKey, TelegramState } from '../../../../src/emulator/state';
import { FakeSession, long, rpcError } from './session';

async function signedIn() {
  const state = new TelegramState();
  const session = new FakeSession(state);
  const me = await session.signUp('9996621234', 'Alice', 'Smith');
  return { state, session, me };
}

describe('account, contacts and users handlers', () => {
  it('sets a username, which others then resolve; the same name again is USERNAME_NOT_MODIFIED', async () => {
    const { state, session } = await signedIn();
    const user = await session.invoke<Api.User>(new Api.account.UpdateUsername({ username: 'alice_smith' }));
    assert.equal(user.username, 'alice_smith');
    assert.equal(user.self, true);
    assert.equal(await rpcError(session.invoke(new Api.account.UpdateUsername({ username: 'alice_smith' }))), 'USERNAME_NOT_MODIFIED');

    const bob = new FakeSession(state);
    await bob.signUp('9996621235', 'Bob');
    const resolved = await bob.invoke<Api.contacts.ResolvedPeer>(new Api.contacts.ResolveUsername({ username: 'Alice_Smith' }));
    assert.ok(resolved.peer instanceof Api.PeerUser);
    const alice = resolved.users[0] as Api.User;
    assert.equal(alice.firstName, 'Alice');
    assert.equal(alice.self, false);
    assert.equal(alice.phone, undefined, "someone else's phone stays private");
  });

  it('applies Telegram username rules: invalid, occupied, not occupied', async () => {
    const { state, session } = await signedIn();
    state.createBot({ username: 'family_album_bot' });
    for (const bad of ['abc', '1alice', 'alice__smith', 'alice_', 'alice smith']) {
      assert.equal(await rpcError(session.invoke(new Api.account.UpdateUsername({ username: bad }))), 'USERNAME_INVALID', bad);
    }
    assert.equal(await rpcError(session.invoke(new Api.account.UpdateUsername({ username: 'Family_Album_Bot' }))), 'USERNAME_OCCUPIED');
    assert.equal(await rpcError(session.invoke(new Api.contacts.ResolveUsername({ username: 'nobody_here' }))), 'USERNAME_NOT_OCCUPIED');
    assert.equal(await rpcError(session.invoke(new Api.contacts.ResolveUsername({ username: 'x!' }))), 'USERNAME_INVALID');
    assert.equal(await session.invoke(new Api.account.CheckUsername({ username: 'family_album_bot' })), false);
    assert.equal(await session.invoke(new Api.account.CheckUsername({ username: 'free_name' })), true);
  });

  it('updates the profile name; an empty first name is FIRSTNAME_INVALID', async () => {
    const { session } = await signedIn();
    const user = await session.invoke<Api.User>(new Api.account.UpdateProfile({ firstName: 'Alicia' }));
    assert.equal(user.firstName, 'Alicia');
    assert.equal(user.lastName, 'Smith');
    assert.equal(await rpcError(session.invoke(new Api.account.UpdateProfile({ firstName: '' }))), 'FIRSTNAME_INVALID');
  });

  it('gets users by InputUserSelf and by id + access hash, leaving out unknown ones', async () => {
    const { state, session, me } = await signedIn();
    const bot = state.createBot({ username: 'family_album_bot' });
    const users = await session.invoke<Api.User[]>(new Api.users.GetUsers({
      id: [
        new Api.InputUserSelf(),
        new Api.InputUser({ userId: long(bot.id), accessHash: long(bot.accessHash) }),
        new Api.InputUser({ userId: long(bot.id), accessHash: long(1) }),
        new Api.InputUser({ userId: long(424242), accessHash: long(0) }),
      ],
    }));
    assert.equal(users.length, 2);
    assert.equal(users[0].id.toString(), me.id.toString());
    assert.equal(users[0].self, true);
    assert.equal(users[1].bot, true);
    assert.equal(users[1].username, 'family_album_bot');
  });

  it("gets a bot's full profile with the commands users see in private chats", async () => {
    const { state, session } = await signedIn();
    const bot = state.createBot({ username: 'family_album_bot' });
    bot.botCommands.set(commandScopeKey({ kind: 'default' }), [{ command: 'start', description: 'Start' }]);
    bot.botCommands.set(commandScopeKey({ kind: 'all_private_chats' }), [{ command: 'photo', description: 'A random photo' }]);
    const full = await session.invoke<Api.users.UserFull>(new Api.users.GetFullUser({ id: new Api.InputUser({ userId: long(bot.id), accessHash: long(bot.accessHash) }) }));
    assert.deepEqual(full.fullUser.botInfo?.commands?.map((c) => [c.command, c.description]), [['photo', 'A random photo']]);
    assert.equal((full.users[0] as Api.User).bot, true);

    const self = await session.invoke<Api.users.UserFull>(new Api.users.GetFullUser({ id: new Api.InputUserSelf() }));
    assert.equal(self.fullUser.botInfo, undefined);
    assert.equal(await rpcError(session.invoke(new Api.users.GetFullUser({ id: new Api.InputUser({ userId: long(bot.id), accessHash: long(7) }) }))), 'USER_ID_INVALID');
  });
});
