/** Uploading photos, albums, asking for a photo, and which photos arrive (compared by content). */
import { Given, Then, When } from '@cucumber/cucumber';
import type { Actor } from '../support/actors/actor';
import { fingerprintsOfPhotosReceived, photosReceived } from '../support/actors/questions';
import { presses, sendsAlbum, sendsFile, uploadsPhotoWithCaption, uploadsPhotos } from '../support/actors/tasks';
import { expect } from 'expect';
import { check } from '../support/actors/assertions';
import { fixture } from '../support/actors/fixtures';
import { texts } from '../src/bot/texts';
import type { FamilyAlbumWorld } from '../support/world';

const PHOTO_BUTTON = texts.keyboard.photo;

Given('{user} has uploaded {int} photo(s)', async function (this: FamilyAlbumWorld, user: Actor, count: number) {
  await this.perform(user, uploadsPhotos(this.nextPhotos(count)));
});

When('{user} uploads a photo', async function (this: FamilyAlbumWorld, user: Actor) {
  await this.perform(user, uploadsPhotos(this.nextPhotos(1)));
});

When('{user} uploads {int} photos', async function (this: FamilyAlbumWorld, user: Actor, count: number) {
  await this.perform(user, uploadsPhotos(this.nextPhotos(count)));
});

When('{user} uploads the photo {string}', async function (this: FamilyAlbumWorld, user: Actor, name: string) {
  await this.perform(user, uploadsPhotos([fixture(name)]));
});

Given('{user} has uploaded a photo with the caption {string}', async function (this: FamilyAlbumWorld, user: Actor, caption: string) {
  await this.perform(user, uploadsPhotoWithCaption(this.nextPhotos(1)[0]!, caption));
});

When('{user} sends an album of {int} photos', async function (this: FamilyAlbumWorld, user: Actor, count: number) {
  await this.perform(user, sendsAlbum(this.nextPhotos(count)));
});

When('{user} sends the photo {string} as a file', async function (this: FamilyAlbumWorld, user: Actor, name: string) {
  await this.perform(user, sendsFile(fixture(name)));
});

When('{user} asks for a photo', async function (this: FamilyAlbumWorld, user: Actor) {
  await this.perform(user, presses(PHOTO_BUTTON));
});

When('{user} asks for a photo {int} times', async function (this: FamilyAlbumWorld, user: Actor, times: number) {
  for (let i = 0; i < times; i++) await this.perform(user, presses(PHOTO_BUTTON));
});

Then('{user} receives {int} photo(s)', async function (user: Actor, count: number) {
  const photos = await user.asks(photosReceived());
  check(user, `${user.name} to receive ${count} photo(s), not ${photos.length}.`, () => expect(photos).toHaveLength(count));
});

Then('{user} receives a photo', async function (user: Actor) {
  const photos = await user.asks(photosReceived());
  check(user, `${user.name} to receive a photo, not ${photos.length}.`, () => expect(photos).toHaveLength(1));
});

Then('{user} receives no photo', async function (user: Actor) {
  const photos = await user.asks(photosReceived());
  check(user, `${user.name} to receive no photo, not ${photos.length}.`, () => expect(photos).toHaveLength(0));
});

Then('{user} receives the photo {user} uploaded', async function (receiver: Actor, uploader: Actor) {
  check(receiver, `${uploader.name} to have uploaded exactly one photo in this scenario (uploaded ${uploader.uploaded.length}); say "a photo ${uploader.name} uploaded" otherwise.`,
    () => expect(uploader.uploaded).toHaveLength(1));
  const received = await receiver.asks(fingerprintsOfPhotosReceived());
  check(receiver, `${receiver.name} to receive the photo ${uploader.name} uploaded (${uploader.uploaded[0]!.name}).`,
    () => expect(received).toContain(uploader.uploaded[0]!.fingerprint));
});

Then('{user} receives a photo {user} uploaded', async function (receiver: Actor, uploader: Actor) {
  const theirs = new Set(uploader.uploaded.map((photo) => photo.fingerprint));
  const received = await receiver.asks(fingerprintsOfPhotosReceived());
  check(receiver, `${receiver.name} to receive a photo ${uploader.name} uploaded (${uploader.uploaded.map((p) => p.name).join(', ') || 'none'}).`, () => {
    expect(received.length).toBeGreaterThan(0);
    expect(received.filter((print) => !theirs.has(print))).toEqual([]);
  });
});

Then('{user} receives the photo {string}', async function (user: Actor, name: string) {
  const received = await user.asks(fingerprintsOfPhotosReceived());
  check(user, `${user.name} to receive the photo ${name}.`, () => expect(received).toContain(fixture(name).fingerprint));
});

Then('{user} never received the same photo twice in a row', async function (user: Actor) {
  const received = await user.asks(fingerprintsOfPhotosReceived());
  const repeatAt = received.findIndex((print, i) => i > 0 && received[i - 1] === print);
  check(user, `${user.name} to receive photos with no repeat in a row (${received.length} received${repeatAt > 0 ? `, photo ${repeatAt + 1} repeats photo ${repeatAt}` : ''}).`, () => {
    expect(received.length).toBeGreaterThan(1);
    expect(repeatAt).toBe(-1);
  });
});

Then('{user} received every photo {user} uploaded', async function (receiver: Actor, uploader: Actor) {
  const received = new Set(await receiver.asks(fingerprintsOfPhotosReceived()));
  const missing = uploader.uploaded.filter((photo) => !received.has(photo.fingerprint));
  check(receiver, `${receiver.name} to receive every photo ${uploader.name} uploaded; missing: ${missing.map((p) => p.name).join(', ') || 'none'}.`, () => {
    expect(uploader.uploaded.length).toBeGreaterThan(0);
    expect(missing.map((photo) => photo.name)).toEqual([]);
  });
});
