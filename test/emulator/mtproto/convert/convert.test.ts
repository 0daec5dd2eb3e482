import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import bigInt from 'big-integer';
import { Api } from 'telegram';
import {
  entitiesFromTl, entityToTl, replyMarkupToTl, storageFileType, userEntities,
} from '../../../../src/emulator/mtproto/convert';
import { TelegramState, type MessageEntity } from '../../../../src/emulator/state';

describe('converters', () => {
  it('maps every state entity to TL and back unchanged', () => {
    const state = new TelegramState();
    const user = state.createUser({ phone: '9996621234', firstName: 'Alice' });
    const entities: MessageEntity[] = [
      { type: 'mention', offset: 0, length: 5 }, { type: 'hashtag', offset: 0, length: 5 }, { type: 'cashtag', offset: 0, length: 4 },
      { type: 'bot_command', offset: 0, length: 6 }, { type: 'url', offset: 0, length: 9 }, { type: 'email', offset: 0, length: 9 },
      { type: 'phone_number', offset: 0, length: 9 }, { type: 'bold', offset: 1, length: 2 }, { type: 'italic', offset: 1, length: 2 },
      { type: 'underline', offset: 1, length: 2 }, { type: 'strikethrough', offset: 1, length: 2 }, { type: 'spoiler', offset: 1, length: 2 },
      { type: 'blockquote', offset: 1, length: 2 }, { type: 'expandable_blockquote', offset: 1, length: 2 }, { type: 'code', offset: 1, length: 2 },
      { type: 'pre', offset: 1, length: 2, language: 'ts' }, { type: 'text_link', offset: 1, length: 2, url: 'https://example.org' },
      { type: 'text_mention', offset: 1, length: 2, userId: user.id }, { type: 'custom_emoji', offset: 1, length: 2, customEmojiId: '5368324170671202286' },
    ];
    assert.deepEqual(entitiesFromTl(state, user.id, entities.map(entityToTl)), entities);
  });

  it('drops mentions of nobody and merges detected commands with sent formatting', () => {
    const state = new TelegramState();
    const mention = new Api.MessageEntityMentionName({ offset: 0, length: 3, userId: bigInt(12345) });
    assert.deepEqual(entitiesFromTl(state, 1, [mention]), []);
    assert.equal(userEntities(state, 1, '/start', undefined), undefined, 'no sent entities: the state detects');
    assert.deepEqual(userEntities(state, 1, '/start now', [new Api.MessageEntityItalic({ offset: 7, length: 3 })])?.map((e) => e.type), ['bot_command', 'italic']);
  });

  it('maps each kind of reply markup', () => {
    assert.ok(replyMarkupToTl({ kind: 'remove', selective: true }) instanceof Api.ReplyKeyboardHide);
    const force = replyMarkupToTl({ kind: 'force_reply', placeholder: 'Your name' }) as Api.ReplyKeyboardForceReply;
    assert.equal(force.placeholder, 'Your name');
    const keyboard = replyMarkupToTl({ kind: 'keyboard', rows: [[{ text: 'A' }, { text: 'B' }]], oneTime: true, persistent: true }) as Api.ReplyKeyboardMarkup;
    assert.equal(keyboard.singleUse, true);
    assert.equal(keyboard.persistent, true);
    assert.deepEqual(keyboard.rows[0].buttons.map((b) => b.text), ['A', 'B']);
  });

  it('names file types by their magic bytes', () => {
    assert.ok(storageFileType(Buffer.from([0xff, 0xd8, 0xff, 0xe0])) instanceof Api.storage.FileJpeg);
    assert.ok(storageFileType(Buffer.from('89504e470d0a1a0a', 'hex')) instanceof Api.storage.FilePng);
    assert.ok(storageFileType(Buffer.from('plain text')) instanceof Api.storage.FileUnknown);
  });
});
