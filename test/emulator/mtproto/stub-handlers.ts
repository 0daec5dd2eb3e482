/**
 * A tiny handler registry for protocol tests: enough for GramJS to connect (help.getConfig),
 * sign in (a fake auth.signIn that binds the key to account 1 of a real state), and ask for
 * updates.getState. The real handlers live in src/emulator/mtproto/handlers/.
 */
import { Api } from 'telegram';
import bigInt from 'big-integer';
import { BadRequestError } from '../../../src/emulator/errors';
import { LIMITS, unixNow } from '../../../src/emulator/state';
import type { HandlerRegistry, RequestContext } from '../../../src/emulator/mtproto/handler';

export function stubConfig(ctx: RequestContext): Api.Config {
  const now = unixNow();
  return new Api.Config({
    date: now,
    expires: now + 3600,
    testMode: true,
    thisDc: ctx.server.dcId,
    dcOptions: [new Api.DcOption({ id: ctx.server.dcId, ipAddress: ctx.server.host, port: ctx.server.port })],
    dcTxtDomainName: 'localhost',
    chatSizeMax: 200,
    megagroupSizeMax: 200000,
    forwardedCountMax: 100,
    onlineUpdatePeriodMs: 120000,
    offlineBlurTimeoutMs: 5000,
    offlineIdleTimeoutMs: 30000,
    onlineCloudTimeoutMs: 300000,
    notifyCloudDelayMs: 30000,
    notifyDefaultDelayMs: 1500,
    pushChatPeriodMs: 60000,
    pushChatLimit: 2,
    editTimeLimit: 172800,
    revokeTimeLimit: 172800,
    revokePmTimeLimit: 172800,
    ratingEDecay: 2419200,
    stickersRecentLimit: 200,
    channelsReadMediaPeriod: 604800,
    callReceiveTimeoutMs: 20000,
    callRingTimeoutMs: 90000,
    callConnectTimeoutMs: 30000,
    callPacketTimeoutMs: 10000,
    meUrlPrefix: 'https://t.me/',
    captionLengthMax: LIMITS.captionLength,
    messageLengthMax: LIMITS.textLength,
    webfileDcId: ctx.server.dcId,
  });
}

/** Counts calls per method so tests can assert what reached the handlers. */
export function stubHandlers(calls: string[] = []): HandlerRegistry {
  return {
    'help.GetConfig': (ctx) => {
      calls.push(ctx.method);
      return stubConfig(ctx);
    },
    'updates.GetState': (ctx) => {
      calls.push(ctx.method);
      return new Api.updates.State({ pts: 1, qts: 0, date: unixNow(), seq: 0, unreadCount: 0 });
    },
    'auth.SignIn': (ctx, request: Api.auth.SignIn) => {
      calls.push(ctx.method);
      const account = ctx.state.createUser({ phone: request.phoneNumber, firstName: 'Stub' });
      ctx.signIn(account.id);
      return new Api.auth.Authorization({
        user: new Api.User({ id: bigInt(account.id), self: true, firstName: 'Stub', accessHash: bigInt(String(account.accessHash)) }),
      });
    },
    'auth.LogOut': (ctx) => {
      calls.push(ctx.method);
      ctx.signOut();
      return new Api.auth.LoggedOut({});
    },
    'contacts.GetContactIDs': () => [1, 2, 3],
    'messages.ReceivedQueue': () => [bigInt(5), 6n],
    'account.UpdateStatus': () => true,
    'help.GetNearestDc': () => {
      throw new BadRequestError('STUB_REFUSED', 'a test asked for an error');
    },
    'help.GetAppConfig': () => {
      throw new Error('a handler bug');
    },
  };
}
