import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { PriceBookVersion, PriceEntry } from './price-book.js';
import { PriceBooks } from './price-books.js';

const stt = (price: number): PriceEntry[] => [{ component: 'stt', perAudioMinuteUsd: price }];
const version = (effectiveFromUs: number, price: number, tenantId = 't'): PriceBookVersion => ({
  tenantId,
  effectiveFromUs,
  entries: stt(price),
  note: '',
  createdAtUs: 0,
});
const priceAt = (books: PriceBooks, tenantId: string, atUs: number): unknown => {
  const [first] = books.layersAt(tenantId, atUs);
  return first?.[0]?.component === 'stt' ? first[0].perAudioMinuteUsd : null;
};

test('PriceBooks: the version in effect is the latest one dated at or before the call', () => {
  const books = new PriceBooks([stt(1)], [version(300, 3), version(100, 2)]);
  assert.equal(priceAt(books, 't', 99), 1, 'before any version: the base layers');
  assert.equal(priceAt(books, 't', 100), 2, 'from its effective date');
  assert.equal(priceAt(books, 't', 299), 2);
  assert.equal(priceAt(books, 't', 300), 3);
  assert.equal(priceAt(books, 'other', 300), 1, 'another tenant has only the base');
});

test('PriceBooks: a version covers calls until the next one; the same date replaces it', () => {
  const books = new PriceBooks([stt(1)], [version(100, 2), version(300, 3)]);
  assert.deepEqual(books.windowOf('t', 200), { fromUs: 200, toUs: 300 });
  assert.deepEqual(books.windowOf('t', 300), { fromUs: 300, toUs: Number.MAX_SAFE_INTEGER });
  books.put(version(100, 5));
  assert.equal(books.versionsOf('t').length, 2);
  assert.equal(priceAt(books, 't', 150), 5);
});
