import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainFailure, summariseError } from '../../../../support/reporting/render/explain';
import { parseTranscriptText, renderTranscriptText } from '../../../../support/reporting/render/render-text';
import { Transcript } from '../../../../support/reporting/render/transcript';

const emptyAlbum = parseTranscriptText(
  renderTranscriptText(new Transcript().userSent('Bob', { text: 'Get a photo' }).botSent('Bob', { text: 'The album is empty' }).events),
);

test('a missing photo is explained with what the bot said instead', () => {
  assert.equal(
    explainFailure({ step: 'Then Bob receives 1 photo', status: 'FAILED', message: 'Expected: 1\nReceived: 0' }, emptyAlbum),
    "Bob expected 1 photo but received none; the bot said 'The album is empty'.",
  );
});

test('number words, "no" and message counts are understood', () => {
  assert.equal(
    explainFailure({ step: 'Then Bob receives no messages', status: 'FAILED', message: 'Expected Bob to receive 0 message(s), not 1.' }, emptyAlbum),
    "Bob expected no messages but received 1; the bot said 'The album is empty'.",
  );
  assert.equal(
    explainFailure({ step: 'And Carol receives two photos', status: 'FAILED' }, emptyAlbum),
    'Carol expected 2 photos but received none; the bot sent Carol no text at all.',
  );
  assert.equal(
    explainFailure({ step: 'Then Bob receives nothing', status: 'FAILED' }, emptyAlbum),
    "Bob expected nothing but received something; the bot said 'The album is empty'.",
  );
});

test('an expected text is contrasted with what the bot said', () => {
  assert.equal(
    explainFailure({ step: 'Then Bob receives a message containing "Here is a photo"', status: 'FAILED' }, emptyAlbum),
    "Bob expected to be told \"Here is a photo\" but the bot said 'The album is empty'.",
  );
  assert.equal(
    explainFailure({ step: "Then Bob's last message from the bot says \"Hi\"", status: 'FAILED' }, emptyAlbum),
    "Bob expected to be told \"Hi\" but the bot said 'The album is empty'.",
  );
  assert.equal(
    explainFailure({ step: 'Then Bob receives no message containing "empty"', status: 'FAILED' }, emptyAlbum),
    "Bob expected no message containing \"empty\" but the bot said 'The album is empty'.",
  );
});

test('a count the transcript cannot confirm is taken from the assertion, or left vague', () => {
  const twoMessages = parseTranscriptText(
    renderTranscriptText(new Transcript().botSent('Bob', { text: 'Hello' }).botSent('Bob', { text: 'Welcome' }).events),
  );
  assert.equal(
    explainFailure({ step: 'Then Bob receives 1 message', status: 'FAILED' }, twoMessages),
    "Bob expected 1 message but received a different number; the bot said 'Welcome'.",
  );
});

test('a timeout says the bot did not finish, with the diagnostic', () => {
  assert.equal(
    explainFailure({ step: 'Then Bob receives 1 photo', status: 'FAILED', message: 'Error: Timed out after 5000 ms waiting for the bot.\n    at settle (support/settle.ts:1:1)' }, emptyAlbum),
    "Bob expected 1 photo but received none; the bot said 'The album is empty'. The bot did not finish in time: Timed out after 5000 ms waiting for the bot.",
  );
});

test('other failures name the step and the first line of the error, and what the bot said to whom the step names', () => {
  assert.equal(
    explainFailure({ step: 'Then the family album of Bob holds 3 photos', status: 'FAILED', message: '\u001b[31mAssertionError [ERR_ASSERTION]: The album holds 2 photos\u001b[0m\n    at x' }, emptyAlbum),
    "The step \"Then the family album of Bob holds 3 photos\" failed: The album holds 2 photos. The bot last said to Bob: 'The album is empty'.",
  );
});

test('undefined, ambiguous and pending steps and failing hooks are explained', () => {
  assert.match(explainFailure({ step: 'When Bob dances', status: 'UNDEFINED' }), /^No step definition matches "When Bob dances" yet/);
  assert.match(explainFailure({ step: 'When Bob dances', status: 'AMBIGUOUS' }), /^More than one step definition/);
  assert.match(explainFailure({ step: 'When Bob dances', status: 'PENDING' }), /pending/);
  assert.equal(
    explainFailure({ status: 'FAILED', hook: 'Before', message: 'Error: DATABASE_URL is unreachable\n  at y' }),
    'The scenario could not start: the Before hook failed — DATABASE_URL is unreachable.',
  );
});

test('expect-style messages are summarised as expected/received', () => {
  assert.equal(
    summariseError('expect(received).toHaveLength(expected)\n\nExpected length: 1\nReceived length: 0\nReceived array:  []'),
    'expected 1, received 0',
  );
});
