import { Api } from 'telegram';
import type { InlineButton, ReplyMarkup } from '../../state';

/**
 * A bot's reply markup as TL: inline keyboards (callback and URL buttons), reply keyboards,
 * keyboard removal and force-reply. GramJS builds `message.buttons` from these.
 */
export function replyMarkupToTl(markup: ReplyMarkup): Api.TypeReplyMarkup {
  switch (markup.kind) {
    case 'inline':
      return new Api.ReplyInlineMarkup({
        rows: markup.rows.map((row) => new Api.KeyboardButtonRow({ buttons: row.map(inlineButtonToTl) })),
      });
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

function inlineButtonToTl(button: InlineButton): Api.TypeKeyboardButton {
  if (button.url !== undefined) return new Api.KeyboardButtonUrl({ text: button.text, url: button.url });
  return new Api.KeyboardButtonCallback({ text: button.text, data: button.callbackData ?? Buffer.alloc(0) });
}
