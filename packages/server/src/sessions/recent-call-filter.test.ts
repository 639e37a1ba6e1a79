import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { RecentCallFilter } from './recent-call-filter.js';

const key = (): string => `tenant\u0000${randomBytes(16).toString('hex')}`;

test('every key added is found: "no" is never wrong', () => {
  const filter = new RecentCallFilter(3_600e6);
  const keys = Array.from({ length: 150_000 }, key);
  keys.forEach((k, i) => filter.add(k, i));
  for (const k of keys) assert.equal(filter.mightContain(k), true);
});

test('keys never added are almost never reported (false positives well under 1e-4)', () => {
  const filter = new RecentCallFilter(3_600e6);
  for (let i = 0; i < 200_000; i++) filter.add(key(), i);
  let falsePositives = 0;
  for (let i = 0; i < 200_000; i++) if (filter.mightContain(key())) falsePositives++;
  assert.ok(falsePositives <= 20, `${falsePositives} false positives in 200,000`);
});

test('generations older than the retention are dropped, and their keys with them', () => {
  const filter = new RecentCallFilter(60e6);
  const old = key();
  filter.add(old, 0);
  for (let i = 0; i < 70_000; i++) filter.add(key(), 1_000 + i);
  assert.equal(filter.mightContain(old), true);
  const bytesBefore = filter.bytes;
  filter.add(key(), 120e6);
  assert.equal(filter.mightContain(old), false);
  assert.ok(filter.bytes < bytesBefore, `${filter.bytes} < ${bytesBefore}`);
});
