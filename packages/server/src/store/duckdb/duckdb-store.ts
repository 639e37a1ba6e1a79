import type { CallSession } from '../../model/call-session.js';
import type { LogRecordEntry, SpanRecord } from '../../model/telemetry-records.js';
import type {
  Bucket,
  CallFilter,
  CallListPage,
  CallListQuery,
  ConnectorStats,
  KpiSeriesPoint,
  KpiSummary,
} from '../../kpis/kpi-types.js';
import type { ApiKeyRecord, TenantRecord } from '../../tenancy/tenant-types.js';
import type { CallDetail, Reprice, Store, StoredSpan, TelemetryGroup } from '../store.js';
import { listCalls } from './call-list-query.js';
import { insightRows } from './insights/insight-rows.js';
import { costComponents } from './insights/cost-components.js';
import type { CostComponents, InsightCallRow } from '../../insights/insight-types.js';
import type { DuckDbConnections } from './duckdb-connections.js';
import { connectorBreakdown, kpiSeries, kpiSeriesWithTotal, kpiSummary, type KpiCaches } from './kpi-queries.js';
import { getCall, recentCompletedTraces, sessionOfTrace } from './session-queries.js';
import { findStored, saveSessions, type TraceAt } from './session-writes.js';
import type { WalCheckpoints } from './wal-checkpoints.js';
import * as tenants from './tenant-queries.js';
import { listPriceBookVersions, savePriceBookVersion } from './price-book-queries.js';
import type { PriceBookVersion } from '../../cost/price-book.js';
import type { SurveyResponse } from '../../kpis/survey-types.js';
import { saveSurvey } from './survey-queries.js';
import { SurveyTenants } from './survey-tenants.js';
import { KpiPeriodCache, touchedRanges } from './kpi-period-cache.js';
import type { TimeRange } from './kpi-window-sql.js';
import * as customKpis from './custom-kpi-queries.js';
import { compactRollups } from './kpi-rollups.js';
import { SqlParams, queryRows } from './sql-params.js';
import { num, str, type Row } from './row-values.js';
import type { CustomKpiDefinition, StoredCustomKpi } from '../../custom-kpis/kpi-definition.js';
import { toExportInputs, type ExportInput } from '../export-inputs.js';
import { appendExports, loadOpenTraces, logsOfTrace, pruneRawTelemetry, spansOfTrace } from './telemetry-queries.js';

/**
 * The embedded Store: raw telemetry appended on its own connection, every other write on the
 * one writer connection (serialised), every read on a reader connection. The SQL lives in the *-queries / *-writes modules; this class only routes.
 */
export class DuckDbStore implements Store {
  /** Survey presence and the kept hours of windows without a dimension filter (kpi-hour-cache.ts). */
  private readonly kpiCaches: KpiCaches = { surveys: new SurveyTenants(), periods: new KpiPeriodCache() };

  constructor(
    private readonly db: DuckDbConnections,
    private readonly maxCallUs: number,
    /** Ids of raw exports are assigned here, on the one appender connection, in order. */
    private nextExportId: number,
    private readonly checkpoints: WalCheckpoints | null = null,
  ) {}

  appendTelemetry(groups: TelemetryGroup[]): Promise<void> {
    return this.appendExports(toExportInputs(groups));
  }

  appendExports(exports: ExportInput[]): Promise<void> {
    return this.db.append(async (c) => {
      this.nextExportId = await appendExports(c, exports, this.nextExportId, Date.now() * 1000);
    });
  }

  saveSessions(sessions: CallSession[], options: { exactRevisions?: boolean } = {}): Promise<void> {
    const exactRevisions = options.exactRevisions ?? false;
    return this.db.write((c) =>
      this.changingPeriods(touchedRanges(sessions, exactRevisions, this.maxCallUs), () => saveSessions(c, sessions, this.maxCallUs, exactRevisions)),
    );
  }

  /**
   * Runs a write that changes the KPIs of sessions starting in `ranges` per tenant (every range
   * when undefined), with the period cache told before and after (kpi-period-cache.ts).
   */
  private async changingPeriods<T>(ranges: Map<string, TimeRange[] | undefined>, write: () => Promise<T>): Promise<T> {
    const cache = this.kpiCaches.periods;
    const announced = [...ranges].map(([tenantId, touched]) => cache.writing(tenantId, touched ?? null));
    try {
      return await write();
    } finally {
      for (const w of announced) cache.written(w);
    }
  }

  loadOpenTraces(sinceUs: number): Promise<StoredSpan[]> {
    return this.db.read((c) => loadOpenTraces(c, sinceUs));
  }

  recentCompletedTraces(sinceUs: number): Promise<{ tenantId: string; traceId: string }[]> {
    return this.db.read((c) => recentCompletedTraces(c, sinceUs));
  }

  spansOfTrace(tenantId: string, traceId: string): Promise<SpanRecord[]> {
    return this.db.read((c) => spansOfTrace(c, tenantId, traceId));
  }

  logsOfTrace(tenantId: string, traceId: string): Promise<LogRecordEntry[]> {
    return this.db.read((c) => logsOfTrace(c, tenantId, traceId));
  }

  storedTraces(traces: TraceAt[]): Promise<{ tenantId: string; traceId: string }[]> {
    return this.db.read(async (c) => {
      const stored = traces.length > 0 ? await findStored(c, traces, this.maxCallUs) : null;
      return stored ? stored.tenantIds.map((tenantId, i) => ({ tenantId, traceId: stored.traceIds[i] })) : [];
    });
  }

  sessionOfTrace(tenantId: string, traceId: string): Promise<CallSession | null> {
    return this.db.read((c) => sessionOfTrace(c, tenantId, traceId));
  }

  kpiSummary(filter: CallFilter, humanCostPerCallUsd: number | null): Promise<KpiSummary> {
    return this.db.read((c) => kpiSummary(c, filter, humanCostPerCallUsd, this.kpiCaches));
  }

  kpiSeries(filter: CallFilter, bucket: Bucket, humanCostPerCallUsd: number | null): Promise<KpiSeriesPoint[]> {
    return this.db.read((c) => kpiSeries(c, filter, bucket, humanCostPerCallUsd, this.kpiCaches));
  }

  kpiSeriesWithTotal(filter: CallFilter, bucket: Bucket, humanCostPerCallUsd: number | null): Promise<{ total: KpiSummary; points: KpiSeriesPoint[] }> {
    return this.db.read((c) => kpiSeriesWithTotal(c, filter, bucket, humanCostPerCallUsd, this.kpiCaches));
  }

  /**
   * Forgets the kept periods of KPI windows, so the next reads cost what they cost after a restart
   * or after writes touching every period of their windows: the benchmark measures both.
   */
  forgetKeptPeriods(): void {
    this.kpiCaches.periods.clear();
  }

  memoryUsage(): Promise<{ tag: string; bytes: number }[]> {
    return this.db.read(async (c) =>
      (await queryRows(c, 'SELECT tag, memory_usage_bytes AS bytes FROM duckdb_memory() WHERE memory_usage_bytes > 0', new SqlParams())).map(
        (row) => ({ tag: str(row.tag), bytes: num(row.bytes) }),
      ),
    );
  }

  connectorBreakdown(filter: CallFilter): Promise<ConnectorStats[]> {
    return this.db.read((c) => connectorBreakdown(c, filter));
  }

  insightRows(filter: CallFilter): Promise<InsightCallRow[]> {
    return this.db.read((c) => insightRows(c, filter));
  }

  costComponents(filter: CallFilter): Promise<CostComponents> {
    return this.db.read((c) => costComponents(c, filter));
  }

  listCalls(query: CallListQuery): Promise<CallListPage> {
    return this.db.read((c) => listCalls(c, query));
  }

  getCall(tenantId: string, callIdOrTraceId: string): Promise<CallDetail | null> {
    return this.db.read((c) => getCall(c, tenantId, callIdOrTraceId));
  }

  /** Not part of Store: a parameterised read on a reader connection, for tools and tests. */
  readRows(sql: string, params: SqlParams): Promise<Row[]> {
    return this.db.read((c) => queryRows(c, sql, params));
  }

  compactRollups(sinceUs: number): Promise<void> {
    return this.db.write((c) => compactRollups(c, sinceUs));
  }

  pruneRawTelemetry(beforeUs: number): Promise<number> {
    return this.db.write((c) => pruneRawTelemetry(c, beforeUs));
  }

  createTenant(tenant: TenantRecord): Promise<void> {
    return this.db.write((c) => tenants.createTenant(c, tenant));
  }

  updateTenant(tenant: TenantRecord): Promise<void> {
    return this.db.write((c) => tenants.updateTenant(c, tenant));
  }

  listTenants(): Promise<TenantRecord[]> {
    return this.db.read((c) => tenants.listTenants(c));
  }

  getTenant(tenantId: string): Promise<TenantRecord | null> {
    return this.db.read((c) => tenants.getTenant(c, tenantId));
  }

  createApiKey(key: ApiKeyRecord): Promise<void> {
    return this.db.write((c) => tenants.createApiKey(c, key));
  }

  listApiKeys(tenantId: string): Promise<ApiKeyRecord[]> {
    return this.db.read((c) => tenants.listApiKeys(c, tenantId));
  }

  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null> {
    return this.db.read((c) => tenants.findApiKeyByHash(c, hash));
  }

  revokeApiKey(tenantId: string, keyId: string, revokedAtUs: number): Promise<boolean> {
    return this.db.write((c) => tenants.revokeApiKey(c, tenantId, keyId, revokedAtUs));
  }

  listCustomKpis(tenantId: string | null): Promise<StoredCustomKpi[]> {
    return this.db.read((c) => customKpis.listCustomKpis(c, tenantId));
  }

  saveCustomKpi(tenantId: string, definition: CustomKpiDefinition, nowUs: number): Promise<boolean> {
    return this.db.write((c) => customKpis.saveCustomKpi(c, tenantId, definition, nowUs));
  }

  deleteCustomKpi(tenantId: string, id: string): Promise<boolean> {
    return this.db.write((c) => customKpis.deleteCustomKpi(c, tenantId, id));
  }

  customKpiValue(definition: CustomKpiDefinition, filter: CallFilter): Promise<number | null> {
    return this.db.read((c) => customKpis.customKpiValue(c, definition, filter));
  }

  customKpiSeries(definition: CustomKpiDefinition, filter: CallFilter, bucket: Bucket): Promise<{ bucketStartUs: number; value: number | null }[]> {
    return this.db.read((c) => customKpis.customKpiSeries(c, definition, filter, bucket));
  }

  saveSurvey(survey: SurveyResponse): Promise<void> {
    this.kpiCaches.surveys.saving(survey.tenantId);
    return this.db.write((c) => saveSurvey(c, survey));
  }

  listPriceBookVersions(): Promise<PriceBookVersion[]> {
    return this.db.read((c) => listPriceBookVersions(c));
  }

  savePriceBookVersion(version: PriceBookVersion, window: { fromUs: number; toUs: number }, reprice: Reprice): Promise<number> {
    // A re-pricing changes the costs of every hour of the window: the tenant's hours are read again.
    return this.db.write((c) => this.changingPeriods(new Map([[version.tenantId, undefined]]), () => savePriceBookVersion(c, version, window, reprice)));
  }

  close(): Promise<void> {
    this.checkpoints?.stop();
    return this.db.close();
  }
}
