import type { Unit } from './format.js';
import type { KpiSummary } from './types.js';

/** A KPI the console shows: how to read it from a summary, its unit, its direction and its definition. */
export interface KpiDef {
  id: string;
  label: string;
  unit: Unit;
  /** Whether up is good (green) or bad (red); null when neither. */
  higherIsBetter: boolean | null;
  get: (k: KpiSummary) => number | null;
  /** The exact definition (docs/kpis.md). */
  definition: string;
  /** Why the value is missing when it needs an integration (surveys, a calendar), said plainly. */
  unset?: (k: KpiSummary) => string | null;
}

export const KPIS: KpiDef[] = [
  {
    id: 'containment',
    label: 'Containment',
    unit: 'rate',
    higherIsBetter: true,
    get: (k) => k.containmentRate,
    definition:
      'Resolved ÷ handled calls. Handled = inbound, or outbound answered by a live person; resolved = the agent finished the call itself, no transfer.',
  },
  {
    id: 'connector-success',
    label: 'Connector success',
    unit: 'rate',
    higherIsBetter: true,
    get: (k) => k.connectorSuccessRate,
    definition:
      'Successful connector calls (CRM, calendar, ticketing…) ÷ all connector calls, retries counted as calls.',
  },
  {
    id: 'cost-per-outcome',
    label: 'Cost per outcome',
    unit: 'usd',
    higherIsBetter: false,
    get: (k) => k.costPerResolvedUsd,
    definition: 'Total cost of every call in the window ÷ resolved calls: what one successful outcome costs.',
  },
  {
    id: 'sentiment',
    label: 'Positive sentiment',
    unit: 'rate',
    higherIsBetter: true,
    get: (k) => k.sentiment.positiveShare,
    definition:
      'Handled calls labelled positive ÷ handled calls with a sentiment label (stated by the engine or scored from the caller\u2019s transcript).',
  },
  {
    id: 'calls',
    label: 'Calls',
    unit: 'count',
    higherIsBetter: null,
    get: (k) => k.calls,
    definition: 'Sessions that started in the window, unanswered outbound attempts included.',
  },
  {
    id: 'handled',
    label: 'Handled',
    unit: 'count',
    higherIsBetter: null,
    get: (k) => k.handled,
    definition:
      'Inbound calls plus outbound calls answered by a live person: the denominator of containment and escalation.',
  },
  {
    id: 'escalation',
    label: 'Escalation rate',
    unit: 'rate',
    higherIsBetter: false,
    get: (k) => k.escalationRate,
    definition: 'Escalated ÷ handled calls: calls transferred to a person.',
  },
  {
    id: 'abandoned',
    label: 'Abandoned',
    unit: 'count',
    higherIsBetter: false,
    get: (k) => k.abandoned,
    definition: 'Handled calls the caller left before resolution.',
  },
  {
    id: 'negative',
    label: 'Negative sentiment',
    unit: 'rate',
    higherIsBetter: false,
    get: (k) => k.sentiment.negativeShare,
    definition: 'Handled calls labelled negative ÷ handled calls with a sentiment label.',
  },
  {
    id: 'avg-duration',
    label: 'Avg duration',
    unit: 'ms',
    higherIsBetter: false,
    get: (k) => k.avgDurationMs,
    definition: 'Mean call duration (root start → call end) over handled calls.',
  },
  {
    id: 'p90-duration',
    label: 'P90 duration',
    unit: 'ms',
    higherIsBetter: false,
    get: (k) => k.p90DurationMs,
    definition: '90th percentile of handled-call duration (log-scale histogram, within ±2.5%).',
  },
  {
    id: 'outbound-answer',
    label: 'Outbound answer rate',
    unit: 'rate',
    higherIsBetter: true,
    get: (k) => k.outboundAnswerRate,
    definition: 'Outbound attempts answered by a person ÷ outbound attempts.',
  },
  {
    id: 'appointment',
    label: 'Appointment conversion',
    unit: 'rate',
    higherIsBetter: true,
    get: (k) => k.appointments.conversionRate,
    unset: (k) => (k.appointments.attempted === 0 ? 'no calendar calls' : null),
    definition:
      'Handled calls that booked ÷ handled calls that tried to book (a calendar connector call, or a booking recorded).',
  },
  {
    id: 'csat',
    label: 'CSAT',
    unit: 'rate',
    higherIsBetter: true,
    get: (k) => k.surveys.csatScore,
    unset: (k) => (k.surveys.csatResponses === 0 ? 'no surveys posted' : null),
    definition: 'CSAT responses of 4 or 5 ÷ CSAT responses (1–5), joined to calls by call or correlation id.',
  },
  {
    id: 'nps',
    label: 'NPS',
    unit: 'score',
    higherIsBetter: true,
    get: (k) => k.surveys.nps,
    unset: (k) => (k.surveys.npsResponses === 0 ? 'no surveys posted' : null),
    definition: '(promoters 9–10 − detractors 0–6) ÷ NPS responses × 100.',
  },
  {
    id: 'work-items',
    label: 'Work items',
    unit: 'count',
    higherIsBetter: null,
    get: (k) => Object.values(k.workItems).reduce((a, b) => a + b, 0),
    definition: 'Tickets, CRM updates and other work items the calls created.',
  },
  {
    id: 'cost-per-call',
    label: 'Cost per call',
    unit: 'usd',
    higherIsBetter: false,
    get: (k) => k.costPerCallUsd,
    definition:
      'Total cost ÷ calls (every session, unanswered attempts included), priced by the tenant\u2019s price book.',
  },
  {
    id: 'total-cost',
    label: 'Total cost',
    unit: 'usd',
    higherIsBetter: null,
    get: (k) => k.totalCostUsd,
    definition: 'Sum of the cost of every call in the window.',
  },
  {
    id: 'escalated-cost',
    label: 'Spend on escalated calls',
    unit: 'usd',
    higherIsBetter: false,
    get: (k) => k.escalatedCostUsd,
    definition: 'What the agent spent on handled calls that were escalated to a person anyway.',
  },
  {
    id: 'savings',
    label: 'Savings',
    unit: 'usd',
    higherIsBetter: true,
    get: (k) => k.savingsUsd,
    definition:
      'Resolved calls × the tenant\u2019s human cost per call − total cost. Needs a human cost per call on the tenant.',
  },
  {
    id: 'roi',
    label: 'ROI',
    unit: 'ratio',
    higherIsBetter: true,
    get: (k) => k.roi,
    definition: 'Savings ÷ total cost.',
  },
];

export const HEADLINE_IDS = ['containment', 'connector-success', 'cost-per-outcome', 'sentiment'];

export function kpiById(id: string): KpiDef | undefined {
  return KPIS.find((k) => k.id === id);
}
