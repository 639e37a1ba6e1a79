import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cachedKey, cachedShortValue } from './string-cache.js';

/** Decodes `text` through the cache, from inside a larger buffer as the decoder does. */
function throughCache(text: string): string {
  const bytes = Buffer.concat([Buffer.from('xx'), Buffer.from(text, 'utf8'), Buffer.from('yy')]);
  return cachedKey(bytes, 2, bytes.length - 2);
}

describe('cachedKey', () => {
  const cases: { reason: string; keys: string[] }[] = [
    { reason: 'a repeated key comes back equal', keys: ['gen_ai.request.model', 'gen_ai.request.model'] },
    {
      reason: 'keys that share length and every sampled byte land in one slot and must still differ',
      keys: ['abcXefgh', 'abcYefgh', 'abcXefgh', 'abcYefgh'],
    },
    { reason: 'non-ASCII keys decode as UTF-8', keys: ['größe', 'тег', '☎.calls', 'größe'] },
    { reason: 'one- and two-byte keys', keys: ['a', 'ab', 'a', 'b'] },
    { reason: 'the empty key', keys: ['', 'x', ''] },
    { reason: 'keys longer than the cached maximum bypass the cache', keys: ['k'.repeat(65), 'k'.repeat(65), 'k'.repeat(64)] },
  ];
  for (const { reason, keys } of cases) {
    it(reason, () => {
      assert.deepStrictEqual(keys.map(throughCache), keys);
    });
  }

});

describe('cachedShortValue', () => {
  const through = (text: string): string => {
    const bytes = Buffer.concat([Buffer.from('v'), Buffer.from(text, 'utf8'), Buffer.from('w')]);
    return cachedShortValue(bytes, 1, bytes.length - 1);
  };

  it('returns every value as decoded, repeated, colliding, non-ASCII, empty or too long to cache', () => {
    const values = ['deepgram', 'deepgram', 'abcXefgh', 'abcYefgh', 'größe', '', 'x'.repeat(24), 'y'.repeat(25), 'y'.repeat(25), 'deepgram'];
    assert.deepStrictEqual(values.map(through), values);
  });

});

describe('neither cache keeps a view of the request buffer, which the server may reuse', () => {
  for (const [name, cached, first, second] of [
    ['cachedKey', cachedKey, 'reused.key', 'other.keys'],
    ['cachedShortValue', cachedShortValue, 'inbound', 'outboun'],
  ] as const) {
    it(name, () => {
      const bytes = Buffer.from(first);
      assert.equal(cached(bytes, 0, bytes.length), first);
      bytes.write(second);
      assert.equal(cached(bytes, 0, bytes.length), second);
    });
  }
});
