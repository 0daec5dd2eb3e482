/** The album's storage (the bot's database) failing and coming back. */
import { Given, When } from '@cucumber/cucumber';
import { phrase } from '../support/vocabulary/phrase';
import type { FamilyAlbumWorld } from '../support/world';

Given(phrase('the album\'s storage is unavailable', {
  means: 'The bot\'s database becomes unreachable (the bot\'s errors are then expected).',
  examples: ['the album\'s storage is unavailable'],
}), async function (this: FamilyAlbumWorld) {
  await this.takeStorageOffline();
});

When(phrase('the album\'s storage is back', {
  means: 'The bot\'s database is reachable again.',
  examples: ['the album\'s storage is back'],
}), async function (this: FamilyAlbumWorld) {
  await this.bringStorageOnline();
});
