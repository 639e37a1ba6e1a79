import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlaneError } from '../errors/plane-error.js';
import { parseKpiDefinition } from './parse-kpi-definition.js';

const count = (source: string, filters: unknown[] = []): Record<string, unknown> => ({ source, aggregate: 'count', filters });

const valid: { reason: string; id: string; body: Record<string, unknown> }[] = [
  { reason: 'a count with a text filter', id: 'resolved_calls', body: { name: 'Resolved', measure: count('calls', [{ field: 'outcome', op: 'eq', value: 'resolved' }]) } },
  {
    reason: 'a ratio across sources',
    id: 'cost_per_booking',
    body: {
      name: 'Cost per booking',
      unit: 'usd',
      numerator: { source: 'calls', aggregate: 'sum', field: 'cost_usd' },
      denominator: count('business_events', [{ field: 'name', op: 'eq', value: 'appointment_booked' }]),
    },
  },
  {
    reason: 'a percentile with a numeric and an attribute filter',
    id: 'p90_llm_gold',
    body: {
      name: 'p90 LLM time, gold customers',
      unit: 'ms',
      measure: { source: 'calls', aggregate: 'percentile', percentile: 0.9, field: 'llm_ms', filters: [{ field: 'turns', op: 'gte', value: 2 }, { field: 'attributes.customer.tier', op: 'in', value: ['gold', 1] }] },
    },
  },
  { reason: 'a boolean filter on connector calls', id: 'crm_failures', body: { name: 'CRM failures', measure: count('connector_calls', [{ field: 'success', op: 'eq', value: false }]) } },
];

for (const c of valid) {
  test(`parseKpiDefinition accepts ${c.reason}`, () => {
    const d = parseKpiDefinition(c.id, c.body);
    assert.equal(d.id, c.id);
    assert.equal(d.name, c.body.name);
  });
}

test('parseKpiDefinition: attribute filter values are compared as text', () => {
  const d = parseKpiDefinition('x', valid[2].body);
  assert.deepEqual(d.measure?.filters[1].value, ['gold', '1']);
});

const invalid: { reason: string; id?: string; body: unknown; message: RegExp }[] = [
  { reason: 'an id with SQL in it', id: "x'; DROP TABLE sessions; --", body: { name: 'x', measure: count('calls') }, message: /^id: must be 1–63 characters/ },
  { reason: 'an upper-case id', id: 'Cost', body: { name: 'x', measure: count('calls') }, message: /^id:/ },
  { reason: 'no name', body: { measure: count('calls') }, message: /^name: must be a string/ },
  { reason: 'both a measure and a ratio', body: { name: 'x', measure: count('calls'), numerator: count('calls') }, message: /either "measure", or "numerator" and "denominator"/ },
  { reason: 'half a ratio', body: { name: 'x', numerator: count('calls') }, message: /needs both "numerator" and "denominator"/ },
  { reason: 'an unknown source', body: { name: 'x', measure: count('spans') }, message: /^measure\.source: must be one of calls, connector_calls, business_events/ },
  { reason: 'an unknown aggregate', body: { name: 'x', measure: { source: 'calls', aggregate: 'median' } }, message: /^measure\.aggregate: must be one of count, sum, average, percentile/ },
  { reason: 'a sum of a text field', body: { name: 'x', measure: { source: 'calls', aggregate: 'sum', field: 'outcome' } }, message: /sum needs a numeric field of calls: sentiment_score, duration_ms/ },
  { reason: 'a field that is SQL', body: { name: 'x', measure: { source: 'calls', aggregate: 'sum', field: 'duration_ms); DROP TABLE sessions; --' } }, message: /sum needs a numeric field/ },
  { reason: 'a filter on a field of another source', body: { name: 'x', measure: count('connector_calls', [{ field: 'outcome', op: 'eq', value: 'resolved' }]) }, message: /^measure\.filters\[0\]\.field: "outcome" is not a field of connector_calls/ },
  { reason: 'a prototype key as a field', body: { name: 'x', measure: count('calls', [{ field: '__proto__', op: 'eq', value: 'x' }]) }, message: /"__proto__" is not a field of calls/ },
  { reason: 'an attribute key with a quote', body: { name: 'x', measure: count('calls', [{ field: 'attributes.a"]) OR 1=1 --', op: 'eq', value: 'x' }]) }, message: /is not a field of calls/ },
  { reason: 'a range operator on text', body: { name: 'x', measure: count('calls', [{ field: 'outcome', op: 'gt', value: 'a' }]) }, message: /op: must be one of eq, ne, in for a text field/ },
  { reason: 'a number compared with text', body: { name: 'x', measure: count('calls', [{ field: 'turns', op: 'gt', value: '2' }]) }, message: /value: must be a number/ },
  { reason: 'an empty in-list', body: { name: 'x', measure: count('calls', [{ field: 'outcome', op: 'in', value: [] }]) }, message: /"in" takes an array of 1 to 100 values/ },
  { reason: 'a percentile without its fraction', body: { name: 'x', measure: { source: 'calls', aggregate: 'percentile', field: 'duration_ms' } }, message: /percentile: must be a number between 0 and 1/ },
  { reason: 'a percentile of 90 meaning 0.9', body: { name: 'x', measure: { source: 'calls', aggregate: 'percentile', field: 'duration_ms', percentile: 90 } }, message: /between 0 and 1/ },
  { reason: 'a count with a field', body: { name: 'x', measure: { source: 'calls', aggregate: 'count', field: 'turns' } }, message: /a count takes no field/ },
  { reason: 'an unknown key', body: { name: 'x', measure: count('calls'), where: 'outcome = 1' }, message: /^definition\.where: unknown field/ },
  { reason: 'an unknown unit', body: { name: 'x', unit: 'eur', measure: count('calls') }, message: /^unit: must be one of/ },
  { reason: 'too many filters', body: { name: 'x', measure: count('calls', Array.from({ length: 21 }, () => ({ field: 'turns', op: 'gt', value: 1 }))) }, message: /at most 20 filters/ },
];

for (const c of invalid) {
  test(`parseKpiDefinition refuses ${c.reason} with a 400 saying what to fix`, () => {
    assert.throws(
      () => parseKpiDefinition(c.id ?? 'kpi', c.body),
      (error: unknown) => error instanceof PlaneError && error.statusCode === 400 && c.message.test(error.message),
    );
  });
}
