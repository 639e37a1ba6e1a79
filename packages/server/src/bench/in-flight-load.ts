import { randomBytes } from 'node:crypto';
import type { RunningPlane } from '../start-plane.js';
import { decodeProtobufTraces } from '../ingest/otlp/protobuf/decode-protobuf-traces.js';
import { TraceIdStamper } from './trace-id-stamper.js';
import { buildTracePayloads } from './trace-payloads.js';
import { encodeJsonTraces } from '../ingest/otlp/json/encode-json-records.js';

/**
 * Puts `calls` calls in flight on a running plane, as an engine does mid-call: every span of the
 * recorded calls but their roots (a root ends with its call), each call under a fresh trace id,
 * through ingest as OTLP/JSON exports (durable, then held by the assembler until the call ends). Each
 * copy is decoded from its own bytes, so no two calls share attribute objects: the memory is
 * what the plane would hold for that many distinct calls. Returns the calls in flight after.
 */
export async function putCallsInFlight(plane: RunningPlane, tenantId: string, calls: number): Promise<number> {
  const set = await buildTracePayloads(16, 20_260_202, Date.now());
  const prefix = randomBytes(8);
  let sequence = 0;
  const inFlight = async (): Promise<number> => {
    await plane.ingest.tick(); // also brings the worker's counts up to date
    return plane.ingest.status().inFlight;
  };
  while ((await inFlight()) < calls) {
    for (const payload of set.payloads) {
      const copy = Buffer.from(payload.protobuf);
      new TraceIdStamper(payload.protobuf, payload.traceIds, payload.spanCount).stamp(copy, prefix, sequence++);
      const spans = decodeProtobufTraces(copy).records.filter((s) => s.parentSpanId !== '');
      await plane.ingest.export(tenantId, 'traces', 'json', Buffer.from(encodeJsonTraces(spans)));
      if ((await inFlight()) >= calls) break;
    }
  }
  return inFlight();
}
