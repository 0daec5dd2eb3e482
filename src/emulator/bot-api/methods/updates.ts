import { unixNow } from '../../state';
import { badRequest, BotApiError } from '../errors';
import { parseAllowedUpdates } from '../updates';
import type { Method } from './context';

/** Receiving updates: long polling, and webhook bookkeeping (the emulator has no network to deliver to). */

const MAX_POLL_SECONDS = 50;

export const getUpdates: Method = (ctx) => {
  const limit = ctx.params.integer('limit') ?? 100;
  const timeout = ctx.params.integer('timeout') ?? 0;
  return ctx.updates.getUpdates({
    offset: ctx.params.integer('offset'),
    limit: Math.min(Math.max(limit, 1), 100),
    // Capped like Telegram's server does (and within what a Node timer can hold).
    timeoutSeconds: Math.min(Math.max(timeout, 0), MAX_POLL_SECONDS),
    allowedUpdates: allowedUpdatesOf(ctx),
  }, ctx.signal);
};

/**
 * Records the webhook as Telegram would, so getUpdates then refuses with 409 and
 * getWebhookInfo reports it. Nothing is ever POSTed to it: the embedded Telegram runs offline,
 * and getWebhookInfo says so in `last_error_message`.
 */
export const setWebhook: Method = (ctx) => {
  const url = ctx.params.string('url') ?? '';
  if (url === '') {
    ctx.updates.webhook = undefined;
    return true;
  }
  if (!/^https:\/\/[^\s/]+/i.test(url)) throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  const allowed = allowedUpdatesOf(ctx);
  if (ctx.params.boolean('drop_pending_updates')) ctx.updates.dropPending();
  ctx.updates.webhook = {
    url,
    hasCustomCertificate: ctx.params.has('certificate'),
    maxConnections: ctx.params.integer('max_connections') ?? 40,
    ipAddress: ctx.params.string('ip_address'),
    allowedUpdates: allowed ? [...allowed] : undefined,
  };
  // A webhook ends any long poll in progress.
  ctx.updates.endPoll(new BotApiError(409, 'Conflict: terminated by setWebhook request'));
  return true;
};

/** allowed_updates, or undefined to keep the current setting (unparsable JSON included, as on Telegram). */
function allowedUpdatesOf(ctx: Parameters<Method>[0]): ReadonlySet<string> | undefined {
  const raw = ctx.params.raw('allowed_updates');
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (typeof raw !== 'string') return parseAllowedUpdates(raw);
  try {
    return parseAllowedUpdates(JSON.parse(raw));
  } catch {
    return undefined;
  }
}

export const deleteWebhook: Method = (ctx) => {
  ctx.updates.webhook = undefined;
  if (ctx.params.boolean('drop_pending_updates')) ctx.updates.dropPending();
  return true;
};

export const getWebhookInfo: Method = (ctx) => {
  const webhook = ctx.updates.webhook;
  if (!webhook) return { url: '', has_custom_certificate: false, pending_update_count: ctx.updates.pendingCount };
  return {
    url: webhook.url,
    has_custom_certificate: webhook.hasCustomCertificate,
    pending_update_count: ctx.updates.pendingCount,
    max_connections: webhook.maxConnections,
    ...(webhook.ipAddress ? { ip_address: webhook.ipAddress } : {}),
    ...(webhook.allowedUpdates ? { allowed_updates: webhook.allowedUpdates } : {}),
    last_error_date: unixNow(),
    last_error_message: 'the embedded Telegram has no network: webhooks are recorded but never called; use getUpdates',
  };
};
