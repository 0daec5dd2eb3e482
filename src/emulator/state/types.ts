/**
 * The data model of the embedded Telegram, shared by the MTProto side and the Bot API side.
 *
 * It is deliberately protocol-neutral: no TL classes, no Bot API JSON. Entities and reply
 * markup use the Bot API's vocabulary because it is the plainest; each protocol layer
 * converts to its own wire shapes. Only private chats exist (a user with a user or a bot),
 * which is all the Family Album bot needs.
 */
import type { PrivacyKey, PrivacyRule } from './privacy';

/** A user or bot account. Ids are positive integers, unique across users and bots. */
export interface Account {
  readonly id: number;
  /** Clients must present this with the id (MTProto `InputUser`); random per account. */
  readonly accessHash: bigint;
  readonly isBot: boolean;
  firstName: string;
  lastName: string;
  username?: string;
  /** Digits only, no "+". Users only. */
  readonly phone?: string;
  /** `<id>:<secret>`. Bots only; @BotFather's /revoke replaces it. A built-in bot (@BotFather) has none. */
  botToken?: string;
  /** The user who made this bot through @BotFather (and may manage it there). Bots only. */
  readonly botOwnerId?: number;
  /** The DC the account lives on (see `dcs.ts`): 99966XYYYY on DC X, everything else on DC 2. */
  readonly homeDc: number;
  /** Bot commands by scope key (see `commandScopeKey`). Bots only. */
  readonly botCommands: Map<string, BotCommand[]>;
  /** The last message id in this account's box: ids are per account, as on Telegram. */
  lastMessageId: number;
  /** Increases with every change to this account's box (MTProto's pts). */
  pts: number;
  /**
   * Privacy settings this person changed (the rest have Telegram's defaults): e.g. forwards
   * of their messages carry only their name when "forwards" disallows the forwarder (Bot API
   * `forward_origin: hidden_user`). Set with `TelegramState.setPrivacy`.
   */
  readonly privacy: Map<PrivacyKey, readonly PrivacyRule[]>;
  /**
   * The website a bot may log users in to with login_url buttons (@BotFather's /setdomain).
   * Bots only; without it Telegram refuses login buttons with BOT_DOMAIN_INVALID.
   */
  loginDomain?: string;
  /**
   * A bot's name (beyond the default, which is `firstName`), description ("What can this bot
   * do?") and short description (its profile's about text), by language code ('' = default).
   */
  botTexts?: Map<string, BotTexts>;
  /** A bot's menu button: for one user (by id), or for everyone (key 0). Absent: Telegram's default. */
  menuButtons?: Map<number, MenuButton>;
}

export interface BotTexts {
  name?: string;
  description?: string;
  shortDescription?: string;
}

/** The button beside a bot chat's input field: the command list, or a Mini App. */
export type MenuButton = { kind: 'commands' } | { kind: 'default' } | { kind: 'web_app'; text: string; url: string };

export interface BotCommand {
  command: string;
  description: string;
}

/** Bot API entity type names; offsets and lengths in UTF-16 code units, as JS strings are. */
export type EntityType =
  | 'mention' | 'hashtag' | 'cashtag' | 'bot_command' | 'url' | 'email' | 'phone_number'
  | 'bold' | 'italic' | 'underline' | 'strikethrough' | 'spoiler' | 'blockquote'
  | 'expandable_blockquote' | 'code' | 'pre' | 'text_link' | 'text_mention' | 'custom_emoji';

export interface MessageEntity {
  type: EntityType;
  offset: number;
  length: number;
  url?: string;
  userId?: number;
  language?: string;
  customEmojiId?: string;
}

/**
 * One button of an inline keyboard. Exactly one of the kinds below is set (the text-only
 * button does not exist in inline keyboards); each keeps the payload the user's client gets.
 */
export interface InlineButton {
  text: string;
  /** Callback data, at most 64 bytes: pressing sends a callback query to the bot. */
  callbackData?: Buffer;
  /** An http(s) or tg:// link the client opens. */
  url?: string;
  /** A Mini App (Web App) the client opens at this URL. */
  webAppUrl?: string;
  /** Puts "@bot <query>" in an input field: of this chat, or of a chat the user picks. */
  switchInline?: SwitchInlineTarget;
  /** Telegram Login: the client opens `url` with the user's authorization data. */
  loginUrl?: LoginUrl;
  /** The client copies this text to the clipboard. */
  copyText?: string;
  /** The Pay button of an invoice. */
  pay?: true;
  /** Launches the bot's game. */
  callbackGame?: true;
}

export interface SwitchInlineTarget {
  query: string;
  /** True: this chat (switch_inline_query_current_chat); false: a chat the user chooses. */
  currentChat: boolean;
  /** Which chats the user may choose from (all, unless switch_inline_query_chosen_chat narrows it). */
  chatTypes?: { users: boolean; bots: boolean; groups: boolean; channels: boolean };
}

export interface LoginUrl {
  url: string;
  forwardText?: string;
  /** The bot that logs the user in (the sending bot unless `bot_username` names another). */
  botId: number;
  requestWriteAccess: boolean;
}

export interface KeyboardButton {
  text: string;
}

export type ReplyMarkup =
  | { kind: 'inline'; rows: InlineButton[][] }
  | {
      kind: 'keyboard';
      rows: KeyboardButton[][];
      resize?: boolean;
      oneTime?: boolean;
      persistent?: boolean;
      selective?: boolean;
      placeholder?: string;
    }
  | { kind: 'remove'; selective?: boolean }
  | { kind: 'force_reply'; selective?: boolean; placeholder?: string };

/**
 * The sizes Telegram keeps of a photo, by type: boxes of 100, 320, 800, 1280 and 2560 px
 * (https://core.telegram.org/api/files#image-thumbnail-types).
 */
export type PhotoSizeType = 's' | 'm' | 'x' | 'y' | 'w';

/** One stored size of a photo: a JPEG the emulator encoded. */
export interface PhotoSize {
  readonly type: PhotoSizeType;
  readonly width: number;
  readonly height: number;
  readonly bytes: Buffer;
  /**
   * Set on the largest size, which is a progressive JPEG: the byte lengths at which each scan
   * has arrived (MTProto `photoSizeProgressive.sizes`; the last is the whole file).
   */
  readonly progressiveSizes?: readonly number[];
}

/** What processing an image as a photo yields (see photo-processing.ts), before it is stored. */
export interface ProcessedPhoto {
  /** Smallest first; at least one. */
  readonly sizes: readonly PhotoSize[];
  /** The stripped thumbnail (type "i"), in Telegram's stripped form. */
  readonly stripped: Buffer;
}

/**
 * A stored photo. As on Telegram, the uploaded bytes are not kept: only JPEG sizes made from
 * them, so a download is a recompressed picture, never the original file.
 */
export interface Photo extends ProcessedPhoto {
  readonly id: bigint;
  readonly accessHash: bigint;
  readonly fileReference: Buffer;
  readonly date: number;
  /** The DC the photo is stored on (its uploader's); other DCs answer FILE_MIGRATE_X for it. */
  readonly dcId: number;
}

export type DocumentKind = 'file' | 'sticker' | 'voice' | 'audio' | 'video' | 'animation' | 'video_note';

export interface Document {
  readonly id: bigint;
  readonly accessHash: bigint;
  readonly fileReference: Buffer;
  readonly date: number;
  readonly bytes: Buffer;
  readonly mimeType: string;
  readonly kind: DocumentKind;
  readonly fileName?: string;
  readonly duration?: number;
  readonly width?: number;
  readonly height?: number;
  /** Stickers only. */
  readonly emoji?: string;
  /** The DC the document is stored on (its uploader's); other DCs answer FILE_MIGRATE_X for it. */
  readonly dcId: number;
  /** Audio only: the track's title and performer. */
  readonly title?: string;
  readonly performer?: string;
}

/** Media kept as a file: it has bytes, file ids, and may carry a caption. */
export type FileMedia = { kind: 'photo'; photo: Photo } | { kind: 'document'; document: Document };

/**
 * What a message may carry besides text: a file, or content without one — a point on the map,
 * a place, a contact card, a thrown dice, a poll. The latter carry no caption.
 */
export type Media = FileMedia | LocationMedia | VenueMedia | ContactMedia | DiceMedia | PollMedia;

/** A point on the map; a live location also has a period (seconds) and may have a heading. */
export interface GeoPoint {
  readonly latitude: number;
  readonly longitude: number;
  /** Radius of uncertainty, metres (0–1500). */
  readonly accuracy?: number;
  readonly livePeriod?: number;
  readonly heading?: number;
  readonly proximityAlertRadius?: number;
}

export interface LocationMedia {
  kind: 'location';
  location: GeoPoint;
}

export interface VenueMedia {
  kind: 'venue';
  location: GeoPoint;
  title: string;
  address: string;
  /** "foursquare" or "gplaces" when the venue has a provider id. */
  provider: string;
  venueId: string;
  venueType: string;
}

export interface ContactMedia {
  kind: 'contact';
  phoneNumber: string;
  firstName: string;
  lastName: string;
  vcard: string;
  /** The Telegram account with this phone number, when there is one. */
  userId?: number;
}

export interface DiceMedia {
  kind: 'dice';
  emoji: string;
  /** Chosen by the server when the dice is sent: 1–6, 1–5 or 1–64 by emoji. */
  value: number;
}

export interface PollMedia {
  kind: 'poll';
  /** Shared by every copy of the message: votes and closing show for both participants. */
  poll: Poll;
}

export interface PollOption {
  readonly text: string;
  /** The option's identifier on the wire (MTProto `option:bytes`): its index as a digit string. */
  readonly data: Buffer;
  voters: number;
}

export interface Poll {
  readonly id: bigint;
  readonly question: string;
  readonly options: PollOption[];
  readonly anonymous: boolean;
  readonly quiz: boolean;
  readonly multipleAnswers: boolean;
  /** Quizzes only: the index of the right option, and what is shown after answering. */
  readonly correctOption?: number;
  readonly explanation?: string;
  readonly openPeriod?: number;
  readonly closeDate?: number;
  closed: boolean;
  /** Chosen option indexes per voter. */
  readonly votes: Map<number, number[]>;
}

/** Where a forwarded message came from. `fromId` is absent when the author hides forwards. */
export interface ForwardHeader {
  readonly date: number;
  readonly fromId?: number;
  /** Shown instead of a link to the author when `fromId` is hidden. */
  readonly senderName?: string;
}

/**
 * One message of a private chat. It exists once and sits in both participants' boxes under
 * each box's own id (`boxIds`), as messages do on Telegram.
 */
export interface Message {
  /** Internal identity; never shown to clients, who see box ids. */
  readonly key: number;
  readonly senderId: number;
  readonly recipientId: number;
  readonly date: number;
  /** The text, or the caption of media. */
  text: string;
  entities: MessageEntity[];
  /** Replaced only by an edit of the media (editMessageMedia). */
  media?: Media;
  replyMarkup?: ReplyMarkup;
  readonly forward?: ForwardHeader;
  /** Set on every message of an album (a media group). */
  readonly groupedId?: bigint;
  readonly replyToKey?: number;
  editDate?: number;
  /** Each participant's reactions to this message (at most one each), when any. */
  reactions?: Map<number, ChosenReactions>;
  /** Box id of this message per participant; removed per account when that copy is deleted. */
  readonly boxIds: Map<number, number>;
}

export interface CallbackAnswer {
  text?: string;
  alert?: boolean;
  url?: string;
  cacheTime?: number;
}

/** A press of an inline button, waiting for the bot's `answerCallbackQuery`. */
export interface CallbackQuery {
  readonly id: bigint;
  readonly fromId: number;
  readonly botId: number;
  readonly message: Message;
  readonly data?: Buffer;
  /** Identifies the chat for games/"same chat" checks; stable per user–bot pair. */
  readonly chatInstance: bigint;
  readonly date: number;
  answer?: CallbackAnswer;
}

/** What was put in a box: emitted once per participant of a new or edited message. */
export interface BoxEvent {
  readonly ownerId: number;
  readonly boxId: number;
  readonly message: Message;
  /** True in the sender's own box. */
  readonly outgoing: boolean;
  /** The owner's pts after this change. */
  readonly pts: number;
}

export interface DeletionEvent {
  readonly ownerId: number;
  readonly boxIds: number[];
  readonly pts: number;
  /** The account whose request deleted them (the owner itself, or the peer revoking). */
  readonly causedBy: number;
}

/** A reaction to a message: a standard emoji, a custom emoji, or a paid star reaction. */
export type Reaction = { kind: 'emoji'; emoji: string } | { kind: 'custom_emoji'; customEmojiId: string } | { kind: 'paid' };

export interface ChosenReactions {
  readonly reactions: Reaction[];
  readonly date: number;
  readonly big: boolean;
}

/** Someone changed their reactions to a message (both participants hold it). */
export interface ReactionEvent {
  readonly message: Message;
  readonly actorId: number;
  readonly old: Reaction[];
  readonly new: Reaction[];
  readonly date: number;
  readonly big: boolean;
  /** Each participant's copy of the message and its pts after the change. */
  readonly boxes: ReadonlyArray<{ readonly ownerId: number; readonly boxId: number; readonly pts: number }>;
}

/** A person blocked (or unblocked) an account: a bot then may not write to them. */
export interface BlockEvent {
  readonly blockerId: number;
  readonly peerId: number;
  readonly blocked: boolean;
  readonly date: number;
}
