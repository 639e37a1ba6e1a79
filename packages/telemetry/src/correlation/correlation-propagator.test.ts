import { ROOT_CONTEXT, defaultTextMapGetter, defaultTextMapSetter, type TextMapGetter } from '@opentelemetry/api';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { getCorrelationId, setCorrelationId } from './correlation-context.js';
import { CorrelationPropagator } from './correlation-propagator.js';

const propagator = new CorrelationPropagator();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** AMQP message headers: values may be Buffers, and nothing lower-cases the keys for us. */
const amqpGetter: TextMapGetter<Record<string, unknown>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key] as string | undefined,
};

describe('CorrelationPropagator', () => {
  const extracted: [reason: string, carrier: Record<string, unknown>, expected: string | RegExp][] = [
    ['an id from an HTTP header is kept', { 'x-correlation-id': 'req-42' }, 'req-42'],
    ['a UUID is kept', { 'x-correlation-id': '7d1c2e0a-5b7e-4c1a-9a43-0e3f2b9c8d11' }, '7d1c2e0a-5b7e-4c1a-9a43-0e3f2b9c8d11'],
    ['the first of repeated headers is used', { 'x-correlation-id': ['first', 'second'] }, 'first'],
    ['a Buffer header (some AMQP clients) is decoded', { 'x-correlation-id': Buffer.from('from-queue') }, 'from-queue'],
    ['a missing id is minted at the edge', {}, UUID],
    ['an empty id is replaced', { 'x-correlation-id': '' }, UUID],
    ['an id with spaces or newlines (log injection) is replaced', { 'x-correlation-id': 'a b\nforged=1' }, UUID],
    ['an id longer than 128 characters is replaced', { 'x-correlation-id': 'x'.repeat(129) }, UUID],
  ];
  for (const [reason, carrier, expected] of extracted) {
    it(`extract: ${reason}`, () => {
      const id = getCorrelationId(propagator.extract(ROOT_CONTEXT, carrier, amqpGetter));
      if (typeof expected === 'string') assert.equal(id, expected);
      else assert.match(id ?? '', expected);
    });
  }

  it('inject writes the context’s id, and nothing when there is none', () => {
    const carrier: Record<string, string> = {};
    propagator.inject(setCorrelationId(ROOT_CONTEXT, 'corr-7'), carrier, defaultTextMapSetter);
    assert.deepEqual(carrier, { 'x-correlation-id': 'corr-7' });
    const empty: Record<string, string> = {};
    propagator.inject(ROOT_CONTEXT, empty, defaultTextMapSetter);
    assert.deepEqual(empty, {});
  });

  it('round-trips through HTTP headers', () => {
    const headers: Record<string, string> = {};
    propagator.inject(setCorrelationId(ROOT_CONTEXT, 'round-trip'), headers, defaultTextMapSetter);
    assert.equal(getCorrelationId(propagator.extract(ROOT_CONTEXT, headers, defaultTextMapGetter)), 'round-trip');
    assert.deepEqual(propagator.fields(), ['x-correlation-id']);
  });
});
