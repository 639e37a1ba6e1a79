import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CallSession } from '../model/call-session.js';
import { STAGES, WORK_ITEM_TYPES, isOneOf } from '@lumay/conventions';
import { LabelGuard } from './label-guard.js';

export type RejectReason = 'invalid' | 'malformed' | 'unauthorized' | 'too_large' | 'unsupported' | 'overloaded' | 'internal';
export type Signal = 'span' | 'log';

/** The reason label of a whole refused export, from its HTTP status (a closed set). */
export function rejectReasonOf(status: number): RejectReason {
  if (status === 400) return 'malformed';
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 413) return 'too_large';
  if (status === 415) return 'unsupported';
  if (status === 429 || status === 503) return 'overloaded';
  return 'internal';
}

const DURATION_BUCKETS = [15, 30, 60, 120, 180, 300, 600, 1200, 1800, 3600];
const STAGE_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 120];
const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/**
 * The plane's Prometheus metrics (text exposition at /metrics): call KPIs as counters and
 * histograms by tenant, agent, direction and outcome, and the plane's own health. One registry per
 * plane, so several planes in one process (tests) never share series. Labels that come from
 * payloads (tenant, agent, connector, campaign-free by design) pass through a LabelGuard.
 *
 * Call counters count each call once, at its first stored revision; an amendment by late spans
 * is counted in lumay_call_amendments_total rather than re-counted (Prometheus counters cannot
 * move a call from one outcome to another). The KPI API is the exact source of truth.
 */
/** What /metrics reads of ingest at scrape time (IngestStatus has these fields). */
export interface IngestGauges {
  inFlight: number;
  pendingSpans: number;
  notCallTraces: number;
  /** The ingest worker thread's V8 heap in use; null when ingest runs on the main thread. */
  workerHeapBytes: number | null;
}

export class PlaneMetrics {
  readonly registry = new Registry();
  private readonly tenants = new LabelGuard('tenant', 200);
  private readonly agents = new LabelGuard('agent', 500);
  private readonly connectors = new LabelGuard('connector', 200);
  private readonly guards = [this.tenants, this.agents, this.connectors];

  private readonly calls: Counter<'tenant' | 'agent' | 'direction' | 'outcome'>;
  private readonly amendments: Counter<'tenant'>;
  private readonly duration: Histogram<'tenant' | 'direction'>;
  private readonly stageSeconds: Histogram<'tenant' | 'stage'>;
  private readonly connectorCalls: Counter<'tenant' | 'connector' | 'outcome'>;
  private readonly cost: Counter<'tenant' | 'component'>;
  private readonly workItems: Counter<'tenant' | 'type'>;
  private readonly sentiment: Counter<'tenant' | 'sentiment'>;
  private readonly outbound: Counter<'tenant' | 'answered_by'>;
  private readonly received: Counter<'signal'>;
  private readonly duplicates: Counter<'signal'>;
  private readonly rejectedRecords: Counter<'signal' | 'reason'>;
  private readonly rejectedRequests: Counter<'transport' | 'reason'>;
  readonly storeWriteSeconds: Histogram<'operation'>;
  readonly httpSeconds: Histogram<'route' | 'method' | 'status_class'>;

  constructor(ingest: () => IngestGauges) {
    const r = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'lumay_plane_' });
    // prom-client names a few gauges *_total (active handles, requests, resources), which breaks the
    // exposition convention that promtool enforces; they are dropped rather than misnamed.
    for (const metric of this.registry.getMetricsAsArray()) {
      if (metric.name.endsWith('_total') && !(metric instanceof Counter)) this.registry.removeSingleMetric(metric.name);
    }
    this.calls = new Counter({ name: 'lumay_calls_total', help: 'Completed calls by outcome (each call once, at completion).', labelNames: ['tenant', 'agent', 'direction', 'outcome'], registers: r });
    this.amendments = new Counter({ name: 'lumay_call_amendments_total', help: 'Stored calls rebuilt because late spans arrived.', labelNames: ['tenant'], registers: r });
    this.duration = new Histogram({ name: 'lumay_call_duration_seconds', help: 'Duration of handled calls.', labelNames: ['tenant', 'direction'], buckets: DURATION_BUCKETS, registers: r });
    this.stageSeconds = new Histogram({ name: 'lumay_call_stage_seconds', help: 'Time a call spent in each stage (sum of its stage spans).', labelNames: ['tenant', 'stage'], buckets: STAGE_BUCKETS, registers: r });
    this.connectorCalls = new Counter({ name: 'lumay_connector_calls_total', help: 'Connector calls by connector and outcome.', labelNames: ['tenant', 'connector', 'outcome'], registers: r });
    this.cost = new Counter({ name: 'lumay_call_cost_usd_total', help: 'Cost of completed calls in US dollars by component.', labelNames: ['tenant', 'component'], registers: r });
    this.workItems = new Counter({ name: 'lumay_work_items_total', help: 'Work items (tickets, CRM updates, …) created by calls.', labelNames: ['tenant', 'type'], registers: r });
    this.sentiment = new Counter({ name: 'lumay_call_sentiment_total', help: 'Handled calls by sentiment label.', labelNames: ['tenant', 'sentiment'], registers: r });
    this.outbound = new Counter({ name: 'lumay_outbound_attempts_total', help: 'Outbound attempts by who answered.', labelNames: ['tenant', 'answered_by'], registers: r });
    this.received = new Counter({ name: 'lumay_ingest_records_total', help: 'Spans and log records accepted and made durable.', labelNames: ['signal'], registers: r });
    this.duplicates = new Counter({ name: 'lumay_ingest_duplicates_total', help: 'Spans dropped because they were already stored (retried exports).', labelNames: ['signal'], registers: r });
    this.rejectedRecords = new Counter({ name: 'lumay_ingest_records_rejected_total', help: 'Records rejected inside otherwise accepted exports (partial success).', labelNames: ['signal', 'reason'], registers: r });
    this.rejectedRequests = new Counter({ name: 'lumay_ingest_requests_rejected_total', help: 'Whole exports refused, by reason.', labelNames: ['transport', 'reason'], registers: r });
    this.storeWriteSeconds = new Histogram({ name: 'lumay_store_write_seconds', help: 'Duration of durable store writes.', labelNames: ['operation'], buckets: LATENCY_BUCKETS, registers: r });
    this.httpSeconds = new Histogram({ name: 'lumay_http_request_duration_seconds', help: 'HTTP request latency by route.', labelNames: ['route', 'method', 'status_class'], buckets: LATENCY_BUCKETS, registers: r });
    new Gauge({ name: 'lumay_calls_in_flight', help: 'Calls being assembled (not yet counted in KPIs).', registers: r, collect() { this.set(ingest().inFlight); } });
    new Counter({
      name: 'lumay_ingest_traces_not_calls_total',
      help: 'Traces that finished without being calls (no call attribute, no speech stage): an engine\'s API requests, health checks; stored, not counted.',
      registers: r,
      collect() {
        this.reset();
        this.inc(ingest().notCallTraces);
      },
    });
    new Gauge({ name: 'lumay_ingest_pending_spans', help: 'Spans accepted and waiting for their durable write.', registers: r, collect() { this.set(ingest().pendingSpans); } });
    new Gauge({
      name: 'lumay_ingest_worker_heap_bytes',
      help: 'V8 heap in use by the ingest worker thread (calls in flight live there); the process heap metrics cover the main thread only.',
      registers: r,
      collect() {
        const bytes = ingest().workerHeapBytes;
        if (bytes === null) this.reset();
        else this.set(bytes);
      },
    });
    const guards = this.guards;
    new Gauge({
      name: 'lumay_label_values_folded',
      help: 'Label values folded into "other" by the cardinality guard, by label.',
      labelNames: ['label'],
      registers: r,
      collect() {
        for (const g of guards) this.set({ label: g.label }, g.overflowed);
      },
    });
  }

  /**
   * Tenant-defined KPIs as `lumay_tenant_kpi{tenant, kpi}`: each definition's value over the last
   * 24 hours, read through `values` at scrape time but at most once per `refreshMillis` (a scrape
   * every few seconds must not re-run every tenant's queries). A KPI whose value is null (0/0) is
   * absent rather than a misleading 0.
   */
  exportTenantKpis(values: () => Promise<{ tenantId: string; kpiId: string; value: number | null }[]>, refreshMillis = 30_000): void {
    const tenants = this.tenants;
    let cached: { atMillis: number; rows: { tenantId: string; kpiId: string; value: number | null }[] } | null = null;
    new Gauge({
      name: 'lumay_tenant_kpi',
      help: 'Tenant-defined KPIs over the last 24 hours, by tenant and KPI id.',
      labelNames: ['tenant', 'kpi'],
      registers: [this.registry],
      async collect() {
        if (cached === null || Date.now() - cached.atMillis >= refreshMillis) cached = { atMillis: Date.now(), rows: await values() };
        this.reset();
        for (const row of cached.rows) {
          if (row.value !== null) this.set({ tenant: tenants.value(row.tenantId), kpi: row.kpiId }, row.value);
        }
      },
    });
  }

  /**
   * The embedded database's memory by what holds it (`duckdb_memory()`): beside the process's RSS
   * and the V8 heaps, the third share of the plane's memory. Read at each scrape.
   */
  exportStoreMemory(read: () => Promise<{ tag: string; bytes: number }[]>): void {
    new Gauge({
      name: 'lumay_store_memory_bytes',
      help: "The embedded database's own memory by what holds it (DuckDB's duckdb_memory(): table buffers, indexes, …).",
      labelNames: ['tag'],
      registers: [this.registry],
      async collect() {
        // A store that cannot answer (closing) leaves this gauge empty rather than failing the scrape.
        const rows = await read().catch(() => []);
        this.reset();
        for (const row of rows) this.set({ tag: row.tag.toLowerCase() }, row.bytes);
      },
    });
  }

  recordSessions(sessions: CallSession[]): void {
    for (const s of sessions) {
      const tenant = this.tenants.value(s.tenantId);
      if (s.revision > 1) {
        this.amendments.inc({ tenant });
        continue;
      }
      this.calls.inc({ tenant, agent: this.agents.value(s.agentId), direction: s.direction, outcome: s.outcome });
      if (s.handled) this.duration.observe({ tenant, direction: s.direction }, s.durationMs / 1000);
      if (s.direction === 'outbound') this.outbound.inc({ tenant, answered_by: s.answeredBy ?? 'unknown' });
      if (s.handled && s.sentiment) this.sentiment.inc({ tenant, sentiment: s.sentiment });
      for (const stage of STAGES) {
        const latency = s.stages[stage];
        if (latency) this.stageSeconds.observe({ tenant, stage }, latency.totalMs / 1000);
      }
      for (const c of s.connectorCalls) {
        this.connectorCalls.inc({ tenant, connector: this.connectors.value(c.connector), outcome: c.success ? 'success' : 'failure' });
      }
      for (const w of s.workItems) this.workItems.inc({ tenant, type: isOneOf(WORK_ITEM_TYPES, w.type) ? w.type : 'other' });
      for (const component of ['telephony', 'stt', 'llm', 'tts', 'connector', 'other'] as const) {
        const usd = s.cost[component];
        if (usd > 0) this.cost.inc({ tenant, component }, usd);
      }
    }
  }

  accepted(signal: Signal, count: number, duplicates: number): void {
    if (count > 0) this.received.inc({ signal }, count);
    if (duplicates > 0) this.duplicates.inc({ signal }, duplicates);
  }

  rejectedInBatch(signal: Signal, count: number): void {
    if (count > 0) this.rejectedRecords.inc({ signal, reason: 'invalid' }, count);
  }

  rejectedRequest(transport: 'http' | 'grpc', status: number): void {
    this.rejectedRequests.inc({ transport, reason: rejectReasonOf(status) });
  }
}
