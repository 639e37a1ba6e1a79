import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { SpanIdSet } from './span-id-set.js';

const spanId = (): string => randomBytes(8).toString('hex');

test('holds exactly what a Set of the same strings holds, through many growths', () => {
  const ids = new SpanIdSet();
  const reference = new Set<string>();
  for (let i = 0; i < 20_000; i++) {
    const id = i % 7 === 0 && reference.size > 0 ? [...reference][i % reference.size] : spanId();
    assert.equal(ids.add(id), !reference.has(id));
    reference.add(id);
  }
  assert.equal(ids.size, reference.size);
  for (const id of reference) assert.equal(ids.has(id), true);
  for (let i = 0; i < 20_000; i++) {
    const id = spanId();
    assert.equal(ids.has(id), reference.has(id));
  }
});

test('ids that differ only in one half, or share a slot, stay apart', () => {
  const ids = new SpanIdSet();
  const list = ['0000000100000000', '0000000000000001', '0000000100000001', 'ffffffffffffffff', 'ffffffff00000000'];
  for (const id of list) assert.equal(ids.add(id), true);
  for (const id of list) assert.equal(ids.has(id), true);
  assert.equal(ids.has('00000000ffffffff'), false);
  assert.equal(ids.size, list.length);
});

test('the all-zero id and ids that are not 16 lowercase hex digits are kept by their exact strings', () => {
  const ids = new SpanIdSet();
  assert.equal(ids.has('0000000000000000'), false);
  assert.equal(ids.add('0000000000000000'), true);
  assert.equal(ids.add('0000000000000000'), false);
  // An uppercase id is another string than its lowercase form, as everywhere else in the plane.
  assert.equal(ids.add('ABCDEF0123456789'), true);
  assert.equal(ids.has('abcdef0123456789'), false);
  assert.equal(ids.add('abcdef0123456789'), true);
  for (const odd of ['', 'abc', 'abcdef01234567890', 'abcdef012345678g', '00000000000000\u00e9\u00e9']) {
    assert.equal(ids.has(odd), false, odd);
    assert.equal(ids.add(odd), true, odd);
    assert.equal(ids.add(odd), false, odd);
    assert.equal(ids.has(odd), true, odd);
  }
  assert.equal(ids.size, 8);
  assert.equal(ids.has('0000000000000001'), false);
});
