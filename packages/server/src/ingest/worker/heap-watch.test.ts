import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getHeapStatistics } from 'node:v8';
import { HeapWatch } from './heap-watch.js';

test('counts the ArrayBuffers a thread keeps beside its heap, but not the bytes only passing through', () => {
  const before = getHeapStatistics();
  const kept = Buffer.alloc(64 * 2 ** 20, 1);
  // Full past what was held before plus 32 MB: only the 64 MB outside the heap can pass it.
  const limit = before.used_heap_size + before.external_memory + 32 * 2 ** 20;
  const counting = new HeapWatch(limit, 1);
  const passing = new HeapWatch(limit, 1, () => kept.byteLength);
  try {
    counting.observedFullCollection();
    passing.observedFullCollection();
    assert.equal(counting.full, true);
    assert.equal(passing.full, false);
  } finally {
    counting.stop();
    passing.stop();
  }
  assert.equal(kept[kept.length - 1], 1); // held until here
});
