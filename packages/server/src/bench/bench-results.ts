import type { DecoderFigure } from './decode-bench.js';
import type { AppendFigure } from './append-bench.js';
import type { IngestFigure } from './ingest-bench.js';
import type { MachineInfo } from './machine-info.js';
import type { QueryFigure } from './query-bench.js';
import type { FreshnessFigure } from './freshness-bench.js';
import type { SdkOverheadFigure } from './sdk-overhead.js';

/** Everything one run measured; written as JSON and rendered as the markdown table. */
export interface BenchResults {
  startedAt: string;
  finishedAt: string;
  machine: MachineInfo;
  argv: string[];
  payload: {
    requests: number;
    spansPerRequest: number;
    callsPerRequest: number;
    attributesPerSpan: number;
    protobufBytesPerRequest: number;
    jsonBytesPerRequest: number;
  } | null;
  /** Every decoder of the decode section, or only protobufjs when just the ingest ratio needed it. */
  decode: DecoderFigure[];
  /** The durable append alone, on disk and in memory: the ceiling of the ingest path's store step. */
  append: AppendFigure[];
  ingest: IngestFigure[];
  queries: QueryFigure[];
  /** Call end → live stream and KPIs, idle and under load. */
  freshness: FreshnessFigure[];
  /** @lumay/telemetry's cost per span over the bare OpenTelemetry SDK. */
  sdk: SdkOverheadFigure | null;
  notes: string[];
}

/** The Performance targets of the design brief. */
export const TARGETS = {
  ingestSpansPerSecond: 100_000,
  ingestShareOfProtobufjs: 0.5,
  overviewMsAt10M: 50,
  rssMb: 400,
} as const;
