/**
 * The bot's name, descriptions and menu button, set through grammY and seen by a person's
 * GramJS client (users.getFullUser) over the wire; profile photos; Telegram's refusals.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Bot, GrammyError } from 'grammy';
import { Api } from 'telegram';
import { type Person, startWire, type Wire } from '../wire';

describe('Bot API bot profile and menu button (grammY, seen through GramJS)', () => {
  let wire: Wire;
  let bot: Bot;
  let alice: Person;
  before(async () => {
    wire = await startWire();
    const handle = wire.emulator.control.createBot({ username: 'profile_bot', firstName: 'Profile' });
    bot = new Bot(handle.token, { client: { apiRoot: wire.emulator.botApiRoot } });
    alice = await wire.person('Alice');
    await alice.client.sendMessage('@profile_bot', { message: '/start' });
  });
  after(() => wire.close());

  async function refused(call: () => Promise<unknown>): Promise<string> {
    try {
      await call();
    } catch (error) {
      if (error instanceof GrammyError) return error.description;
      throw error;
    }
    throw new Error('expected the call to be refused');
  }

  it('names and descriptions per language, with the default as fallback', async () => {
    assert.deepEqual(await bot.api.getMyName(), { name: 'Profile' });
    assert.equal(await bot.api.setMyName('Family Album'), true);
    assert.equal(await bot.api.setMyName('Familienalbum', { language_code: 'de' }), true);
    assert.deepEqual(await bot.api.getMyName(), { name: 'Family Album' });
    assert.deepEqual(await bot.api.getMyName({ language_code: 'de' }), { name: 'Familienalbum' });
    assert.deepEqual(await bot.api.getMyName({ language_code: 'fr' }), { name: 'Family Album' });
    assert.equal((await bot.api.getMe()).first_name, 'Family Album');

    await bot.api.setMyDescription('Keeps your family photos.');
    await bot.api.setMyShortDescription('Family photos');
    await bot.api.setMyDescription('Bewahrt Familienfotos.', { language_code: 'de' });
    assert.deepEqual(await bot.api.getMyDescription({ language_code: 'de' }), { description: 'Bewahrt Familienfotos.' });
    assert.deepEqual(await bot.api.getMyShortDescription({ language_code: 'de' }), { short_description: 'Family photos' });
    await bot.api.setMyDescription('', { language_code: 'de' });
    assert.deepEqual(await bot.api.getMyDescription({ language_code: 'de' }), { description: 'Keeps your family photos.' });
    assert.equal(await refused(() => bot.api.getMyName({ language_code: 'deu' as never })), 'Bad Request: invalid language code specified');

    const full = await alice.client.invoke(new Api.users.GetFullUser({ id: await alice.client.getInputEntity('@profile_bot') }));
    assert.equal(full.fullUser.about, 'Family photos');
    assert.equal(full.fullUser.botInfo?.description, 'Keeps your family photos.');
    assert.equal((full.users[0] as Api.User).firstName, 'Family Album');
  });

  it('the menu button: for everyone, for one person, reset; people see theirs', async () => {
    assert.deepEqual(await bot.api.getChatMenuButton(), { type: 'default' });
    await bot.api.setChatMenuButton({ menu_button: { type: 'commands' } });
    assert.deepEqual(await bot.api.getChatMenuButton({ chat_id: alice.account.id }), { type: 'commands' });
    await bot.api.setChatMenuButton({ chat_id: alice.account.id, menu_button: { type: 'web_app', text: 'Open album', web_app: { url: 'https://example.org/album' } } });
    assert.deepEqual(await bot.api.getChatMenuButton({ chat_id: alice.account.id }), { type: 'web_app', text: 'Open album', web_app: { url: 'https://example.org/album' } });
    assert.deepEqual(await bot.api.getChatMenuButton(), { type: 'commands' });
    const full = await alice.client.invoke(new Api.users.GetFullUser({ id: await alice.client.getInputEntity('@profile_bot') }));
    const button = full.fullUser.botInfo?.menuButton;
    assert.ok(button instanceof Api.BotMenuButton && button.text === 'Open album' && button.url === 'https://example.org/album');
    await bot.api.setChatMenuButton({ chat_id: alice.account.id });
    assert.deepEqual(await bot.api.getChatMenuButton({ chat_id: alice.account.id }), { type: 'commands' });

    assert.equal(await refused(() => bot.api.setChatMenuButton({ menu_button: { type: 'sideways' } as never })), "Bad Request: can't parse menu button: MenuButton has unsupported type");
    assert.equal(await refused(() => bot.api.setChatMenuButton({ menu_button: { type: 'web_app', text: 'x' } as never })), 'Bad Request: can\'t parse menu button: Field "web_app" must be of type Object');
    assert.equal(await refused(() => bot.api.getChatMenuButton({ chat_id: 424242 })), 'Bad Request: user not found');
  });

  it('getUserProfilePhotos: people here have none; unknown people are not found', async () => {
    assert.deepEqual(await bot.api.getUserProfilePhotos(alice.account.id, { limit: 500 }), { total_count: 0, photos: [] });
    assert.equal(await refused(() => bot.api.getUserProfilePhotos(424242)), 'Bad Request: user not found');
    assert.equal(await refused(() => bot.api.getUserProfilePhotos('nobody' as never)), 'Bad Request: invalid user_id specified');
  });
});
