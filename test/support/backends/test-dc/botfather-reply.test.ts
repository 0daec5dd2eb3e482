import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { BotFatherRefusedError, botUsername, tokenInReply } from '../../../../support/backends/test-dc/botfather-reply';

const TOKEN = '7012345678:AAHf3kQx9_Zp-4bVt2LmNcR8sYwE1uJ0oKi';

describe("@BotFather's replies, read by shape", () => {
  it('finds the token wherever the wording puts it', () => {
    assert.equal(tokenInReply(`Done! Congratulations on your new bot. … Use this token to access the HTTP API:\n${TOKEN}\nKeep your token secure`), TOKEN);
    assert.equal(tokenInReply(`Your token: \`${TOKEN}\`.`), TOKEN);
    assert.equal(tokenInReply(`token=${TOKEN}`), TOKEN);
  });

  it('finds none in a question or a refusal, nor in a longer run of characters', () => {
    assert.equal(tokenInReply('Alright, a new bot. How are we going to call it? Please choose a name for your bot.'), undefined);
    assert.equal(tokenInReply('That I cannot do. You come to me asking for more than 20 bots.'), undefined);
    assert.equal(tokenInReply(`${TOKEN}xyz`), undefined);
  });

  it('makes usernames BotFather accepts', () => {
    const username = botUsername(1, 'A9-f!3c');
    assert.match(username, /^[a-z][a-z0-9_]{3,30}bot$/);
    assert.ok(username.length <= 32);
    assert.notEqual(botUsername(0, 'x'), botUsername(1, 'x'));
  });

  it('says what BotFather answered and how to bring bots of one\'s own', () => {
    const error = new BotFatherRefusedError('That I cannot do. You come to me asking for more than 20 bots.');
    assert.match(error.message, /it answered \/newbot with "That I cannot do\. You come to me asking for more than 20 bots\."\. /);
    assert.match(error.message, /TEST_DC_BOT_TOKENS and TEST_DC_BOT_USERNAMES/);
    const later = new BotFatherRefusedError('Unrecognized command.', 'That I cannot do. You come to me asking for more than 20 bots.');
    assert.match(later.message, /it answered \/newbot with "That I cannot do\. .*" and ended with "Unrecognized command\."/);
  });
});
