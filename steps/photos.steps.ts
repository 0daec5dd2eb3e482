/** Uploading photos, albums, asking for a photo, and which photos arrive (recognised by the picture, as a person would). */
import { Given, Then, When } from '@cucumber/cucumber';
import type { Actor } from '../support/actors/actor';
import { picturesReceived, photosReceived } from '../support/actors/questions';
import { presses, sendsAlbum, sendsFile, uploadsPhotoWithCaption, uploadsPhotos } from '../support/actors/tasks';
import { expect } from 'expect';
import { check } from '../support/actors/assertions';
import { fixture, whatItShows, type RecognisedPhoto } from '../support/actors/fixtures';
import { texts } from '../src/bot/texts';
import { phrase } from '../support/vocabulary/phrase';
import type { FamilyAlbumWorld } from '../support/world';

const PHOTO_BUTTON = texts.keyboard.photo;

Given(phrase('{user} (has )uploaded/uploads {count} photo(s)', {
  means: 'Sends that many photos no one has sent yet in the scenario, one message each.',
  examples: ['Alice has uploaded 2 photos', 'user A uploaded a photo', 'Bob uploads 3 photos', 'Alice has uploaded one photo'],
}), async function (this: FamilyAlbumWorld, user: Actor, count: number) {
  await this.perform(user, uploadsPhotos(this.nextPhotos(count)));
});

When(phrase('{user} (has )uploaded/uploads the photo {string}', {
  means: 'Sends a photo of features/fixtures/ by name ("beach.png").',
  examples: ['Alice uploads the photo "beach.png"', 'Bob has uploaded the photo "cake.png"'],
}), async function (this: FamilyAlbumWorld, user: Actor, name: string) {
  await this.perform(user, uploadsPhotos([fixture(name)]));
});

Given(phrase('{user} (has )uploaded/uploads a photo with the caption {string}', {
  means: 'Sends one new photo with a caption.',
  examples: ['Alice has uploaded a photo with the caption "Grandma turns 80"', 'Bob uploads a photo with the caption "Us"'],
}), async function (this: FamilyAlbumWorld, user: Actor, caption: string) {
  await this.perform(user, uploadsPhotoWithCaption(this.nextPhotos(1)[0]!, caption));
});

When(phrase('{user} (has )sent/sends an album of {count} photos', {
  means: 'Sends 2 to 10 new photos at once, as one Telegram album.',
  examples: ['Alice sends an album of 3 photos', 'Bob has sent an album of two photos'],
}), async function (this: FamilyAlbumWorld, user: Actor, count: number) {
  await this.perform(user, sendsAlbum(this.nextPhotos(count)));
});

When(phrase('{user} (has )sent/sends the photo {string} as a file', {
  means: 'Sends an image "as file" (a document), not as a photo.',
  examples: ['Alice sends the photo "beach.png" as a file'],
}), async function (this: FamilyAlbumWorld, user: Actor, name: string) {
  await this.perform(user, sendsFile(fixture(name)));
});

When(phrase('{user} (has )asked/asks for {a photo}( again)', {
  means: 'Presses "📷 Photo" on the keyboard ("it" and "again" stand for the photo just named).',
  examples: ['Bob asks for a photo', 'user B asks for it', 'Alice asks for a photo again', 'Bob has asked for another one'],
}), async function (this: FamilyAlbumWorld, user: Actor, _photo: string) {
  await this.perform(user, presses(PHOTO_BUTTON));
});

When(phrase('{user} (has )asked/asks for a photo {count} times', {
  means: 'Presses "📷 Photo" that many times, each after the bot answered the one before.',
  examples: ['Alice asks for a photo 6 times', 'Bob has asked for a photo two times'],
}), async function (this: FamilyAlbumWorld, user: Actor, times: number) {
  for (let i = 0; i < times; i++) await this.perform(user, presses(PHOTO_BUTTON));
});

Then(phrase('{user} receives/received {count} photo(s)', {
  means: 'Exactly that many photos arrived since the actions began.',
  examples: ['B receives 1 photo', 'Alice receives a photo', 'Carol receives no photo', 'Alice received 6 photos'],
}), async function (user: Actor, count: number) {
  const photos = await user.asks(photosReceived());
  check(user, `${user.name} to receive ${count} photo(s), not ${photos.length}.`, () => expect(photos).toHaveLength(count), { kind: 'count', of: 'photo', count });
});

Then(phrase('{user} receives/received the photo {user} uploaded', {
  means: 'A photo that arrived shows the one photo the other person uploaded (compared by the picture: Telegram recompresses).',
  examples: ['Bob receives the photo Alice uploaded', 'B received the photo A uploaded'],
}), async function (receiver: Actor, uploader: Actor) {
  check(receiver, `${uploader.name} to have uploaded exactly one photo in this scenario (uploaded ${uploader.uploaded.length}); say "a photo ${uploader.name} uploaded" otherwise.`,
    () => expect(uploader.uploaded).toHaveLength(1));
  const received = namesOf(await receiver.asks(picturesReceived()));
  check(receiver, `${receiver.name} to receive the photo ${uploader.name} uploaded (${uploader.uploaded[0]!.name}).`,
    () => expect(received).toContain(uploader.uploaded[0]!.name));
});

Then(phrase('{user} receives/received a photo {user} uploaded', {
  means: 'Photos arrived, and every one is a photo the other person uploaded.',
  examples: ['Alice receives a photo Alice uploaded', 'Bob received a photo Carol uploaded'],
}), async function (receiver: Actor, uploader: Actor) {
  const theirs = new Set(uploader.uploaded.map((photo) => photo.name));
  const received = namesOf(await receiver.asks(picturesReceived()));
  check(receiver, `${receiver.name} to receive a photo ${uploader.name} uploaded (${uploader.uploaded.map((p) => p.name).join(', ') || 'none'}).`, () => {
    expect(received.length).toBeGreaterThan(0);
    expect(received.filter((name) => !theirs.has(name))).toEqual([]);
  });
});

Then(phrase('{user} receives/received the photo {string}', {
  means: 'A photo that arrived is that photo of features/fixtures/.',
  examples: ['Bob receives the photo "beach.png"'],
}), async function (user: Actor, name: string) {
  fixture(name); // a name that is no fixture fails here, listing those that exist
  const received = namesOf(await user.asks(picturesReceived()));
  check(user, `${user.name} to receive the photo ${name}.`, () => expect(received).toContain(name));
});

Then(phrase('{user} never received/receives the same photo twice in a row', {
  means: 'Photos arrived, and no two in a row show the same picture.',
  examples: ['Alice never received the same photo twice in a row', 'B never receives the same photo twice in a row'],
}), async function (user: Actor) {
  const received = await user.asks(picturesReceived());
  const repeatAt = received.findIndex((picture, i) => i > 0 && received[i - 1]!.fingerprint.matches(picture.fingerprint));
  check(user, `${user.name} to receive photos with no repeat in a row (${received.length} received${repeatAt > 0 ? `, photo ${repeatAt + 1} repeats photo ${repeatAt}` : ''}).`, () => {
    expect(received.length).toBeGreaterThan(1);
    expect(repeatAt).toBe(-1);
  });
});

Then(phrase('{user} (has )received/receives every photo {user} uploaded', {
  means: 'Every photo the other person uploaded in the scenario arrived.',
  examples: ['Bob received every photo Alice uploaded', 'Alice receives every photo Bob uploaded'],
}), async function (receiver: Actor, uploader: Actor) {
  const received = new Set(namesOf(await receiver.asks(picturesReceived())));
  const missing = uploader.uploaded.filter((photo) => !received.has(photo.name));
  check(receiver, `${receiver.name} to receive every photo ${uploader.name} uploaded; missing: ${missing.map((p) => p.name).join(', ') || 'none'}.`, () => {
    expect(uploader.uploaded.length).toBeGreaterThan(0);
    expect(missing.map((photo) => photo.name)).toEqual([]);
  });
});

/** What each received photo shows: a fixture's name, that name "as a W×H thumbnail", or "a picture that is no fixture". */
function namesOf(pictures: RecognisedPhoto[]): string[] {
  return pictures.map(whatItShows);
}
