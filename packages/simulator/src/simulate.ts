import type { CallPlan } from './plan/call-plan.js';
import { groundTruthDocument, type GroundTruthDocument } from './plan/ground-truth.js';
import { planBatch } from './fleet-plan.js';
import type { Incident } from './incidents.js';
import { TenantSender } from './tenant-sender.js';

export interface TenantKey {
  /** A label for reports and the truth file; the plane takes the tenant from the key. */
  name: string;
  apiKey: string;
}

export interface SimulationOptions {
  /** OTLP/HTTP base URL of the plane (`http://127.0.0.1:4318`). */
  endpoint: string;
  /** One ingest key per simulated tenant. */
  tenants: readonly TenantKey[];
  seed: number;
  incidents: readonly Incident[];
  serviceName: string;
  /**
   * Either a fixed number of calls spread over the last `spreadMinutes` (sent at once), or a
   * steady `ratePerSecond` for `durationSeconds` (or until `signal` aborts).
   */
  mode: { calls: number; spreadMinutes: number } | { ratePerSecond: number; durationSeconds?: number };
  /** Reference instant of a `calls` run (default now): the same seed and instant give the same calls. */
  nowMs?: number;
  signal?: AbortSignal;
  /**
   * Keep every call sent to compute the ground truth at the end (default true). A long steady
   * run (the quickstart's live feed) turns it off so memory stays flat; `tenants[].truth` is then
   * that of no calls.
   */
  collectTruth?: boolean;
  /** Told after each batch is sent. */
  onBatch?: (sent: { calls: number; spans: number }) => void;
}

export interface TenantTruth {
  tenant: string;
  calls: number;
  spans: number;
  truth: GroundTruthDocument;
}

/** The `--truth-file` document: what the plane must report, per tenant, for the calls sent. */
export interface SimulationTruth {
  seed: number;
  incidents: readonly Incident[];
  tenants: TenantTruth[];
}

const TICK_MS = 1000;
/** In a steady run each call ends within about a minute before it is sent: the data looks live. */
const LIVE_SPREAD_MINUTES = 1;

/**
 * Runs the fleet: plans calls per tenant (seeded), applies the incidents, replays them through
 * the SDK to the plane, and returns the ground truth. Rejects when the plane did not accept
 * every span.
 */
export async function simulate(options: SimulationOptions): Promise<SimulationTruth> {
  if (options.tenants.length === 0) throw new RangeError('simulate: give at least one tenant key');
  const senders = options.tenants.map((t) => new TenantSender(options.endpoint, t.apiKey, options.serviceName));
  const sent: CallPlan[][] = options.tenants.map(() => []);
  try {
    const send = async (tenantIndex: number, batchIndex: number, calls: number, nowMs: number, spreadMinutes: number): Promise<number> => {
      if (calls === 0) return 0;
      const plans = planBatch({ seed: options.seed, tenantIndex, batchIndex, calls, nowMs, spreadMinutes, incidents: options.incidents });
      const before = senders[tenantIndex].tally().emitted;
      await senders[tenantIndex].send(plans);
      if (options.collectTruth !== false) sent[tenantIndex].push(...plans);
      return senders[tenantIndex].tally().emitted - before;
    };

    if ('calls' in options.mode) {
      const { calls, spreadMinutes } = options.mode;
      const nowMs = options.nowMs ?? Date.now();
      let spans = 0;
      for (let i = 0; i < senders.length; i++) spans += await send(i, 0, shareOf(calls, senders.length, i), nowMs, spreadMinutes);
      await Promise.all(senders.map((s) => s.flush()));
      options.onBatch?.({ calls, spans });
    } else {
      await steadyRun(options, options.mode, senders, send);
    }
    await Promise.all(senders.map((s) => s.flush()));
  } finally {
    await Promise.allSettled(senders.map((s) => s.shutdown()));
  }

  const lost = senders
    .map((s, i) => ({ tenant: options.tenants[i].name, ...s.tally() }))
    .filter((t) => t.accepted !== t.emitted)
    .map((t) => `${t.tenant}: ${t.emitted - t.accepted} of ${t.emitted} spans not accepted (${t.firstError ?? 'dropped before export'})`);
  if (lost.length > 0) throw new Error(`not everything reached ${options.endpoint}: ${lost.join('; ')}`);
  return {
    seed: options.seed,
    incidents: options.incidents,
    tenants: options.tenants.map((t, i) => ({ tenant: t.name, calls: senders[i].tally().calls, spans: senders[i].tally().emitted, truth: groundTruthDocument(sent[i]) })),
  };
}

/** Tenant `index`'s share of `total` calls: as even as whole calls allow, the first tenants taking the remainder. */
function shareOf(total: number, tenants: number, index: number): number {
  return Math.floor(total / tenants) + (index < total % tenants ? 1 : 0);
}

type SendBatch = (tenantIndex: number, batchIndex: number, calls: number, nowMs: number, spreadMinutes: number) => Promise<number>;

async function steadyRun(options: SimulationOptions, mode: { ratePerSecond: number; durationSeconds?: number }, senders: TenantSender[], send: SendBatch): Promise<void> {
  const startedMs = Date.now();
  const endMs = mode.durationSeconds === undefined ? Infinity : startedMs + mode.durationSeconds * 1000;
  let budget = 0;
  let nextTenant = 0;
  for (let tick = 0; Date.now() < endMs && options.signal?.aborted !== true; tick++) {
    budget += (mode.ratePerSecond * TICK_MS) / 1000;
    const due = Math.floor(budget);
    budget -= due;
    const perTenant = senders.map(() => 0);
    // Round-robin across tenants so a low rate still feeds every tenant in turn.
    for (let k = 0; k < due; k++) perTenant[(nextTenant + k) % senders.length]++;
    nextTenant = (nextTenant + due) % senders.length;
    const nowMs = Date.now();
    let spans = 0;
    for (let i = 0; i < senders.length; i++) spans += await send(i, tick, perTenant[i], nowMs, LIVE_SPREAD_MINUTES);
    await Promise.all(senders.map((s) => s.flush()));
    options.onBatch?.({ calls: due, spans });
    const waitMs = startedMs + (tick + 1) * TICK_MS - Date.now();
    if (waitMs > 0) await sleep(Math.min(waitMs, endMs - Date.now()), options.signal);
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted === true) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
