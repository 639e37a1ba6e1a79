import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { Metadata, credentials, makeGenericClientConstructor, status, type ServiceError } from '@grpc/grpc-js';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import protobuf from 'protobufjs/minimal.js';
import { PlaneError } from '../../errors/plane-error.js';
import type { OtlpSignal } from '../otlp-format.js';
import { OtlpDecodeError } from '../otlp/otlp-decode-error.js';
import { decodeProtobufTraces } from '../otlp/protobuf/decode-protobuf-traces.js';
import { SPAN_CASES, recordCase } from '../otlp/sdk-trace-cases.js';
import { LOGS_EXPORT_PATH, TRACE_EXPORT_PATH } from './otlp-grpc-service.js';
import { type OtlpGrpcServer, startOtlpGrpcServer } from './otlp-grpc-server.js';

/** The exporter's CompressionAlgorithm enum, whose values are the strings 'gzip' and 'none'. */
type ExporterCompression = NonNullable<ConstructorParameters<typeof OTLPTraceExporter>[0]>['compression'];

interface Call {
  signal: OtlpSignal;
  authorization: string | undefined;
  body: Buffer;
}

/** What the next export does: its result, or the error it throws. */
let outcome: { rejected: number; message: string } | Error = { rejected: 0, message: '' };
let calls: Call[] = [];
let internalErrors: unknown[] = [];

async function startRecordingServer(maxReceiveMessageBytes?: number): Promise<OtlpGrpcServer> {
  return startOtlpGrpcServer({
    host: '127.0.0.1',
    port: 0,
    maxReceiveMessageBytes,
    handle: async (signal, authorization, body) => {
      calls.push({ signal, authorization, body });
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
    onInternalError: (error) => internalErrors.push(error),
  });
}

/** Sends raw bytes to one Export method with grpc-js itself, as any OTLP client would. */
function rawExport(
  port: number,
  path: string,
  body: Uint8Array,
  options: { metadata?: Metadata; gzip?: boolean } = {},
): Promise<{ error: ServiceError | null; response?: Buffer }> {
  const identity = (bytes: Buffer): Buffer => bytes;
  const Client = makeGenericClientConstructor(
    { Export: { path, requestStream: false, responseStream: false, requestSerialize: identity, requestDeserialize: identity, responseSerialize: identity, responseDeserialize: identity } },
    'OtlpExport',
  );
  const client = new Client(`127.0.0.1:${port}`, credentials.createInsecure(), options.gzip ? { 'grpc.default_compression_algorithm': 2 } : {});
  const exportCall = client.Export.bind(client) as (
    body: Buffer,
    metadata: Metadata,
    callback: (error: ServiceError | null, response?: Buffer) => void,
  ) => void;
  return new Promise((resolve) => {
    exportCall(Buffer.from(body), options.metadata ?? new Metadata(), (error, response) => {
      client.close();
      resolve({ error, response });
    });
  });
}

/** Exports spans with the official OTLP/gRPC exporter and returns its result. */
async function officialExport(port: number, spans: ReadableSpan[], config: { authorization?: string; gzip?: boolean } = {}): Promise<ExportResult> {
  const metadata = new Metadata();
  if (config.authorization !== undefined) metadata.set('authorization', config.authorization);
  const exporter = new OTLPTraceExporter({ url: `http://127.0.0.1:${port}`, metadata, compression: (config.gzip ? 'gzip' : 'none') as ExporterCompression, timeoutMillis: 5000 });
  const result = await new Promise<ExportResult>((resolve) => exporter.export(spans, resolve));
  await exporter.shutdown();
  return result;
}

describe('startOtlpGrpcServer', () => {
  let server: OtlpGrpcServer;
  let spans: ReadableSpan[];
  before(async () => {
    server = await startRecordingServer();
    spans = (await Promise.all(SPAN_CASES.map(recordCase))).flat();
  });
  after(() => server.close());
  beforeEach(() => {
    outcome = { rejected: 0, message: '' };
    calls = [];
    internalErrors = [];
  });

  it('binds an ephemeral port when asked for port 0', () => {
    assert.ok(server.port > 0);
  });

  const transports: { reason: string; gzip: boolean }[] = [
    { reason: 'uncompressed', gzip: false },
    { reason: 'gzip-compressed (grpc-js inflates before the handler runs)', gzip: true },
  ];
  for (const { reason, gzip } of transports) {
    it(`hands the official exporter's bytes and authorization to the handler, ${reason}`, async () => {
      const result = await officialExport(server.port, spans, { authorization: 'Bearer lm_test_key', gzip });
      assert.equal(result.code, ExportResultCode.SUCCESS, String(result.error));
      assert.equal(calls.length, 1);
      assert.equal(calls[0].signal, 'traces');
      assert.equal(calls[0].authorization, 'Bearer lm_test_key');
      const decoded = decodeProtobufTraces(calls[0].body);
      assert.deepStrictEqual(
        decoded.records.map((record) => [record.traceId, record.spanId, record.name]),
        SPAN_CASES.flatMap((c) => c.expected).map((record) => [record.traceId, record.spanId, record.name]),
      );
    });
  }

  it('passes undefined when the client sends no authorization', async () => {
    const result = await officialExport(server.port, spans.slice(0, 1));
    assert.equal(result.code, ExportResultCode.SUCCESS);
    assert.equal(calls[0].authorization, undefined);
  });

  it('routes the logs service to the handler as the logs signal', async () => {
    const { error } = await rawExport(server.port, LOGS_EXPORT_PATH, new Uint8Array());
    assert.equal(error, null);
    assert.equal(calls[0].signal, 'logs');
  });

  it('answers with partial_success when the handler rejected records', async () => {
    outcome = { rejected: 2, message: '2 spans rejected: trace_id is all zeros' };
    const { error, response } = await rawExport(server.port, TRACE_EXPORT_PATH, new Uint8Array());
    assert.equal(error, null);
    assert.ok(response);
    assert.deepStrictEqual(ProtobufTraceSerializer.deserializeResponse(response).partialSuccess, {
      rejectedSpans: 2,
      errorMessage: '2 spans rejected: trace_id is all zeros',
    });
  });

  it('fails the official exporter’s export when the handler refuses the key', async () => {
    outcome = PlaneError.unauthorized('unknown ingest key');
    const result = await officialExport(server.port, spans.slice(0, 1), { authorization: 'Bearer wrong' });
    assert.equal(result.code, ExportResultCode.FAILED);
    assert.match(String(result.error), /unknown ingest key/);
  });

  const failures: { reason: string; error: Error; code: status; details: string; retryDelaySeconds?: number }[] = [
    { reason: 'a malformed body is INVALID_ARGUMENT (never retried)', error: new OtlpDecodeError('truncated varint at byte 3 in Span'), code: status.INVALID_ARGUMENT, details: 'truncated varint at byte 3 in Span' },
    { reason: 'a 400 PlaneError is INVALID_ARGUMENT', error: PlaneError.badRequest('bad'), code: status.INVALID_ARGUMENT, details: 'bad' },
    { reason: '401 is UNAUTHENTICATED', error: PlaneError.unauthorized('no key'), code: status.UNAUTHENTICATED, details: 'no key' },
    { reason: '403 is PERMISSION_DENIED', error: PlaneError.forbidden('read-only key'), code: status.PERMISSION_DENIED, details: 'read-only key' },
    { reason: '413 is RESOURCE_EXHAUSTED without RetryInfo (not retried)', error: PlaneError.tooLarge('too big'), code: status.RESOURCE_EXHAUSTED, details: 'too big' },
    {
      reason: '429 is UNAVAILABLE with RetryInfo, the OTLP throttling signal',
      error: PlaneError.overloaded('slow down', 7),
      code: status.UNAVAILABLE,
      details: 'slow down',
      retryDelaySeconds: 7,
    },
    { reason: '503 is UNAVAILABLE with RetryInfo', error: PlaneError.unavailable('store down', 30), code: status.UNAVAILABLE, details: 'store down', retryDelaySeconds: 30 },
    { reason: 'a bug is INTERNAL and its message stays on the server', error: new TypeError('x is undefined'), code: status.INTERNAL, details: 'internal error' },
  ];
  for (const { reason, error: thrown, code, details, retryDelaySeconds } of failures) {
    it(reason, async () => {
      outcome = thrown;
      const { error } = await rawExport(server.port, TRACE_EXPORT_PATH, new Uint8Array());
      assert.ok(error);
      assert.equal(error.code, code);
      assert.equal(error.details, details);
      const [statusDetails] = error.metadata.get('grpc-status-details-bin');
      assert.deepStrictEqual(statusDetails === undefined ? undefined : retryDelayOf(statusDetails), retryDelaySeconds);
      assert.deepStrictEqual(internalErrors, thrown instanceof PlaneError ? [] : [thrown]);
    });
  }
});

describe('startOtlpGrpcServer message size limit', () => {
  let server: OtlpGrpcServer;
  before(async () => {
    server = await startRecordingServer(1024);
  });
  after(() => server.close());
  beforeEach(() => {
    outcome = { rejected: 0, message: '' };
    calls = [];
  });

  const cases: { reason: string; bytes: number; gzip: boolean; code: status | null; details?: RegExp }[] = [
    { reason: 'a message under the limit passes', bytes: 1000, gzip: false, code: null },
    {
      reason: 'a message over the limit is RESOURCE_EXHAUSTED before the handler',
      bytes: 2048,
      gzip: false,
      code: status.RESOURCE_EXHAUSTED,
      details: /^Received message larger than max/,
    },
    {
      reason: 'the limit applies after decompression: 64 KiB of zeros gzip to far less than 1 KiB',
      bytes: 64 * 1024,
      gzip: true,
      code: status.RESOURCE_EXHAUSTED,
      details: /^Received message that decompresses to a size larger than 1024$/,
    },
    { reason: 'a gzip message that inflates to under the limit passes', bytes: 1000, gzip: true, code: null },
  ];
  for (const { reason, bytes, gzip, code, details } of cases) {
    it(reason, async () => {
      const { error } = await rawExport(server.port, TRACE_EXPORT_PATH, new Uint8Array(bytes), { gzip });
      assert.equal(error?.code ?? null, code);
      if (details) assert.match(error?.details ?? '', details);
      assert.equal(calls.length, code === null ? 1 : 0);
      if (code === null) assert.equal(calls[0].body.length, bytes);
    });
  }
});

/** The retry delay in a google.rpc.Status's RetryInfo detail, read with protobufjs. */
function retryDelayOf(statusBytes: string | Buffer): number | undefined {
  const readField = (bytes: Uint8Array, wanted: number): Uint8Array | undefined => {
    const reader = protobuf.Reader.create(bytes);
    while (reader.pos < reader.len) {
      const tag = reader.uint32();
      if (tag >>> 3 === wanted && (tag & 7) === 2) return reader.bytes();
      reader.skipType(tag & 7);
    }
    return undefined;
  };
  const any = readField(Buffer.from(statusBytes), 3);
  const retryInfo = any && readField(any, 2);
  const duration = retryInfo && readField(retryInfo, 1);
  if (!duration) return undefined;
  const reader = protobuf.Reader.create(duration);
  reader.uint32();
  // Duration.seconds is an int64, but every delay here fits the 32-bit varint reader.
  return reader.uint32();
}
