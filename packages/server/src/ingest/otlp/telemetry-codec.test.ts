import { deflateRawSync, gzipSync } from 'node:zlib';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { LOG_CASES, LOG_RESOURCE } from './sdk-log-cases.js';
import { SPAN_CASES, recordCase } from './sdk-trace-cases.js';
import { decodeStoredLogs, decodeStoredSpans, exportOfLogs, exportOfSpans, storedExport } from './telemetry-codec.js';

// Every span shape the SDK cases cover (all attribute types, events, links, status, several
// resources and scopes): records → stored OTLP/JSON export → records is the identity.
for (const c of SPAN_CASES) {
  test(`records stored without their request read back the same: ${c.reason}`, () => {
    assert.deepEqual(decodeStoredSpans(exportOfSpans(c.expected)), c.expected);
  });
}

test('records stored without their request: every log case reads back the same', () => {
  const logs = LOG_CASES.map((c) => ({ ...c.expected, resource: LOG_RESOURCE }));
  assert.deepEqual(decodeStoredLogs(exportOfLogs(logs)), logs);
});

test('a request stored as it came (protobuf, compressed) reads back as the records it carried', async () => {
  const c = SPAN_CASES[0];
  const body = ProtobufTraceSerializer.serializeRequest(await recordCase(c));
  assert.ok(body);
  const stored = storedExport('protobuf', body);
  assert.equal(stored.compression, 'brotli');
  assert.ok(stored.body.length < body.length, 'compressed');
  assert.deepEqual(decodeStoredSpans(stored), c.expected);
});

test('a request that came gzip-compressed is kept as it came and reads back as the records it carried', async () => {
  const c = SPAN_CASES[0];
  const body = ProtobufTraceSerializer.serializeRequest(await recordCase(c));
  assert.ok(body);
  const gzipped = gzipSync(body);
  const stored = storedExport('protobuf', body, gzipped);
  assert.equal(stored.compression, 'gzip');
  assert.equal(stored.body, gzipped, 'not compressed a second time');
  assert.deepEqual(decodeStoredSpans(stored), c.expected);
});

test('an export stored as raw DEFLATE by an earlier version still reads back as the records it carried', async () => {
  const c = SPAN_CASES[0];
  const body = ProtobufTraceSerializer.serializeRequest(await recordCase(c));
  assert.ok(body);
  assert.deepEqual(decodeStoredSpans({ encoding: 'protobuf', compression: 'deflate-raw', body: deflateRawSync(body) }), c.expected);
});
