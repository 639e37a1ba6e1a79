import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TimeSlices } from './time-slices.js';

/** Busy-waits `millis` (a synchronous run, as a native append is). */
function spin(millis: number): void {
  const until = performance.now() + millis;
  while (performance.now() < until);
}

/** Runs three 3 ms steps with next() between them; returns after which step an immediate queued before the run ran. */
async function stepWhenImmediateRan(sliceMillis: number): Promise<number | null> {
  let ranAfter: number | null = null;
  let step = 0;
  setImmediate(() => (ranAfter = step));
  const slices = new TimeSlices(sliceMillis);
  for (step = 1; step <= 3; step++) {
    spin(3);
    await slices.next();
  }
  return ranAfter;
}

test('a run longer than its slice gives the event loop a turn as soon as the slice is used up', async () => {
  assert.equal(await stepWhenImmediateRan(2), 1);
});

test('within its slice a run keeps the loop (next() costs a clock read, not a turn)', async () => {
  assert.equal(await stepWhenImmediateRan(1_000), null);
});
