import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Attributes } from '../model/telemetry-records.js';
import { child, rootSpan, sessionOf, type SpanOptions } from './span-fixture.js';

interface Row {
  reason: string;
  name?: string;
  attrs?: Attributes;
  options?: SpanOptions;
  want: { connector?: string; operation?: string; success?: boolean; errorType?: string; retries?: number; timedOut?: boolean };
}

const rows: Row[] = [
  { reason: 'lumay.connector.success=true wins over an ERROR status', attrs: { 'lumay.connector.success': true }, options: { status: 2 }, want: { success: true, errorType: '' } },
  { reason: 'lumay.connector.success=false with error.type', attrs: { 'lumay.connector.success': false, 'error.type': 'http_503' }, want: { success: false, errorType: 'http_503' } },
  { reason: 'success as the string "false"', attrs: { 'lumay.connector.success': 'false' }, want: { success: false } },
  { reason: 'LiveKit is_error=true is a failure', name: 'function_tool', attrs: { 'lk.function_tool.is_error': true }, want: { success: false } },
  { reason: 'LiveKit is_error=false is a success even with an ERROR status', name: 'function_tool', attrs: { 'lk.function_tool.is_error': false }, options: { status: 2 }, want: { success: true } },
  { reason: 'status ERROR without flags is a failure, status message as the error', options: { status: 2, statusMessage: 'ECONNRESET' }, want: { success: false, errorType: 'ECONNRESET' } },
  { reason: 'error.type is preferred over the status message', attrs: { 'error.type': 'timeout' }, options: { status: 2, statusMessage: 'deadline exceeded' }, want: { success: false, errorType: 'timeout' } },
  { reason: 'status unset is a success', want: { success: true, errorType: '' } },
  { reason: 'status OK is a success', options: { status: 1 }, want: { success: true } },
  { reason: 'name from lumay.connector.name', attrs: { 'lumay.connector.name': 'salesforce', 'gen_ai.tool.name': 'lookup' }, want: { connector: 'salesforce' } },
  { reason: 'name from gen_ai.tool.name', name: 'execute_tool', attrs: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'lookup_order' }, want: { connector: 'lookup_order' } },
  { reason: 'name from lk.function_tool.name', name: 'function_tool', attrs: { 'lk.function_tool.name': 'book_slot' }, want: { connector: 'book_slot' } },
  { reason: 'name falls back to the span name', name: 'connector.zendesk', want: { connector: 'connector.zendesk' } },
  { reason: 'operation from lumay.connector.operation', attrs: { 'lumay.connector.operation': 'create_ticket' }, want: { operation: 'create_ticket' } },
  { reason: 'retries as a numeric string, timed out flag', attrs: { 'lumay.connector.retries': '2', 'lumay.connector.timed_out': true }, want: { retries: 2, timedOut: true } },
  { reason: 'LiveKit retry count', name: 'function_tool', attrs: { 'lk.retry_count': 1 }, want: { retries: 1 } },
  { reason: 'negative retries are ignored', attrs: { 'lumay.connector.retries': -3 }, want: { retries: 0, timedOut: false } },
];

for (const row of rows) {
  test(`connector call: ${row.reason}`, () => {
    // Every row's span is a connector by its name (connector…, function_tool) or its GenAI operation.
    const connectorSpan = child(row.name ?? 'connector.crm', { id: 'c1', startMs: 100, durationMs: 250, attrs: row.attrs ?? {}, ...row.options });
    const session = sessionOf([rootSpan(), connectorSpan]);
    assert.equal(session.connectorCalls.length, 1);
    const call = session.connectorCalls[0];
    for (const [key, value] of Object.entries(row.want)) assert.deepEqual(call[key as keyof typeof call], value, key);
    assert.equal(call.spanId, 'c1');
    assert.equal(call.durationMs, 250);
  });
}

test('connector call: a tool wrapping two connector spans is two calls to the inner systems, one stage span', () => {
  const session = sessionOf([
    rootSpan(),
    child('function_tool', { id: 'tool', startMs: 100, durationMs: 500, attrs: { 'lk.function_tool.name': 'open_case' } }),
    child('connector', { id: 'crm', parent: 'tool', startMs: 110, durationMs: 100, attrs: { 'lumay.connector.name': 'crm' } }),
    child('connector', { id: 'tickets', parent: 'tool', startMs: 300, durationMs: 200, attrs: { 'lumay.connector.name': 'zendesk', 'lumay.connector.success': false } }),
  ]);
  assert.deepEqual(
    session.connectorCalls.map((c) => [c.connector, c.success]),
    [
      ['crm', true],
      ['zendesk', false],
    ],
  );
  // Latency counts the outer span only: 500 ms, not 800.
  assert.deepEqual(session.stages.connector, { count: 1, totalMs: 500, maxMs: 500 });
  // Each call is priced once (0.001 a call), the wrapper is not.
  assert.equal(session.cost.connector, 0.002);
});
