import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainFailure, summariseError } from '../../../../support/reporting/render/explain';
import type { Expected, FailedExpectation, Received } from '../../../../support/reporting/render/expectation';
import { Transcript } from '../../../../support/reporting/render/transcript';

const emptyAlbum = new Transcript().userSent('Bob', { text: 'Get a photo' }).botSent('Bob', { text: 'The album is empty' }).events;
const nothingReceived: Received = { messages: 0, photos: 0, texts: [], notices: [] };

function failed(actor: string, expectation: string, expected: Expected, received: Partial<Received> = {}): FailedExpectation {
  return { actor, expectation, expected, received: { ...nothingReceived, ...received } };
}

test('a missing photo is explained from the expectation’s data, with what the bot said instead', () => {
  assert.equal(
    explainFailure({ step: 'Then Bob receives 1 photo', status: 'FAILED', expectation: failed('Bob', 'Bob to receive 1 photo(s)', { kind: 'count', of: 'photo', count: 1 }, { messages: 1, texts: ['The album is empty'] }) }, emptyAlbum),
    "Bob expected 1 photo but received none; the bot said 'The album is empty'.",
  );
});

test('counts come from what had arrived, whatever the step’s words', () => {
  assert.equal(
    explainFailure({ step: 'Then Bob gets no replies at all', status: 'FAILED', expectation: failed('Bob', 'Bob to receive 0 message(s)', { kind: 'count', of: 'message', count: 0 }, { messages: 1 }) }, emptyAlbum),
    "Bob expected no messages but received 1; the bot said 'The album is empty'.",
  );
  assert.equal(
    explainFailure({ step: 'And Carol receives two photos', status: 'FAILED', expectation: failed('Carol', 'Carol to receive 2 photo(s)', { kind: 'count', of: 'photo', count: 2 }) }, emptyAlbum),
    'Carol expected 2 photos but received none; the bot sent Carol no text at all.',
  );
  assert.equal(
    explainFailure({ step: 'Then Bob receives nothing', status: 'FAILED', expectation: failed('Bob', 'Bob to receive nothing', { kind: 'nothing' }, { messages: 1 }) }, emptyAlbum),
    "Bob expected nothing but received 1 message; the bot said 'The album is empty'.",
  );
});

test('an expected text is contrasted with what the bot said', () => {
  assert.equal(
    explainFailure({ step: 'Then Bob receives a message containing "Here is a photo"', status: 'FAILED', expectation: failed('Bob', '…', { kind: 'text', text: 'Here is a photo' }) }, emptyAlbum),
    "Bob expected to be told \"Here is a photo\" but the bot said 'The album is empty'.",
  );
  assert.equal(
    explainFailure({ step: 'Then Bob receives no message containing "empty"', status: 'FAILED', expectation: failed('Bob', '…', { kind: 'no-text', text: 'empty' }) }, emptyAlbum),
    "Bob expected no message containing \"empty\" but the bot said 'The album is empty'.",
  );
});

test('any other expectation is told in its own words, with what the bot last said to that person', () => {
  assert.equal(
    explainFailure({ step: 'Then the family album of Bob holds 3 photos', status: 'FAILED', expectation: failed('Bob', 'the family album of Bob to hold 3 photo(s), but it holds 2', { kind: 'other' }) }, emptyAlbum),
    "The step \"Then the family album of Bob holds 3 photos\" failed: expected the family album of Bob to hold 3 photo(s), but it holds 2. The bot last said to Bob: 'The album is empty'.",
  );
});

test('a failure without an expectation names the step and the first line of its error; a timeout says the bot did not finish', () => {
  assert.equal(
    explainFailure({ step: 'When Bob asks for a photo', status: 'FAILED', message: 'Error: Not settled after 5000 ms (after: Bob asks for a photo)\n    at settle (support/settle.ts:1:1)' }, emptyAlbum),
    'The bot did not finish in time after "When Bob asks for a photo": Not settled after 5000 ms (after: Bob asks for a photo).',
  );
  assert.equal(
    explainFailure({ step: 'When Bob presses "Undo"', status: 'FAILED', message: '\u001b[31mError: Bob sees no button "Undo"; the buttons shown are: none\u001b[0m\n    at x' }, emptyAlbum),
    'The step "When Bob presses "Undo"" failed: Bob sees no button "Undo"; the buttons shown are: none.',
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
