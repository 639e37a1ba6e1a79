import { planCalls, type CallPlan } from './plan/call-plan.js';
import { applyIncidents, type Incident } from './incidents.js';

/**
 * The calls of one batch for one tenant. Each tenant runs the reference business of
 * examples/send-calls (an inbound support line with two versions of the support agent and a
 * billing agent; outbound campaigns by an outreach agent), from its own seed, so tenants differ
 * call by call but follow the same mix.
 */
export interface BatchRequest {
  seed: number;
  /** Index of the tenant in the fleet, and of the batch in a continuous run. */
  tenantIndex: number;
  batchIndex: number;
  calls: number;
  nowMs: number;
  spreadMinutes: number;
  incidents: readonly Incident[];
}

/** Every call of a batch has ended at least this long before `nowMs`, incidents included. */
const MIN_END_AGE_MS = 1000;

/** A seed per (run seed, tenant, batch): mixed so that neighbours do not give related streams. */
export function batchSeed(seed: number, tenantIndex: number, batchIndex: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (const part of [tenantIndex, batchIndex]) {
    h = Math.imul(h ^ part, 0x85ebca6b) >>> 0;
    h = (h ^ (h >>> 13)) >>> 0;
    h = Math.imul(h, 0xc2b2ae35) >>> 0;
    h = (h ^ (h >>> 16)) >>> 0;
  }
  return h;
}

export function planBatch(request: BatchRequest): CallPlan[] {
  const plans = planCalls({
    calls: request.calls,
    seed: batchSeed(request.seed, request.tenantIndex, request.batchIndex),
    nowMs: request.nowMs,
    spreadMinutes: request.spreadMinutes,
  });
  applyIncidents(plans, request.incidents);
  // An incident may lengthen a call past `nowMs`: move it earlier so every call sent has ended.
  for (const plan of plans) {
    const lateMs = plan.startMs + plan.durationMs - (request.nowMs - MIN_END_AGE_MS);
    if (lateMs > 0) plan.startMs -= lateMs;
  }
  return plans.sort((a, b) => a.startMs - b.startMs);
}
