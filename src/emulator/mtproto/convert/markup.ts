import { Api } from 'telegram';
import type { InlineButton, ReplyMarkup, SwitchInlineTarget } from '../../state';
import { toLong } from './long';

/**
 * A bot's reply markup as TL: inline keyboards (every button kind), reply keyboards,
 * keyboard removal and force-reply. GramJS builds `message.buttons` from these.
 */
export function replyMarkupToTl(markup: ReplyMarkup): Api.TypeReplyMarkup {
  switch (markup.kind) {
    case 'inline': {
      let buttonId = 0;
      return new Api.ReplyInlineMarkup({
        rows: markup.rows.map((row) => new Api.KeyboardButtonRow({ buttons: row.map((button) => inlineButtonToTl(button, ++buttonId)) })),
      });
    }
    case 'keyboard':
      return new Api.ReplyKeyboardMarkup({
        resize: markup.resize || undefined,
        singleUse: markup.oneTime || undefined,
        persistent: markup.persistent || undefined,
        selective: markup.selective || undefined,
        placeholder: markup.placeholder,
        rows: markup.rows.map((row) => new Api.KeyboardButtonRow({
          buttons: row.map((button) => new Api.KeyboardButton({ text: button.text })),
        })),
      });
    case 'remove':
      return new Api.ReplyKeyboardHide({ selective: markup.selective || undefined });
    case 'force_reply':
      return new Api.ReplyKeyboardForceReply({ selective: markup.selective || undefined, placeholder: markup.placeholder });
  }
}

/**
 * One inline button as a user's client receives it, with the constructors TDLib sends for
 * each Bot API kind (td/telegram/ReplyMarkup.cpp `get_input_keyboard_button`) and the server
 * delivers: a `tg://user?id=` link becomes a profile button; a login button reaches users as
 * `keyboardButtonUrlAuth` with an id the client passes back to `messages.requestUrlAuth`.
 */
function inlineButtonToTl(button: InlineButton, buttonId: number): Api.TypeKeyboardButton {
  const { text } = button;
  if (button.url !== undefined) {
    const profile = /^tg:\/\/user\?id=(\d+)$/i.exec(button.url);
    if (profile) return new Api.KeyboardButtonUserProfile({ text, userId: toLong(BigInt(profile[1])) });
    return new Api.KeyboardButtonUrl({ text, url: button.url });
  }
  if (button.callbackData) return new Api.KeyboardButtonCallback({ text, data: button.callbackData });
  if (button.webAppUrl !== undefined) return new Api.KeyboardButtonWebView({ text, url: button.webAppUrl });
  if (button.switchInline) return switchInlineToTl(text, button.switchInline);
  if (button.loginUrl) return new Api.KeyboardButtonUrlAuth({ text, url: button.loginUrl.url, fwdText: button.loginUrl.forwardText, buttonId });
  if (button.copyText !== undefined) return new Api.KeyboardButtonCopy({ text, copyText: button.copyText });
  if (button.pay) return new Api.KeyboardButtonBuy({ text });
  if (button.callbackGame) return new Api.KeyboardButtonGame({ text });
  return new Api.KeyboardButtonCallback({ text, data: Buffer.alloc(0) });
}

/** Same-chat switches carry `same_peer`; a chosen-chat switch lists peer types only when it narrows them. */
function switchInlineToTl(text: string, target: SwitchInlineTarget): Api.KeyboardButtonSwitchInline {
  if (target.currentChat) return new Api.KeyboardButtonSwitchInline({ text, query: target.query, samePeer: true });
  const types = target.chatTypes;
  if (!types || (types.users && types.bots && types.groups && types.channels)) return new Api.KeyboardButtonSwitchInline({ text, query: target.query });
  const peerTypes: Api.TypeInlineQueryPeerType[] = [];
  if (types.users) peerTypes.push(new Api.InlineQueryPeerTypePM());
  if (types.bots) peerTypes.push(new Api.InlineQueryPeerTypeBotPM());
  if (types.groups) peerTypes.push(new Api.InlineQueryPeerTypeChat(), new Api.InlineQueryPeerTypeMegagroup());
  if (types.channels) peerTypes.push(new Api.InlineQueryPeerTypeBroadcast());
  return new Api.KeyboardButtonSwitchInline({ text, query: target.query, peerTypes });
}
