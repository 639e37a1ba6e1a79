import type { CallPlan, TurnPlan } from './plan/call-plan.js';
import { createHash } from 'node:crypto';

/**
 * Incidents the fleet can suffer, applied to planned calls before they are sent, so the ground
 * truth (computed from the same plans) reflects them exactly:
 * - `slow-llm`: every LLM hop takes `factor` times longer; later hops shift and the call lasts longer;
 * - `failing-crm`: a share `rate` of CRM connector calls fail with `http_503` (creating nothing);
 * - `escalating-version`: a share `rate` of one agent version's resolved calls escalate instead
 *   (reason `low_confidence`, with a transfer after the last turn).
 * An incident covers calls starting within its window (default: all of them).
 */
export type Incident =
  | { kind: 'slow-llm'; factor: number; window?: IncidentWindow }
  | { kind: 'failing-crm'; rate: number; window?: IncidentWindow }
  | { kind: 'escalating-version'; agentId: string; version: string; rate: number; window?: IncidentWindow };

export interface IncidentWindow {
  fromMs: number;
  toMs: number;
}

export const INCIDENT_USAGE = `  slow-llm[:FACTOR]                      LLM hops FACTOR times slower (default 4)
  failing-crm[:RATE]                     share RATE of CRM calls fail with http_503 (default 0.6)
  escalating-version:AGENT@VERSION[:RATE] share RATE of that version's resolved calls escalate (default 0.5)`;

/** Parses the command-line form (see INCIDENT_USAGE); throws a message naming what is wrong. */
export function parseIncident(text: string): Incident {
  const [kind, ...args] = text.split(':');
  const number = (raw: string | undefined, fallback: number, min: number, max: number): number => {
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!(value >= min && value <= max)) throw new RangeError(`incident ${text}: ${raw} must be a number from ${min} to ${max}`);
    return value;
  };
  if (kind === 'slow-llm') return { kind, factor: number(args[0], 4, 1, 100) };
  if (kind === 'failing-crm') return { kind, rate: number(args[0], 0.6, 0, 1) };
  if (kind === 'escalating-version') {
    const [agentId, version] = (args[0] ?? '').split('@');
    if (!agentId || !version) throw new RangeError(`incident ${text}: name the version as AGENT@VERSION, e.g. escalating-version:support-agent@2.5.0`);
    return { kind, agentId, version, rate: number(args[1], 0.5, 0, 1) };
  }
  throw new RangeError(`unknown incident "${text}"; known:\n${INCIDENT_USAGE}`);
}

/** A stable draw in [0, 1) per call and purpose: the same plans always suffer the same way. */
function draw(callId: string, purpose: string): number {
  return createHash('sha256').update(`${purpose}/${callId}`).digest().readUInt32BE(0) / 2 ** 32;
}

function inWindow(plan: CallPlan, window: IncidentWindow | undefined): boolean {
  return window === undefined || (plan.startMs >= window.fromMs && plan.startMs < window.toMs);
}

/** Applies the incidents to the plans in place; returns how many calls each one touched. */
export function applyIncidents(plans: CallPlan[], incidents: readonly Incident[]): number[] {
  return incidents.map((incident) => {
    let touched = 0;
    for (const plan of plans) if (inWindow(plan, incident.window) && applyOne(plan, incident)) touched++;
    return touched;
  });
}

function applyOne(plan: CallPlan, incident: Incident): boolean {
  switch (incident.kind) {
    case 'slow-llm':
      return slowLlm(plan, incident.factor);
    case 'failing-crm':
      return failCrm(plan, incident.rate);
    case 'escalating-version':
      return plan.agent.id === incident.agentId && plan.agent.version === incident.version && escalate(plan, incident.rate);
  }
}

/** Stretches each LLM hop and shifts everything after it, so spans never overlap or outlive the call. */
function slowLlm(plan: CallPlan, factor: number): boolean {
  let shiftMs = 0;
  for (const turn of plan.turns) {
    turn.startOffsetMs += shiftMs;
    const extraMs = Math.round(turn.llmMs * (factor - 1));
    turn.llmMs += extraMs;
    shiftMs += extraMs;
  }
  if (shiftMs === 0) return false;
  if (plan.transfer !== null) plan.transfer.offsetMs += shiftMs;
  extend(plan, shiftMs);
  return true;
}

function failCrm(plan: CallPlan, rate: number): boolean {
  let touched = false;
  for (const connector of plan.turns.flatMap((t) => t.connectors)) {
    if (connector.connector !== 'crm' || !connector.success || draw(`${plan.callId}/${connector.operation}/${connector.durationMs}`, 'failing-crm') >= rate) continue;
    connector.success = false;
    connector.errorType = 'http_503';
    connector.workItem = null;
    touched = true;
  }
  return touched;
}

const TRANSFER_GAP_MS = 400;
const TRANSFER_MS = 2500;
const TAIL_MS = 800;

function escalate(plan: CallPlan, rate: number): boolean {
  if (plan.outcome !== 'resolved' || plan.turns.length === 0 || draw(plan.callId, 'escalating-version') >= rate) return false;
  const last: TurnPlan = plan.turns[plan.turns.length - 1];
  const lastEndMs = last.startOffsetMs + last.callerSpeechMs + last.sttMs + last.llmMs + last.connectors.reduce((sum, c) => sum + c.durationMs, 0) + last.ttsMs + last.agentSpeechMs;
  plan.outcome = 'escalated';
  plan.escalationReason = 'low_confidence';
  plan.endReason = 'transferred';
  plan.transfer = { offsetMs: lastEndMs + TRANSFER_GAP_MS, durationMs: TRANSFER_MS };
  const neededMs = plan.transfer.offsetMs + TRANSFER_MS + TAIL_MS;
  if (neededMs > plan.durationMs) extend(plan, neededMs - plan.durationMs);
  return true;
}

/** A longer call: later end, and the connected line billed for the extra time. */
function extend(plan: CallPlan, extraMs: number): void {
  const billedWholeCall = plan.telephonySeconds === plan.durationMs / 1000;
  plan.durationMs += extraMs;
  if (billedWholeCall) plan.telephonySeconds = plan.durationMs / 1000;
}
