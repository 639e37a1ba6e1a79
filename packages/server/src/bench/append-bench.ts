import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { decodeProtobufTraces } from '../ingest/otlp/protobuf/decode-protobuf-traces.js';
import { storedExport } from '../ingest/otlp/telemetry-codec.js';
import type { SpanRecord } from '../model/telemetry-records.js';
import { openDuckDbStore } from '../store/duckdb/open-duckdb-store.js';
import type { TelemetryGroup } from '../store/store.js';
import type { PayloadSet } from './trace-payloads.js';

export interface AppendFigure {
  /** False: a `:memory:` store, i.e. the same append without the write-ahead log and fsync. */
  durable: boolean;
  spansPerBatch: number;
  /** Spans per second of Store.appendTelemetry alone (one transaction per batch, as a group commit). */
  spansPerSecond: number;
  msPerBatch: number;
}

/**
 * One step of the ingest path in isolation: the durable append of decoded spans, with the
 * plane's DuckDB settings, in batches as large as the ingest run's group commits can be
 * (`requestsPerBatch` requests). Decoding and re-keying happen outside the timed part. This is a
 * ceiling for ingest end to end, which also assembles calls and writes sessions.
 */
export async function measureAppend(
  set: PayloadSet,
  requestsPerBatch: number,
  seconds: number,
  durable: boolean,
): Promise<AppendFigure> {
  const defaults = loadConfig({});
  const dir = mkdtempSync(join(tmpdir(), 'lumay-bench-append-'));
  const store = await openDuckDbStore({
    dataDir: durable ? dir : ':memory:',
    memoryLimitMb: defaults.duckDbMemoryLimitMb,
    threads: defaults.duckDbThreads,
  });
  try {
    const decoded = set.payloads.map((p) => ({ raw: storedExport('protobuf', p.protobuf), spans: decodeProtobufTraces(p.protobuf).records }));
    let sequence = 0;
    // One group per request with the request's bytes, as the pipeline hands them to the store.
    const batch = (): TelemetryGroup[] => {
      const groups: TelemetryGroup[] = [];
      for (let i = 0; i < requestsPerBatch; i++, sequence++) {
        // Fresh trace ids per batch, as in the ingest run, so no two batches index the same traces.
        const tag = sequence.toString(16).padStart(8, '0');
        const payload = decoded[sequence % decoded.length];
        const spans: SpanRecord[] = payload.spans.map((span) => ({ ...span, traceId: tag + span.traceId.slice(8) }));
        groups.push({ tenantId: 'bench', spans, logs: [], raw: payload.raw });
      }
      return groups;
    };
    let spans = 0;
    let batches = 0;
    let appendMillis = 0;
    const deadline = performance.now() + seconds * 1000;
    while (performance.now() < deadline) {
      const groups = batch();
      const started = performance.now();
      await store.appendTelemetry(groups);
      appendMillis += performance.now() - started;
      for (const group of groups) spans += group.spans.length;
      batches++;
    }
    return {
      durable,
      spansPerBatch: spans / batches,
      spansPerSecond: spans / (appendMillis / 1000),
      msPerBatch: appendMillis / batches,
    };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
