import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { FloodWaitError } from 'telegram/errors';
import { decideFloodWait, floodWaitSeconds, FloodWaitTooLongError, waitWithCountdown, withFloodWait } from '../../../../support/backends/test-dc/flood-wait';

/** A timer that fires when told: the tests run no wall-clock waits. */
function manualTimer() {
  const pending: Array<{ callback: () => void; ms: number }> = [];
  return {
    pending,
    setTimer: (callback: () => void, ms: number) => pending.push({ callback, ms }),
    fire: () => pending.shift()!.callback(),
  };
}

describe('FLOOD_WAIT policy', () => {
  it('reads X from the error as GramJS raises it', () => {
    assert.equal(floodWaitSeconds(new FloodWaitError({ request: undefined, capture: 31 } as never)), 31);
    assert.equal(floodWaitSeconds({ errorMessage: 'FLOOD', seconds: 31 }), 31);
    assert.equal(floodWaitSeconds({ errorMessage: 'FLOOD_TEST_PHONE_WAIT_30' }), 30);
    assert.equal(floodWaitSeconds({ errorMessage: 'FLOOD_WAIT_420' }), 420);
    assert.equal(floodWaitSeconds({ errorMessage: 'PHONE_NUMBER_BANNED' }), undefined);
    assert.equal(floodWaitSeconds(new Error('boom')), undefined);
  });

  it('waits up to the limit and stops above it, naming the wait and the remedy', () => {
    assert.deepEqual(decideFloodWait(60, 60, 'auth.sendCode'), { action: 'wait', seconds: 60 });
    const decision = decideFloodWait(3600, 60, 'auth.sendCode');
    assert.equal(decision.action, 'stop');
    assert.ok(decision.action === 'stop' && decision.error instanceof FloodWaitTooLongError);
    assert.match(decision.error.message, /wait 60 min \(FLOOD_WAIT_3600\) before auth\.sendCode again, more than TEST_DC_FLOOD_WAIT_LIMIT_S \(60 s\)/);
    assert.match(decision.error.message, /raise TEST_DC_FLOOD_WAIT_LIMIT_S to 3600/);
  });

  it('counts down on timer events, tick by tick, to 0', async () => {
    const timer = manualTimer();
    const ticks: number[] = [];
    let done = false;
    const wait = waitWithCountdown(25, { onTick: (left) => ticks.push(left), tickSeconds: 10, setTimer: timer.setTimer }).then(() => (done = true));
    assert.deepEqual(ticks, [25]);
    assert.equal(timer.pending[0]!.ms, 10_000);
    timer.fire();
    timer.fire();
    assert.equal(timer.pending[0]!.ms, 5_000, 'the last tick is the remainder: the wait is exactly X');
    timer.fire();
    await wait;
    assert.deepEqual(ticks, [25, 15, 5, 0]);
    assert.ok(done);
  });

  it('retries the call after a short wait, and gives up at once on a long one', async () => {
    const timer = manualTimer();
    const lines: string[] = [];
    let calls = 0;
    const result = withFloodWait('auth.sendCode', async () => {
      calls++;
      if (calls === 1) throw Object.assign(new Error('420'), { errorMessage: 'FLOOD', seconds: 3 });
      return 'sent';
    }, { limitSeconds: 60, log: (line) => lines.push(line), countdown: { setTimer: timer.setTimer } });
    await new Promise((resolve) => setImmediate(resolve));
    timer.fire();
    assert.equal(await result, 'sent');
    assert.equal(calls, 2);
    assert.deepEqual(lines, ['FLOOD_WAIT_3 on auth.sendCode: retrying in 3 s', 'FLOOD_WAIT_3 on auth.sendCode: retrying now']);

    await assert.rejects(
      withFloodWait('auth.sendCode', async () => { throw Object.assign(new Error('420'), { errorMessage: 'FLOOD_WAIT_86400' }); }, { limitSeconds: 60, log: () => {} }),
      FloodWaitTooLongError,
    );
  });
});
