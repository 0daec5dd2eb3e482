import { TelegramError } from '../../errors';
import { type GeoPoint, isValidGeoPoint, type Media, throwDice } from '../../state';
import { badRequest, fromTelegramError } from '../errors';
import { type Method, type MethodContext, requireChat } from './context';
import { replyMarkup, replyTarget } from './content';
import { checkCanWrite } from './media';
import { send } from './messages';

/**
 * Messages that carry no file: a location (live or not), a venue, a contact card, a dice.
 * Parameters are read as tdlib/telegram-bot-api Client.cpp reads them (process_send_location_query,
 * …_venue_…, …_contact_…, …_dice_…), and checked as TDLib checks them (td/telegram/Location.cpp:
 * "Wrong location specified", "Wrong venue location specified", "Wrong live location period
 * specified") before anything is sent.
 */

export const sendLocation: Method = (ctx) => {
  const point = locationOf(ctx, 'wrong location specified');
  const livePeriod = ctx.params.clampedInteger('live_period', -(2 ** 31), 2 ** 31 - 1);
  // 0 is a static location; 0x7FFFFFFF "until stopped"; else 60 s … 24 h (TDLib's live location bounds).
  if (livePeriod !== 0 && livePeriod !== 0x7fffffff && (livePeriod < 60 || livePeriod > 86400)) throw badRequest('wrong live location period specified');
  const heading = ctx.params.clampedInteger('heading', 0, 360);
  const radius = ctx.params.clampedInteger('proximity_alert_radius', 0, 100000);
  return sendContent(ctx, {
    kind: 'location',
    location: { ...point, ...(livePeriod ? { livePeriod, ...(heading ? { heading } : {}), ...(radius ? { proximityAlertRadius: radius } : {}) } : {}) },
  });
};

export const sendVenue: Method = (ctx) => {
  const location = locationOf(ctx, 'wrong venue location specified');
  const google = [ctx.params.string('google_place_id') ?? '', ctx.params.string('google_place_type') ?? ''];
  const foursquare = [ctx.params.string('foursquare_id') ?? '', ctx.params.string('foursquare_type') ?? ''];
  // Foursquare wins when both are given, as the server assigns it last.
  const [provider, venueId, venueType] = foursquare.some(Boolean) ? ['foursquare', ...foursquare] : google.some(Boolean) ? ['gplaces', ...google] : ['', '', ''];
  return sendContent(ctx, {
    kind: 'venue',
    location,
    title: ctx.params.string('title') ?? '',
    address: ctx.params.string('address') ?? '',
    provider,
    venueId,
    venueType,
  });
};

export const sendContact: Method = (ctx) => {
  const phoneNumber = ctx.params.requireString('phone_number');
  const firstName = ctx.params.requireString('first_name');
  return sendContent(ctx, ctx.state.contactCard({
    phoneNumber,
    firstName,
    lastName: ctx.params.string('last_name') ?? '',
    vcard: ctx.params.string('vcard') ?? '',
  }));
};

/** The dice is thrown by the server: its value is in the answer, and the user sees the same. */
export const sendDice: Method = (ctx) => {
  const emoji = ctx.params.string('emoji') || '🎲';
  return sendContent(ctx, () => throwDice(emoji));
};

/** latitude and longitude (trimmed, read as numbers: garbage is 0), horizontal_accuracy 0–1500 m. */
function locationOf(ctx: MethodContext, invalid: string): GeoPoint {
  const latitude = (ctx.params.string('latitude') ?? '').trim();
  if (latitude === '') throw badRequest('latitude is empty');
  const longitude = (ctx.params.string('longitude') ?? '').trim();
  if (longitude === '') throw badRequest('longitude is empty');
  const point = { latitude: toDouble(latitude), longitude: toDouble(longitude) };
  if (!isValidGeoPoint(point)) throw badRequest(invalid);
  const accuracy = Math.min(Math.max(toDouble((ctx.params.string('horizontal_accuracy') ?? '').trim()), 0), 1500);
  return { ...point, ...(accuracy ? { accuracy } : {}) };
}

/** td::to_double: the longest numeric prefix, 0 when there is none. */
function toDouble(text: string): number {
  const value = Number.parseFloat(text);
  return Number.isNaN(value) ? 0 : value;
}

/** Checks everything, then sends; `media` may be a function so a dice is thrown only once the send is sure to happen. */
function sendContent(ctx: MethodContext, media: Media | (() => Media)): unknown {
  const chat = requireChat(ctx);
  const replyToBoxId = replyTarget(ctx, chat);
  const markup = replyMarkup(ctx);
  checkCanWrite(ctx, chat);
  let content: Media;
  try {
    content = typeof media === 'function' ? media() : media;
  } catch (error) {
    if (error instanceof TelegramError) throw fromTelegramError(error);
    throw error;
  }
  return send(ctx, chat, { media: content, replyMarkup: markup, replyToBoxId });
}

