import { test } from 'node:test';
import assert from 'node:assert/strict';
import { percentile, summarize } from '../../bench/stats';
import { formatValue, verdict } from '../../bench/report';

test('percentiles are nearest-rank: always an observed sample', () => {
  const samples = Array.from({ length: 500 }, (_, i) => 500 - i); // 500 … 1, unsorted on purpose
  assert.equal(percentile(samples, 50), 250);
  assert.equal(percentile(samples, 95), 475);
  assert.equal(percentile(samples, 99), 495);
  assert.equal(percentile(samples, 100), 500);
  assert.equal(percentile([7], 1), 7);
});

test('percentile of nothing is NaN; a p outside (0, 100] is refused', () => {
  assert.ok(Number.isNaN(percentile([], 50)));
  assert.throws(() => percentile([1], 0), RangeError);
  assert.throws(() => percentile([1], 101), RangeError);
});

test('summarize reports n, min, max and mean beside the percentiles', () => {
  assert.deepEqual(summarize([4, 1, 3, 2]), { n: 4, min: 1, p50: 2, p95: 4, p99: 4, max: 4, mean: 2.5 });
});

test('a figure meets or misses its target; one without a target or value has no verdict', () => {
  assert.equal(verdict({ key: 'a', label: 'a', value: 1.9, unit: 'ms', target: { op: '<=', value: 2 } }), 'met');
  assert.equal(verdict({ key: 'a', label: 'a', value: 3.9, unit: '×', target: { op: '>=', value: 4 } }), 'MISSED');
  assert.equal(verdict({ key: 'a', label: 'a', value: Number.NaN, unit: 'ms', target: { op: '<=', value: 2 } }), '');
  assert.equal(verdict({ key: 'a', label: 'a', value: 1, unit: 'ms' }), '');
  assert.equal(formatValue(54.93, '×'), '54.9×');
  assert.equal(formatValue(Number.NaN, 'ms'), 'n/a');
});
