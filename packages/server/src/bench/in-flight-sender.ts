/**
 * The RSS benchmark's engine: a child process that sends calls in progress to a plane over
 * OTLP/HTTP (JSON), one export each time it is asked. It runs apart from the plane so that the
 * plane's RSS holds what the plane keeps, not the garbage of making the load (recordings, decoded
 * copies, JSON text), as in the ingest benchmark.
 */
import { randomBytes } from 'node:crypto';
import { decodeProtobufTraces } from '../ingest/otlp/protobuf/decode-protobuf-traces.js';
import { encodeJsonTraces } from '../ingest/otlp/json/encode-json-records.js';
import type { InFlightSenderMessage, ToInFlightSender } from './in-flight-messages.js';
import { TraceIdStamper } from './trace-id-stamper.js';
import { buildTracePayloads, type TracePayload } from './trace-payloads.js';

/**
 * Every span of a recorded call but its root (a root ends with its call), under fresh trace ids,
 * as OTLP/JSON. Each copy is decoded from its own bytes, so no two calls share anything.
 */
function inProgressExport(payload: TracePayload, prefix: Buffer, sequence: number): Buffer {
  const copy = Buffer.from(payload.protobuf);
  new TraceIdStamper(payload.protobuf, payload.traceIds, payload.spanCount).stamp(copy, prefix, sequence);
  const spans = decodeProtobufTraces(copy).records.filter((s) => s.parentSpanId !== '');
  return Buffer.from(encodeJsonTraces(spans));
}

async function serve(url: string, apiKey: string): Promise<void> {
  const set = await buildTracePayloads(16, 20_260_202, Date.now());
  const prefix = randomBytes(8);
  let sequence = 0;
  const reply = (message: InFlightSenderMessage): boolean | undefined => process.send?.(message);
  process.on('message', (message: ToInFlightSender) => {
    if (message.type !== 'send') return;
    const body = inProgressExport(set.payloads[sequence % set.payloads.length], prefix, sequence);
    sequence++;
    const post = async (): Promise<void> => {
      const res = await fetch(new URL('/v1/traces', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
        body,
      });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`the plane answered ${res.status} to an export of calls in progress`);
    };
    post().then(
      () => reply({ type: 'sent' }),
      (error: unknown) => reply({ type: 'error', message: String(error) }),
    );
  });
  reply({ type: 'ready' });
}

process.once('message', (message: ToInFlightSender) => {
  if (message.type === 'start') {
    serve(message.url, message.apiKey).catch((error: unknown) =>
      process.send?.({ type: 'error', message: String(error) } satisfies InFlightSenderMessage),
    );
  }
});
