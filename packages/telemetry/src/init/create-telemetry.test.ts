import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashCaller } from '../calls/hash-caller.js';
import { twilioCallOptions } from '../calls/twilio-webhook.js';
import { createTelemetry } from './create-telemetry.js';
import type { ExportOutcome } from './listened-exporter.js';

function pipeline(extra: Parameters<typeof createTelemetry>[0] = { serviceName: 'support-bot' }): {
  telemetry: ReturnType<typeof createTelemetry>;
  spans: InMemorySpanExporter;
  logs: InMemoryLogRecordExporter;
  outcomes: ExportOutcome[];
} {
  const spans = new InMemorySpanExporter();
  const logs = new InMemoryLogRecordExporter();
  const outcomes: ExportOutcome[] = [];
  const telemetry = createTelemetry({ exporter: spans, logExporter: logs, simpleExport: true, exportListener: (o) => outcomes.push(o), ...extra });
  return { telemetry, spans, logs, outcomes };
}

describe('createTelemetry', () => {
  it('transcript lines are log records in the turn’s span context, with role and turn number', async () => {
    const { telemetry, spans, logs } = pipeline();
    const call = telemetry.startCall();
    const turn = call.startTurn();
    turn.transcript('caller', 'I was charged twice');
    turn.transcript('agent', 'Let me check your account');
    turn.end();
    call.transcript('agent', 'Goodbye');
    call.end({ outcome: 'resolved' });
    // Read before shutdown: the in-memory exporters forget everything when shut down.
    await telemetry.forceFlush();

    const turnSpan = spans.getFinishedSpans().find((s) => s.name === 'turn');
    assert.ok(turnSpan);
    const records = logs.getFinishedLogRecords();
    assert.deepEqual(
      records.map((r) => [r.body, r.attributes['lumay.transcript.role'], r.attributes['lumay.turn.number'], r.spanContext?.spanId]),
      [
        ['I was charged twice', 'caller', 1, turnSpan.spanContext().spanId],
        ['Let me check your account', 'agent', 1, turnSpan.spanContext().spanId],
        ['Goodbye', 'agent', undefined, call.span.spanContext().spanId],
      ],
    );
    assert.ok(records.every((r) => r.spanContext?.traceId === call.traceId), 'every line carries the call’s trace id');
    assert.equal(records[0].resource.attributes['service.name'], 'support-bot');
    await telemetry.shutdown();
  });

  it('spans carry the resource and every export outcome is reported', async () => {
    const { telemetry, spans, outcomes } = pipeline({ serviceName: 'support-bot', serviceVersion: '1.4.2', resourceAttributes: { 'deployment.environment.name': 'test' } });
    telemetry.startCall().end({ outcome: 'resolved' });
    await telemetry.forceFlush();
    const root = spans.getFinishedSpans()[0];
    assert.equal(root.resource.attributes['service.name'], 'support-bot');
    assert.equal(root.resource.attributes['service.version'], '1.4.2');
    assert.equal(root.resource.attributes['deployment.environment.name'], 'test');
    assert.equal(root.instrumentationScope.name, '@lumay/telemetry');
    assert.deepEqual(outcomes, [{ spans: 1, ok: true, error: undefined }]);
    await telemetry.shutdown();
  });

  it('sampling drops whole calls, but the active-calls gauge still counts every call', async () => {
    const { telemetry, spans } = pipeline({ serviceName: 'sampled', sampleRatio: 0 });
    const call = telemetry.startCall();
    call.startTurn().startStt().end({ audioSeconds: 1 });
    assert.match(await telemetry.metrics.text(), /^lumay_engine_active_calls 1$/m);
    call.end({ outcome: 'resolved' });
    assert.match(await telemetry.metrics.text(), /^lumay_engine_active_calls 0$/m);
    await telemetry.forceFlush();
    assert.equal(spans.getFinishedSpans().length, 0);
    await telemetry.shutdown();
  });

  it('bad configuration fails at construction, saying what to fix', () => {
    assert.throws(() => createTelemetry({ serviceName: '' }), /serviceName is required/);
    assert.throws(() => createTelemetry({ serviceName: 'x', sampleRatio: 1.5 }), /sampleRatio must be within 0..1/);
    assert.throws(() => createTelemetry({ serviceName: 'x', endpoint: 'ftp://collector' }), /endpoint must be an http\(s\) URL/);
    assert.throws(() => createTelemetry({ serviceName: 'x', instrumentations: ['mysql' as never] }), /unknown instrumentations mysql/);
  });
});

describe('twilioCallOptions', () => {
  it('maps an inbound webhook: CallSid, direction, hashed caller', () => {
    const options = twilioCallOptions({ CallSid: 'CA123', From: '+1 (555) 010-0000', To: '+15550109999', Direction: 'inbound' }, { salt: 's', agent: { id: 'support' } });
    assert.deepEqual(options, { callId: 'CA123', direction: 'inbound', agent: { id: 'support' }, campaignId: undefined, callerHash: hashCaller('+15550100000', 's') });
    assert.match(options.callerHash ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.notEqual(hashCaller('+15550100000', 's'), hashCaller('+15550100000', 't'), 'the salt matters');
  });

  it('maps an outbound-api webhook with answering-machine detection', () => {
    const options = twilioCallOptions({ CallSid: 'CA9', From: '+15550109999', To: '+15550100001', Direction: 'outbound-api', AnsweredBy: 'machine_end_beep' }, { salt: 's', campaignId: 'renewals' });
    assert.equal(options.direction, 'outbound');
    assert.equal(options.answeredBy, 'machine_end_beep');
    assert.equal(options.campaignId, 'renewals');
    assert.equal(options.callerHash, hashCaller('+15550100001', 's'), 'the callee is the remote party');
  });
});
