/**
 * help.*: what GramJS asks on connect. `help.getConfig` matters most: its dcOptions are where
 * GramJS connects after a *_MIGRATE redirect and where its exported senders (downloads from
 * another DC) go. With several DCs each is listed at its own address, test flag set, as the
 * test DC lists its own; a lone server lists every DC id at its own address.
 */
import { Api } from 'telegram';
import type { HandlerRegistry, RequestContext } from '../handler';
import { LIMITS, unixNow } from '../../state';

/** Every DC id a lone server answers for. */
const LONE_SERVER_DC_IDS = [1, 2, 3, 4, 5];

/** The DC options of the config: every DC at its own address, this one first. */
function dcOptions(server: RequestContext['server']): Api.DcOption[] {
  const { host, port, dcId } = server;
  const dcs = server.dcs ?? LONE_SERVER_DC_IDS.map((id) => ({ id, host, port }));
  // This DC first: GramJS takes the first option with a matching id.
  const ordered = [...dcs.filter((dc) => dc.id === dcId), ...dcs.filter((dc) => dc.id !== dcId)];
  return ordered.map((dc) => new Api.DcOption({ id: dc.id, ipAddress: dc.host, port: dc.port }));
}

function getConfig(ctx: RequestContext): Api.Config {
  const now = unixNow();
  const { dcId } = ctx.server;
  return new Api.Config({
    date: now,
    expires: now + 3600,
    testMode: true,
    thisDc: dcId,
    dcOptions: dcOptions(ctx.server),
    dcTxtDomainName: 'localhost',
    chatSizeMax: 200,
    megagroupSizeMax: 200_000,
    forwardedCountMax: 100,
    onlineUpdatePeriodMs: 210_000,
    offlineBlurTimeoutMs: 5_000,
    offlineIdleTimeoutMs: 30_000,
    onlineCloudTimeoutMs: 300_000,
    notifyCloudDelayMs: 30_000,
    notifyDefaultDelayMs: 1_500,
    pushChatPeriodMs: 60_000,
    pushChatLimit: 2,
    editTimeLimit: 172_800,
    revokeTimeLimit: 2_147_483_647,
    revokePmTimeLimit: 2_147_483_647,
    ratingEDecay: 2_419_200,
    stickersRecentLimit: 200,
    channelsReadMediaPeriod: 604_800,
    callReceiveTimeoutMs: 20_000,
    callRingTimeoutMs: 90_000,
    callConnectTimeoutMs: 30_000,
    callPacketTimeoutMs: 10_000,
    meUrlPrefix: 'https://t.me/',
    captionLengthMax: LIMITS.captionLength,
    messageLengthMax: LIMITS.textLength,
    webfileDcId: dcId,
  });
}

/** Every client is on loopback, as near to one DC as to another: the nearest is the one asked. */
function getNearestDc(ctx: RequestContext): Api.NearestDc {
  return new Api.NearestDc({ country: 'NL', thisDc: ctx.server.dcId, nearestDc: ctx.server.dcId });
}

function getAppConfig(): Api.help.AppConfig {
  return new Api.help.AppConfig({ hash: 0, config: new Api.JsonObject({ value: [] }) });
}

export const helpHandlers: HandlerRegistry = {
  'help.GetConfig': getConfig,
  'help.GetNearestDc': getNearestDc,
  'help.GetAppConfig': getAppConfig,
};
