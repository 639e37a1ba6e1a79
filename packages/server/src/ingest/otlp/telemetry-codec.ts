import { deflateRawSync, gunzipSync, inflateRawSync } from 'node:zlib';
import type { LogRecordEntry, SpanRecord } from '../../model/telemetry-records.js';
import type { RawExport } from '../../model/raw-export.js';
import { decodeJsonLogs } from './json/decode-json-logs.js';
import { decodeJsonTraces } from './json/decode-json-traces.js';
import { encodeJsonLogs, encodeJsonTraces } from './json/encode-json-records.js';
import { decodeProtobufLogs } from './protobuf/decode-protobuf-logs.js';
import { decodeProtobufTraces } from './protobuf/decode-protobuf-traces.js';

/*
 * Stored exports ↔ records. The store keeps each export request as it arrived and decodes it again
 * when a call's spans are needed (waterfall, rebuild, restart): the same decoder as ingest, so the
 * same records, and spans it rejected then are rejected again.
 */

/** Level 1: most of the size gain at a fraction of the CPU of the default level. */
const LEVEL = 1;

/**
 * A request body as the store keeps it. Compressed synchronously, on the ingest thread: level 1
 * takes 0.5 ms for a 241 KiB request of 497 spans, while the same compression on libuv's thread
 * pool waited there 7–9 ms on average under load (behind DuckDB's commits and the other exports'
 * inflates), and every export waits for its own before it can join a group commit.
 */
export function storedExport(encoding: RawExport['encoding'], body: Uint8Array, gzipped?: Uint8Array): RawExport {
  // A gzip request is kept as it came: it is already compressed, and its bytes decode to `body`.
  if (gzipped) return { encoding, compression: 'gzip', body: gzipped };
  return { encoding, compression: 'deflate-raw', body: deflateRawSync(body, { level: LEVEL }) };
}

function plain(raw: RawExport): Uint8Array {
  if (raw.compression === 'deflate-raw') return inflateRawSync(raw.body);
  return raw.compression === 'gzip' ? gunzipSync(raw.body) : raw.body;
}

export function decodeStoredSpans(raw: RawExport): SpanRecord[] {
  const body = plain(raw);
  return (raw.encoding === 'protobuf' ? decodeProtobufTraces(body) : decodeJsonTraces(body)).records;
}

export function decodeStoredLogs(raw: RawExport): LogRecordEntry[] {
  const body = plain(raw);
  return (raw.encoding === 'protobuf' ? decodeProtobufLogs(body) : decodeJsonLogs(body)).records;
}

/** Records the plane holds without their request, as an OTLP/JSON export to store. */
export function exportOfSpans(spans: readonly SpanRecord[]): RawExport {
  return { encoding: 'json', compression: 'deflate-raw', body: deflateRawSync(encodeJsonTraces(spans), { level: LEVEL }) };
}

export function exportOfLogs(logs: readonly LogRecordEntry[]): RawExport {
  return { encoding: 'json', compression: 'deflate-raw', body: deflateRawSync(encodeJsonLogs(logs), { level: LEVEL }) };
}
