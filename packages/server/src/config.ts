import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PriceEntry } from './cost/price-book.js';
import { parsePriceEntries } from './cost/parse-price-entries.js';

/**
 * The plane's configuration: read from the environment once at start-up, validated, frozen.
 * Every option carries its unit in its name. docs/configuration.md lists the variables.
 */
export interface PlaneConfig {
  dataDir: string;
  httpHost: string;
  /** OTLP/HTTP, REST API and console share this port. 0 = ephemeral. */
  httpPort: number;
  /** OTLP/gRPC. 0 = ephemeral, -1 = disabled. */
  grpcPort: number;
  /** How long after the root span arrives a call waits for straggling spans before it is final. */
  graceSeconds: number;
  /** A call without a root span is expired (recorded as failed, incomplete) after this long. */
  maxCallSeconds: number;
  /** Spans arriving this long after their call completed still amend it without a database look-up. */
  lateSpanWindowSeconds: number;
  /** Raw spans and logs (the waterfall) are deleted after this many days; sessions are kept. */
  rawRetentionDays: number;
  /** Largest OTLP body accepted, after decompression. */
  maxBodyBytes: number;
  /** OTLP body bytes (raw + decompressed) held in memory at once across requests; beyond, 503. */
  maxBufferedBodyBytes: number;
  /** Spans accepted but not yet durable; beyond this, exports get 503 + Retry-After. */
  maxPendingSpans: number;
  /** Calls in flight; beyond this, exports of new calls get 429 + Retry-After. */
  maxInFlightCalls: number;
  /** The ingest worker thread's heap limit (V8 old generation); new calls get 429 once the calls in flight keep 70% of it. */
  ingestHeapMb: number;
  /** Group commit: a batch is written at once when this many spans are queued, otherwise this
   * long after its first export (0: as soon as the writer is free). The 5 ms default: under load
   * (8 exporters, bench) it made 4–9% more spans/s than 0 with 0.2 cores less CPU, since one commit
   * then carries every export that arrived meanwhile instead of two or three. */
  flushMaxSpans: number;
  flushIntervalMillis: number;
  /** Human cost per call for tenants created without one (drives savings); null = not set. */
  defaultHumanCostPerCallUsd: number | null;
  /** The plane's own price book (LUMAY_PRICES_FILE): over the shipped defaults, under each tenant's. */
  planePrices: PriceEntry[];
  /** How often /metrics re-computes tenant-defined KPIs (lumay_tenant_kpi). */
  tenantKpiRefreshSeconds: number;
  logLevel: string;
  /** When set, /metrics requires `Authorization: Bearer <token>` (its labels name every tenant). */
  metricsToken: string | null;
  /** DuckDB memory limit; the plane's RSS target leaves room for the process itself. */
  duckDbMemoryLimitMb: number;
  duckDbThreads: number;
  /** Checkpoint when DuckDB's write-ahead log reaches this many MB, outside any commit; 0: DuckDB's own way. */
  checkpointWalMb: number;
  /** Decode, deduplicate and assemble calls on a worker thread, beside HTTP and DuckDB on the main one. */
  ingestWorker: boolean;
}

export type Env = Record<string, string | undefined>;

function number(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${name}=${raw} is not a number between ${min} and ${max}`);
  }
  return value;
}

function flag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  throw new Error(`${name}=${env[name]} is not true or false`);
}

function optionalNumber(env: Env, name: string): number | null {
  const raw = env[name];
  if (raw === undefined || raw === '') return null;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name}=${raw} is not a non-negative number`);
  return value;
}

function loadPrices(env: Env): PriceEntry[] {
  const file = env.LUMAY_PRICES_FILE;
  if (!file) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`LUMAY_PRICES_FILE=${file} could not be read as JSON: ${String(error)}`, { cause: error });
  }
  // A book is `{ "entries": [...] }` (what GET /api/v1/price-book returns) or the bare array.
  const entries = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as { entries?: unknown }).entries : parsed;
  try {
    return parsePriceEntries(entries);
  } catch (error) {
    throw new Error(`LUMAY_PRICES_FILE=${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}

export function loadConfig(env: Env): Readonly<PlaneConfig> {
  const config: PlaneConfig = {
    dataDir: resolve(env.LUMAY_DATA_DIR ?? 'data'),
    httpHost: env.LUMAY_HTTP_HOST ?? '127.0.0.1',
    httpPort: number(env, 'LUMAY_HTTP_PORT', 4318, 0, 65535),
    grpcPort: number(env, 'LUMAY_GRPC_PORT', 4317, -1, 65535),
    graceSeconds: number(env, 'LUMAY_GRACE_SECONDS', 5, 0, 3600),
    maxCallSeconds: number(env, 'LUMAY_MAX_CALL_SECONDS', 7200, 1, 7 * 86400),
    lateSpanWindowSeconds: number(env, 'LUMAY_LATE_SPAN_WINDOW_SECONDS', 3600, 0, 7 * 86400),
    rawRetentionDays: number(env, 'LUMAY_RAW_RETENTION_DAYS', 30, 1, 3650),
    maxBodyBytes: number(env, 'LUMAY_MAX_BODY_BYTES', 64 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    maxBufferedBodyBytes: number(env, 'LUMAY_MAX_BUFFERED_BODY_BYTES', 256 * 1024 * 1024, 1024, 64 * 1024 * 1024 * 1024),
    maxPendingSpans: number(env, 'LUMAY_MAX_PENDING_SPANS', 200_000, 1, 10_000_000),
    maxInFlightCalls: number(env, 'LUMAY_MAX_IN_FLIGHT_CALLS', 100_000, 1, 10_000_000),
    ingestHeapMb: number(env, 'LUMAY_INGEST_HEAP_MB', 1536, 64, 65_536),
    flushMaxSpans: number(env, 'LUMAY_FLUSH_MAX_SPANS', 20_000, 1, 1_000_000),
    flushIntervalMillis: number(env, 'LUMAY_FLUSH_INTERVAL_MILLIS', 5, 0, 10_000),
    defaultHumanCostPerCallUsd: optionalNumber(env, 'LUMAY_HUMAN_COST_PER_CALL_USD'),
    planePrices: loadPrices(env),
    tenantKpiRefreshSeconds: number(env, 'LUMAY_TENANT_KPI_REFRESH_SECONDS', 30, 0, 86_400),
    logLevel: env.LUMAY_LOG_LEVEL ?? 'info',
    ingestWorker: flag(env, 'LUMAY_INGEST_WORKER', true),
    metricsToken: env.LUMAY_METRICS_TOKEN || null,
    duckDbMemoryLimitMb: number(env, 'LUMAY_DUCKDB_MEMORY_LIMIT_MB', 256, 64, 1024 * 1024),
    duckDbThreads: number(env, 'LUMAY_DUCKDB_THREADS', 2, 1, 256),
    checkpointWalMb: number(env, 'LUMAY_CHECKPOINT_WAL_MB', 64, 0, 64 * 1024),
  };
  return Object.freeze(config);
}
