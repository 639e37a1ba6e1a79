import type { ExportInput } from './export-inputs.js';
import type { CallSession } from '../model/call-session.js';
import type { LogRecordEntry, SpanRecord } from '../model/telemetry-records.js';
import type { RawExport } from '../model/raw-export.js';
import type {
  Bucket,
  CallFilter,
  CallListPage,
  CallListQuery,
  ConnectorStats,
  KpiSeriesPoint,
  KpiSummary,
} from '../kpis/kpi-types.js';
import type { ApiKeyRecord, TenantRecord } from '../tenancy/tenant-types.js';
import type { CostComponents, InsightCallRow } from '../insights/insight-types.js';
import type { PriceBookVersion } from '../cost/price-book.js';
import type { SurveyResponse } from '../kpis/survey-types.js';
import type { CustomKpiDefinition, StoredCustomKpi } from '../custom-kpis/kpi-definition.js';
import type { CostBreakdown } from '../model/call-session.js';
import type { PriceableUsage } from '../model/priceable-usage.js';
import type { Direction } from '@lumay/conventions';

/** Re-pricing one stored call: its new cost from its usage. */
export type Reprice = (usage: PriceableUsage, direction: Direction, startUs: number) => CostBreakdown;

/** One tenant's share of a durable write. */
export interface TelemetryGroup {
  tenantId: string;
  spans: SpanRecord[];
  logs: LogRecordEntry[];
  /** The export request the records came in, kept as it is; absent for records made otherwise. */
  raw?: RawExport;
}

export interface StoredSpan extends SpanRecord {
  tenantId: string;
}

export interface CallDetail {
  session: CallSession;
  spans: SpanRecord[];
  logs: LogRecordEntry[];
}

/**
 * What the plane needs from a database. Kept small and structural so a second backend
 * (ClickHouse) is a vertical slice behind the same interface.
 */
export interface Store {
  /** Appends raw spans and logs in one transaction; resolves only once the data is durable. */
  appendTelemetry(groups: TelemetryGroup[]): Promise<void>;
  /** The same for exports already reduced to what the store keeps (export-inputs.ts). */
  appendExports(exports: ExportInput[]): Promise<void>;
  /**
   * Inserts sessions, replacing any earlier revision of the same (tenant, trace id) atomically.
   * With `exactRevisions` the caller vouches that revision 1 means nothing is stored for that
   * trace (the assembler checks when it cannot be sure), so only later revisions are looked up.
   */
  saveSessions(sessions: CallSession[], options?: { exactRevisions?: boolean }): Promise<void>;

  /** Spans of traces that have no session yet and started after `sinceUs`: the calls in flight at restart. */
  loadOpenTraces(sinceUs: number): Promise<StoredSpan[]>;
  /** Trace ids of sessions completed after `sinceUs`, so late spans are recognised after a restart. */
  recentCompletedTraces(sinceUs: number): Promise<{ tenantId: string; traceId: string }[]>;
  /** All stored spans of one trace (for rebuilding a session when late spans arrive). */
  spansOfTrace(tenantId: string, traceId: string): Promise<SpanRecord[]>;
  /** All stored log records of one trace, in time order. */
  logsOfTrace(tenantId: string, traceId: string): Promise<LogRecordEntry[]>;
  /** Which of these traces have a stored session (any revision); `startUs` bounds the search. */
  storedTraces(traces: { tenantId: string; traceId: string; startUs: number }[]): Promise<{ tenantId: string; traceId: string }[]>;
  /** The stored session of one trace, if any. */
  sessionOfTrace(tenantId: string, traceId: string): Promise<CallSession | null>;

  kpiSummary(filter: CallFilter, humanCostPerCallUsd: number | null): Promise<KpiSummary>;
  kpiSeries(filter: CallFilter, bucket: Bucket, humanCostPerCallUsd: number | null): Promise<KpiSeriesPoint[]>;
  /** A series and the summary of its whole window, read once (what the console's overview shows). */
  kpiSeriesWithTotal(
    filter: CallFilter,
    bucket: Bucket,
    humanCostPerCallUsd: number | null,
  ): Promise<{ total: KpiSummary; points: KpiSeriesPoint[] }>;
  connectorBreakdown(filter: CallFilter): Promise<ConnectorStats[]>;
  /** The database's own memory by what holds it (buffers of tables, indexes, …), in bytes; only non-zero tags. */
  memoryUsage(): Promise<{ tag: string; bytes: number }[]>;
  /** One narrow row per session of the window, for the insights (insights/). */
  insightRows(filter: CallFilter): Promise<InsightCallRow[]>;
  /** Spend per cost component (telephony, STT, LLM, TTS, connector, other) over the window. */
  costComponents(filter: CallFilter): Promise<CostComponents>;
  listCalls(query: CallListQuery): Promise<CallListPage>;
  /** A call by call id or trace id, with its spans and logs; null when the tenant has no such call. */
  getCall(tenantId: string, callIdOrTraceId: string): Promise<CallDetail | null>;

  /** Merges the KPI rollup deltas of the hours from `sinceUs` on; answers do not change. */
  compactRollups(sinceUs: number): Promise<void>;

  /** Deletes raw spans and logs that started before `beforeUs`; sessions are kept. Returns rows deleted. */
  pruneRawTelemetry(beforeUs: number): Promise<number>;

  createTenant(tenant: TenantRecord): Promise<void>;
  updateTenant(tenant: TenantRecord): Promise<void>;
  listTenants(): Promise<TenantRecord[]>;
  getTenant(tenantId: string): Promise<TenantRecord | null>;
  createApiKey(key: ApiKeyRecord): Promise<void>;
  listApiKeys(tenantId: string): Promise<ApiKeyRecord[]>;
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null>;
  revokeApiKey(tenantId: string, keyId: string, revokedAtUs: number): Promise<boolean>;

  /** Stores a CSAT / NPS result; one per (call, kind), a resubmission replaces it. */
  saveSurvey(survey: SurveyResponse): Promise<void>;

  /** Tenant-defined KPIs of one tenant, or of every tenant (null). */
  listCustomKpis(tenantId: string | null): Promise<StoredCustomKpi[]>;
  /** Creates or replaces a definition (already validated); true when it replaced one. */
  saveCustomKpi(tenantId: string, definition: CustomKpiDefinition, nowUs: number): Promise<boolean>;
  deleteCustomKpi(tenantId: string, id: string): Promise<boolean>;
  customKpiValue(definition: CustomKpiDefinition, filter: CallFilter): Promise<number | null>;
  customKpiSeries(definition: CustomKpiDefinition, filter: CallFilter, bucket: Bucket): Promise<{ bucketStartUs: number; value: number | null }[]>;

  /** Every tenant's price book versions (few and small: the plane keeps them in memory). */
  listPriceBookVersions(): Promise<PriceBookVersion[]>;
  /** Stores a version and re-prices the tenant's calls starting in `window` with `reprice`, in one
   * transaction; returns how many calls were re-priced. */
  savePriceBookVersion(version: PriceBookVersion, window: { fromUs: number; toUs: number }, reprice: Reprice): Promise<number>;

  close(): Promise<void>;
}
