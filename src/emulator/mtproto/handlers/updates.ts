/**
 * updates.*: GramJS keeps no pts and never asks for a difference, but it calls
 * updates.getState to learn whether it is logged in (an error means "not logged in") and
 * every 30 minutes to keep updates flowing. Pushed updates carry everything, so a
 * difference is always empty.
 */
import { Api } from 'telegram';
import { unixNow } from '../../state';
import { signedInAccount, type HandlerRegistry, type RequestContext } from '../handler';

function getState(ctx: RequestContext): Api.updates.State {
  const account = signedInAccount(ctx);
  return new Api.updates.State({ pts: account.pts, qts: 0, date: unixNow(), seq: 0, unreadCount: 0 });
}

function getDifference(ctx: RequestContext): Api.updates.DifferenceEmpty {
  signedInAccount(ctx);
  return new Api.updates.DifferenceEmpty({ date: unixNow(), seq: 0 });
}

export const updatesHandlers: HandlerRegistry = {
  'updates.GetState': getState,
  'updates.GetDifference': getDifference,
};
