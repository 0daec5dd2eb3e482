/** A hand-made conversation used by the reporting tests: every kind of event, two people. */
import { Transcript } from '../../../../support/reporting/render/transcript';
import { solidPng } from '../../../../scripts/png';

export function sampleTranscript(): Transcript {
  const beach = solidPng(40, 30, [30, 144, 255]);
  const garden = solidPng(30, 40, [34, 139, 34]);
  return new Transcript()
    .userSent('Alice', { text: '/start' }, 1)
    .botSent('Alice', { text: 'Welcome to the family album!\nSend me photos.', keyboard: { type: 'reply', rows: [['Get a photo', 'Invite']] } }, 2)
    .userSent('Alice', { photos: [{ bytes: beach, name: 'beach.png' }] }, 3)
    .botSent('Alice', { text: 'Saved 1 photo', keyboard: { type: 'inline', rows: [['Undo'], ['Show album']] } }, 4)
    .pressed('Alice', 'Show album', 5)
    .botEdited('Alice', { text: 'Saved 1 photo ✓' }, 6)
    .note("Bob opens Alice's invite link", 7)
    .userSent('Bob', { text: 'Get a photo' }, 8)
    .botSent('Bob', { photos: [{ bytes: beach, name: 'beach.png' }, { bytes: garden, name: 'garden.png' }] }, 9)
    .botDeleted('Alice', 'Uploading…', 10)
    .userSent('Bob', { text: 'Look at this', forwardedFrom: 'Alice' }, 11)
    .botSent('Bob', { text: 'The album is empty' }, 12);
}
