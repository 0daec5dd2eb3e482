import { InlineKeyboard, Keyboard } from 'grammy';
import { texts } from './texts';

/** The reply keyboard under the message field: "📷 Photo" and "👪 Family". */
export function mainKeyboard(): Keyboard {
  return new Keyboard().text(texts.keyboard.photo).text(texts.keyboard.family).resized().persistent();
}

/** Callback data of the owner's buttons: `join:allow:<requestId>` / `join:deny:<requestId>`. */
export const JOIN_DECISION = /^join:(allow|deny):(\d+)$/;

export function joinRequestKeyboard(requestId: number): InlineKeyboard {
  return new InlineKeyboard().text(texts.join.allowButton, `join:allow:${requestId}`).text(texts.join.denyButton, `join:deny:${requestId}`);
}
