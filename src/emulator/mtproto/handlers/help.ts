/**
 * help.*: what GramJS asks on connect. `help.getConfig` matters most: its dcOptions are where
 * GramJS's exported senders (uploads, downloads) connect, so every DC points at this server.
 */
import { Api } from 'telegram';
import type { HandlerRegistry, RequestContext } from '../handler';
import { LIMITS, unixNow } from '../../state';

/** Every DC id a client may ask for: the emulator is all of them. */
const DC_IDS = [1, 2, 3, 4, 5];

function getConfig(ctx: RequestContext): Api.Config {
  const now = unixNow();
  const { host, port, dcId } = ctx.server;
  // This DC first: GramJS takes the first option with a matching id.
  const ids = [dcId, ...DC_IDS.filter((id) => id !== dcId)];
  return new Api.Config({
    date: now,
    expires: now + 3600,
    testMode: true,
    thisDc: dcId,
    dcOptions: ids.map((id) => new Api.DcOption({ id, ipAddress: host, port })),
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
