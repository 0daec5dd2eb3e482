import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { candidateNumbers, randomBlock, testCode, testNumber, WORKER_SPAN } from '../../../../support/backends/test-dc/numbers';

describe('test numbers (99966 X YYYY, code X×5)', () => {
  it('spells a number of a DC and its code', () => {
    assert.equal(testNumber(2, 42), '9996620042');
    assert.equal(testNumber(3, 10_003), '9996630003', 'YYYY wraps within its four digits');
    assert.equal(testCode('9996630003'), '33333');
    assert.throws(() => testCode('9996640001'), /not a test number/);
  });

  it('never gives two slots or two workers of one run the same number', () => {
    const block = 9_990; // near the end: the ranges wrap
    const seen = new Map<string, string>();
    for (let worker = 0; worker < 4; worker++) {
      for (let slot = 1; slot <= 20; slot++) {
        for (const phone of candidateNumbers({ block, worker, slot, dc: 1, tries: 10 })) {
          assert.equal(seen.get(phone), undefined, `${phone} for worker ${worker} slot ${slot} is already ${seen.get(phone)}'s`);
          seen.set(phone, `w${worker}s${slot}`);
        }
      }
    }
    assert.equal(seen.size, 4 * 20 * 10);
  });

  it('gives each person `tries` numbers in order, inside the worker\'s span', () => {
    const numbers = candidateNumbers({ block: 100, worker: 1, slot: 2, dc: 2, tries: 3 });
    assert.deepEqual(numbers, [testNumber(2, 100 + WORKER_SPAN + 3), testNumber(2, 100 + WORKER_SPAN + 4), testNumber(2, 100 + WORKER_SPAN + 5)]);
  });

  it('draws a machine block in the number space, a multiple of ten', () => {
    assert.equal(randomBlock(() => 0), 0);
    assert.equal(randomBlock(() => 0.99999), 9_990);
    assert.equal(randomBlock(() => 0.5) % 10, 0);
  });
});
