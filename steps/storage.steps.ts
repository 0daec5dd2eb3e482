/** The album's storage (the bot's database) failing and coming back. */
import { Given, When } from '@cucumber/cucumber';
import type { FamilyAlbumWorld } from '../support/world';

Given('the album\'s storage is unavailable', async function (this: FamilyAlbumWorld) {
  await this.takeStorageOffline();
});

When('the album\'s storage is back', async function (this: FamilyAlbumWorld) {
  await this.bringStorageOnline();
});
