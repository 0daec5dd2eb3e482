import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Api } from 'telegram';
import { TelegramState } from '../../../../src/emulator/state';
import { FakeSession, rpcError } from './session';

const PHONE = '9996621234';

function sendCode(session: FakeSession, phoneNumber: string) {
  return session.invoke<Api.auth.SentCode>(new Api.auth.SendCode({ phoneNumber, apiId: 1, apiHash: 'x', settings: new Api.CodeSettings({}) }));
}

describe('auth handlers', () => {
  it('signs a new test number up: sendCode → signIn (sign-up required) → signUp binds the key', async () => {
    const session = new FakeSession(new TelegramState());
    const sent = await sendCode(session, PHONE);
    assert.ok(sent.type instanceof Api.auth.SentCodeTypeSms);
    assert.equal(typeof sent.phoneCodeHash, 'string');

    const first = await session.invoke(new Api.auth.SignIn({ phoneNumber: PHONE, phoneCodeHash: sent.phoneCodeHash, phoneCode: '22222' }));
    assert.ok(first instanceof Api.auth.AuthorizationSignUpRequired);
    assert.equal(session.accountId, undefined);

    const auth = await session.invoke<Api.auth.Authorization>(new Api.auth.SignUp({ phoneNumber: PHONE, phoneCodeHash: sent.phoneCodeHash, firstName: 'Alice', lastName: 'Smith' }));
    const user = auth.user as Api.User;
    assert.equal(user.self, true);
    assert.equal(user.firstName, 'Alice');
    assert.equal(user.lastName, 'Smith');
    assert.equal(user.phone, PHONE);
    assert.equal(session.accountId, Number(user.id.toString()));
  });

  it('signs an existing number in again (code sent "in the app"), with + and spaces tolerated', async () => {
    const state = new TelegramState();
    const alice = await new FakeSession(state).signUp(PHONE, 'Alice');
    const session = new FakeSession(state);
    const sent = await sendCode(session, '+999 66 2 1234');
    assert.ok(sent.type instanceof Api.auth.SentCodeTypeApp);
    const auth = await session.invoke<Api.auth.Authorization>(new Api.auth.SignIn({ phoneNumber: PHONE, phoneCodeHash: sent.phoneCodeHash, phoneCode: '22222' }));
    assert.equal(auth.user.id.toString(), alice.id.toString());
    assert.equal(session.accountId, Number(alice.id.toString()));
  });

  it('answers PHONE_CODE_INVALID to a wrong code and lets the right one in afterwards', async () => {
    const session = new FakeSession(new TelegramState());
    const sent = await sendCode(session, PHONE);
    assert.equal(await rpcError(session.invoke(new Api.auth.SignIn({ phoneNumber: PHONE, phoneCodeHash: sent.phoneCodeHash, phoneCode: '11111' }))), 'PHONE_CODE_INVALID');
    const retry = await session.invoke(new Api.auth.SignIn({ phoneNumber: PHONE, phoneCodeHash: sent.phoneCodeHash, phoneCode: '22222' }));
    assert.ok(retry instanceof Api.auth.AuthorizationSignUpRequired);
  });

  it('answers PHONE_NUMBER_INVALID to anything but a test number 99966XYYYY with X in 1–3', async () => {
    const session = new FakeSession(new TelegramState());
    for (const phone of ['12345', '9996641234', '99966212345', 'not a phone', '']) {
      assert.equal(await rpcError(sendCode(session, phone)), 'PHONE_NUMBER_INVALID', phone);
    }
  });

  it('rejects a phone_code_hash that was never issued for the number', async () => {
    const session = new FakeSession(new TelegramState());
    await sendCode(session, PHONE);
    assert.equal(await rpcError(session.invoke(new Api.auth.SignIn({ phoneNumber: PHONE, phoneCodeHash: 'made-up', phoneCode: '22222' }))), 'PHONE_CODE_EXPIRED');
  });

  it('answers 401 SESSION_PASSWORD_NEEDED for a number protected by a password', async () => {
    const state = new TelegramState();
    await new FakeSession(state).signUp(PHONE, 'Alice');
    state.faults.protectWithPassword(PHONE);
    const session = new FakeSession(state);
    const sent = await sendCode(session, PHONE);
    const error = await session.invoke(new Api.auth.SignIn({ phoneNumber: PHONE, phoneCodeHash: sent.phoneCodeHash, phoneCode: '22222' })).catch((e) => e);
    assert.equal(error.errorMessage, 'SESSION_PASSWORD_NEEDED');
    assert.equal(error.code, 401);
    assert.equal(session.accountId, undefined);
  });

  it('refuses an empty first name at sign-up with FIRSTNAME_INVALID', async () => {
    const session = new FakeSession(new TelegramState());
    const sent = await sendCode(session, PHONE);
    assert.equal(await rpcError(session.invoke(new Api.auth.SignUp({ phoneNumber: PHONE, phoneCodeHash: sent.phoneCodeHash, firstName: ' ', lastName: '' }))), 'FIRSTNAME_INVALID');
  });

  it('logs out: the key is unbound and updates.getState says not authorized', async () => {
    const session = new FakeSession(new TelegramState());
    await session.signUp(PHONE, 'Alice');
    await session.invoke(new Api.updates.GetState());
    assert.ok((await session.invoke(new Api.auth.LogOut())) instanceof Api.auth.LoggedOut);
    assert.equal(session.accountId, undefined);
    assert.equal(await rpcError(session.invoke(new Api.updates.GetState())), 'AUTH_KEY_UNREGISTERED');
  });

  it('exports an authorization that another key imports (GramJS does this before using another DC)', async () => {
    const state = new TelegramState();
    const session = new FakeSession(state);
    const alice = await session.signUp(PHONE, 'Alice');
    const exported = await session.invoke<Api.auth.ExportedAuthorization>(new Api.auth.ExportAuthorization({ dcId: 4 }));
    const other = new FakeSession(state);
    await other.invoke(new Api.auth.ImportAuthorization({ id: exported.id, bytes: exported.bytes }));
    assert.equal(other.accountId, Number(alice.id.toString()));
    assert.equal(await rpcError(new FakeSession(state).invoke(new Api.auth.ImportAuthorization({ id: exported.id, bytes: exported.bytes }))), 'AUTH_BYTES_INVALID');
  });
});

describe('help and updates handlers', () => {
  it('help.getConfig points every DC at this server, this DC first', async () => {
    const session = new FakeSession(new TelegramState());
    const config = await session.invoke<Api.Config>(new Api.help.GetConfig());
    assert.equal(config.thisDc, 2);
    assert.equal(config.dcOptions[0].id, 2);
    for (const option of config.dcOptions) {
      assert.equal(option.ipAddress, '127.0.0.1');
      assert.equal(option.port, 24567);
    }
    assert.deepEqual(config.dcOptions.map((o) => o.id).sort(), [1, 2, 3, 4, 5]);
  });

  it('updates.getState reports the account pts; getDifference from it is empty', async () => {
    const session = new FakeSession(new TelegramState());
    assert.equal(await rpcError(session.invoke(new Api.updates.GetState())), 'AUTH_KEY_UNREGISTERED');
    await session.signUp(PHONE, 'Alice');
    const state = await session.invoke<Api.updates.State>(new Api.updates.GetState());
    assert.equal(state.pts, 1);
    const difference = await session.invoke(new Api.updates.GetDifference({ pts: 1, date: 0, qts: 0 }));
    assert.ok(difference instanceof Api.updates.DifferenceEmpty);
  });
});
