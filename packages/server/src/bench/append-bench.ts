import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { decodeProtobufTraces } from '../ingest/otlp/protobuf/decode-protobuf-traces.js';
import type { SpanRecord } from '../model/telemetry-records.js';
import { openDuckDbStore } from '../store/duckdb/open-duckdb-store.js';
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
    const decoded = set.payloads.map((p) => decodeProtobufTraces(p.protobuf).records);
    let sequence = 0;
    const batch = (): SpanRecord[] => {
      const spans: SpanRecord[] = [];
      for (let i = 0; i < requestsPerBatch; i++, sequence++) {
        // Fresh trace ids per batch, as in the ingest run, so no two batches write the same spans.
        const tag = sequence.toString(16).padStart(8, '0');
        for (const span of decoded[sequence % decoded.length])
          spans.push({ ...span, traceId: tag + span.traceId.slice(8) });
      }
      return spans;
    };
    let spans = 0;
    let batches = 0;
    let appendMillis = 0;
    const deadline = performance.now() + seconds * 1000;
    while (performance.now() < deadline) {
      const records = batch();
      const started = performance.now();
      await store.appendTelemetry([{ tenantId: 'bench', spans: records, logs: [] }]);
      appendMillis += performance.now() - started;
      spans += records.length;
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
