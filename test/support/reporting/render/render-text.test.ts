import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderTranscriptText } from '../../../../support/reporting/render/render-text';
import { sampleTranscript } from './conversation-fixture';

test('the plain-text transcript reads as a conversation, in order', () => {
  assert.equal(
    renderTranscriptText(sampleTranscript().events),
    [
      'Conversation:',
      '  Alice → bot: /start',
      '  bot → Alice: Welcome to the family album!',
      '      Send me photos.',
      '    keyboard: [Get a photo] [Invite]',
      '  Alice → bot: [1 photo: beach.png]',
      '  bot → Alice: Saved 1 photo',
      '    buttons: [Undo] | [Show album]',
      '  Alice presses [Show album]',
      '  bot edits its message to Alice: Saved 1 photo ✓',
      "  · Bob opens Alice's invite link",
      '  Bob → bot: Get a photo',
      '  bot → Bob: [2 photos: beach.png, garden.png]',
      '  bot deletes its message to Alice: Uploading…',
      '  Bob → bot (forwarded from Alice): Look at this',
      '  bot → Bob: The album is empty',
      '',
    ].join('\n'),
  );
});

test('an empty conversation says so', () => {
  assert.equal(renderTranscriptText([]), 'Conversation: nothing was sent or received.\n');
});
