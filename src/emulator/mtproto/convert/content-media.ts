import { Api } from 'telegram';
import { BadRequestError } from '../../errors';
import { checkGeoPoint, createPoll, throwDice, type GeoPoint, type Media, type Poll, type TelegramState } from '../../state';
import { toLong } from './long';

/**
 * The media that are not files — location (live or not), venue, contact, dice, poll —
 * between the state and TL, both ways. Files (photos, documents) are `./media.ts`'s.
 */

type ContentMedia = Exclude<Media, { kind: 'photo' | 'document' }>;

/** How `viewerId` sees the media: a poll shows which options this viewer chose. */
export function contentToTl(media: ContentMedia, viewerId: number): Api.TypeMessageMedia {
  switch (media.kind) {
    case 'location':
      if (media.location.livePeriod) {
        return new Api.MessageMediaGeoLive({
          geo: geoPointToTl(media.location),
          period: media.location.livePeriod,
          heading: media.location.heading || undefined,
          proximityNotificationRadius: media.location.proximityAlertRadius || undefined,
        });
      }
      return new Api.MessageMediaGeo({ geo: geoPointToTl(media.location) });
    case 'venue':
      return new Api.MessageMediaVenue({
        geo: geoPointToTl(media.location),
        title: media.title,
        address: media.address,
        provider: media.provider,
        venueId: media.venueId,
        venueType: media.venueType,
      });
    case 'contact':
      return new Api.MessageMediaContact({
        phoneNumber: media.phoneNumber,
        firstName: media.firstName,
        lastName: media.lastName,
        vcard: media.vcard,
        userId: toLong(media.userId ?? 0),
      });
    case 'dice':
      return new Api.MessageMediaDice({ value: media.value, emoticon: media.emoji });
    case 'poll':
      return new Api.MessageMediaPoll({ poll: pollToTl(media.poll), results: pollResultsToTl(media.poll, viewerId) });
  }
}

function geoPointToTl(point: GeoPoint): Api.GeoPoint {
  return new Api.GeoPoint({ lat: point.latitude, long: point.longitude, accessHash: toLong(0), accuracyRadius: point.accuracy || undefined });
}

export function pollToTl(poll: Poll): Api.Poll {
  return new Api.Poll({
    id: toLong(poll.id),
    question: new Api.TextWithEntities({ text: poll.question, entities: [] }),
    answers: poll.options.map((option) => new Api.PollAnswer({ text: new Api.TextWithEntities({ text: option.text, entities: [] }), option: option.data })),
    closed: poll.closed || undefined,
    publicVoters: !poll.anonymous || undefined,
    multipleChoice: poll.multipleAnswers || undefined,
    quiz: poll.quiz || undefined,
    closePeriod: poll.openPeriod,
    closeDate: poll.closeDate,
  });
}

/** Results as `viewerId` sees them: counts for everyone, `chosen`/`correct` once this viewer voted (or the poll closed). */
export function pollResultsToTl(poll: Poll, viewerId: number): Api.PollResults {
  const mine = poll.votes.get(viewerId) ?? [];
  const revealed = mine.length > 0 || poll.closed;
  return new Api.PollResults({
    results: poll.options.map((option, index) => new Api.PollAnswerVoters({
      option: option.data,
      voters: option.voters,
      chosen: mine.includes(index) || undefined,
      correct: (poll.quiz && revealed && poll.correctOption === index) || undefined,
    })),
    totalVoters: poll.votes.size,
    solution: poll.quiz && revealed && poll.explanation ? poll.explanation : undefined,
    solutionEntities: poll.quiz && revealed && poll.explanation ? [] : undefined,
  });
}

/** A client's non-file `InputMedia` as state media, or undefined when it is not one of these kinds. */
export function contentFromTl(state: TelegramState, media: unknown): ContentMedia | undefined {
  if (media instanceof Api.InputMediaGeoPoint) return { kind: 'location', location: geoPointFromTl(media.geoPoint) };
  if (media instanceof Api.InputMediaGeoLive) {
    const location = geoPointFromTl(media.geoPoint);
    const period = media.period ?? 0;
    // Telegram's live period bounds (TDLib: 60 … 86400 s, or "until stopped").
    if (period !== 0 && period !== 0x7fffffff && (period < 60 || period > 86400)) throw new BadRequestError('PERIOD_INVALID', `a live location lasts 60 to 86400 seconds, not ${period}`);
    return { kind: 'location', location: { ...location, livePeriod: period || 86400, ...(media.heading ? { heading: media.heading } : {}), ...(media.proximityNotificationRadius ? { proximityAlertRadius: media.proximityNotificationRadius } : {}) } };
  }
  if (media instanceof Api.InputMediaVenue) {
    return {
      kind: 'venue',
      location: geoPointFromTl(media.geoPoint),
      title: media.title ?? '',
      address: media.address ?? '',
      provider: media.provider ?? '',
      venueId: media.venueId ?? '',
      venueType: media.venueType ?? '',
    };
  }
  if (media instanceof Api.InputMediaContact) {
    if (!media.phoneNumber) throw new BadRequestError('PHONE_NUMBER_INVALID', 'a contact needs a phone number');
    return state.contactCard({ phoneNumber: media.phoneNumber, firstName: media.firstName ?? '', lastName: media.lastName ?? '', vcard: media.vcard ?? '' });
  }
  if (media instanceof Api.InputMediaDice) return throwDice(media.emoticon ?? '');
  if (media instanceof Api.InputMediaPoll) return { kind: 'poll', poll: pollFromTl(media) };
  return undefined;
}

function geoPointFromTl(point: Api.TypeInputGeoPoint | undefined): GeoPoint {
  if (!(point instanceof Api.InputGeoPoint)) throw new BadRequestError('GEO_POINT_INVALID', 'an empty geo point is not a place');
  return checkGeoPoint({ latitude: point.lat, longitude: point.long, ...(point.accuracyRadius ? { accuracy: point.accuracyRadius } : {}) });
}

function pollFromTl(media: Api.InputMediaPoll): Poll {
  const poll = media.poll;
  const answers = poll.answers ?? [];
  const textOf = (text: Api.TypeTextWithEntities | string | undefined) => (typeof text === 'string' ? text : text?.text ?? '');
  const correct = (media.correctAnswers ?? []).map((data) => answers.findIndex((answer) => Buffer.from(answer.option).equals(Buffer.from(data))));
  if (poll.quiz && correct.length > 1) throw new BadRequestError('QUIZ_CORRECT_ANSWERS_TOO_MUCH', 'a quiz has one right answer');
  return createPoll({
    question: textOf(poll.question as Api.TypeTextWithEntities),
    options: answers.map((answer) => textOf(answer.text as Api.TypeTextWithEntities)),
    optionData: answers.map((answer) => Buffer.from(answer.option)),
    anonymous: !poll.publicVoters,
    quiz: poll.quiz ?? false,
    multipleAnswers: poll.multipleChoice ?? false,
    correctOption: poll.quiz ? correct[0] : undefined,
    explanation: media.solution || undefined,
    openPeriod: poll.closePeriod,
    closeDate: poll.closeDate,
    closed: poll.closed ?? false,
  });
}
