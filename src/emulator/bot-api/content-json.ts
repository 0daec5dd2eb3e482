import type { GeoPoint, Media, Poll } from '../state';
import { isFileMedia, totalVoters } from '../state';

/**
 * The media that are not files, as the Bot API shows them on a Message: location, venue
 * (with its location beside it, for older clients), contact, dice and poll — the fields of
 * tdlib/telegram-bot-api Client.cpp's JsonLocation, JsonVenue, JsonContact, JsonDice, JsonPoll.
 */

type Json = Record<string, unknown>;
type ContentMedia = Exclude<Media, { kind: 'photo' | 'document' }>;

export function isContentMedia(media: Media): media is ContentMedia {
  return !isFileMedia(media);
}

export function contentJson(media: ContentMedia): Json {
  switch (media.kind) {
    case 'location':
      return { location: locationJson(media.location) };
    case 'venue':
      return {
        venue: {
          location: locationJson(media.location),
          title: media.title,
          address: media.address,
          ...(media.provider === 'foursquare' ? { foursquare_id: media.venueId, ...(media.venueType ? { foursquare_type: media.venueType } : {}) } : {}),
          ...(media.provider === 'gplaces' ? { google_place_id: media.venueId, ...(media.venueType ? { google_place_type: media.venueType } : {}) } : {}),
        },
        location: locationJson(media.location),
      };
    case 'contact':
      return {
        contact: {
          phone_number: media.phoneNumber,
          first_name: media.firstName,
          ...(media.lastName ? { last_name: media.lastName } : {}),
          ...(media.userId !== undefined ? { user_id: media.userId } : {}),
          ...(media.vcard ? { vcard: media.vcard } : {}),
        },
      };
    case 'dice':
      return { dice: { emoji: media.emoji, value: media.value } };
    case 'poll':
      return { poll: pollJson(media.poll) };
  }
}

function locationJson(point: GeoPoint): Json {
  return {
    latitude: point.latitude,
    longitude: point.longitude,
    ...(point.accuracy ? { horizontal_accuracy: point.accuracy } : {}),
    ...(point.livePeriod ? { live_period: point.livePeriod } : {}),
    ...(point.livePeriod && point.heading ? { heading: point.heading } : {}),
    ...(point.livePeriod && point.proximityAlertRadius ? { proximity_alert_radius: point.proximityAlertRadius } : {}),
  };
}

/** A poll as the Bot API shows it (JsonPoll, Bot API 10.0 fields included). */
export function pollJson(poll: Poll): Json {
  return {
    id: poll.id.toString(),
    question: poll.question,
    options: poll.options.map((option) => ({ persistent_id: option.data.toString(), text: option.text, voter_count: option.voters })),
    total_voter_count: totalVoters(poll),
    ...(poll.openPeriod && poll.closeDate ? { open_period: poll.openPeriod, close_date: poll.closeDate } : {}),
    is_closed: poll.closed,
    is_anonymous: poll.anonymous,
    allows_multiple_answers: poll.multipleAnswers,
    allows_revoting: !poll.quiz,
    members_only: false,
    type: poll.quiz ? 'quiz' : 'regular',
    ...(poll.quiz && poll.correctOption !== undefined ? { correct_option_id: poll.correctOption, correct_option_ids: [poll.correctOption] } : {}),
    ...(poll.quiz && poll.explanation ? { explanation: poll.explanation, explanation_entities: [] } : {}),
  };
}
