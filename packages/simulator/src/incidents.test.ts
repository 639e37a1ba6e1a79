import { groundTruth } from './plan/ground-truth.js';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planBatch, type BatchRequest } from './fleet-plan.js';
import { parseIncident, type Incident } from './incidents.js';

const NOW = Date.parse('2026-03-02T12:00:00Z');
const base: BatchRequest = { seed: 11, tenantIndex: 0, batchIndex: 0, calls: 600, nowMs: NOW, spreadMinutes: 360, incidents: [] };

function llmMs(request: BatchRequest): number {
  return planBatch(request).reduce((sum, p) => sum + p.turns.reduce((s, t) => s + t.llmMs, 0), 0);
}

function turnEnd(turn: { startOffsetMs: number; callerSpeechMs: number; sttMs: number; llmMs: number; connectors: { durationMs: number }[]; ttsMs: number; agentSpeechMs: number }): number {
  return turn.startOffsetMs + turn.callerSpeechMs + turn.sttMs + turn.llmMs + turn.connectors.reduce((s, c) => s + c.durationMs, 0) + turn.ttsMs + turn.agentSpeechMs;
}

describe('fleet plans and incidents', () => {
  it('the same seed gives the same calls; another tenant or batch gives others', () => {
    assert.deepEqual(planBatch(base), planBatch(base));
    const ids = (r: BatchRequest): string[] => planBatch(r).map((p) => p.callId);
    assert.notDeepEqual(ids({ ...base, tenantIndex: 1 }), ids(base));
    assert.notDeepEqual(ids({ ...base, batchIndex: 1 }), ids(base));
  });

  it('slow-llm multiplies LLM time and keeps every hop inside its call, in order', () => {
    const slow = { ...base, incidents: [parseIncident('slow-llm:3')] };
    assert.equal(llmMs(slow), llmMs(base) * 3, 'three times the LLM time');
    for (const plan of planBatch(slow)) {
      let previousEnd = 0;
      for (const turn of plan.turns) {
        assert.ok(turn.startOffsetMs >= previousEnd, `${plan.callId}: turns do not overlap`);
        previousEnd = turnEnd(turn);
      }
      const transferEnd = plan.transfer === null ? 0 : plan.transfer.offsetMs + plan.transfer.durationMs;
      assert.ok(Math.max(previousEnd, transferEnd) <= plan.durationMs, `${plan.callId}: ends within the call`);
      assert.ok(plan.startMs + plan.durationMs <= NOW, `${plan.callId}: has ended by now`);
    }
  });

  it('failing-crm lowers the CRM success rate and creates nothing on a failure', () => {
    const successRate = (r: BatchRequest): number => groundTruth(planBatch(r)).connectorSuccessRate ?? Number.NaN;
    const failing = { ...base, incidents: [parseIncident('failing-crm:0.6')] };
    const crmCalls = planBatch(failing).flatMap((p) => p.turns.flatMap((t) => t.connectors)).filter((c) => c.connector === 'crm');
    const failed = crmCalls.filter((c) => !c.success);
    assert.ok(failed.length / crmCalls.length > 0.5 && failed.length / crmCalls.length < 0.7, `about 60% of CRM calls fail (${failed.length}/${crmCalls.length})`);
    assert.ok(failed.every((c) => c.workItem === null && c.errorType !== null));
    assert.ok(successRate(failing) < successRate(base));
  });

  it('escalating-version escalates only that version’s calls, each with a transfer', () => {
    const incident: Incident = parseIncident('escalating-version:support-agent@2.5.0:0.5');
    const of = (r: BatchRequest, version: string): { escalated: number; handled: number } => {
      const truth = groundTruth(planBatch(r).filter((p) => p.agent.id === 'support-agent' && p.agent.version === version));
      return { escalated: truth.escalated, handled: truth.handled };
    };
    const before = of(base, '2.5.0');
    const after = of({ ...base, incidents: [incident] }, '2.5.0');
    assert.equal(after.handled, before.handled);
    assert.ok(after.escalated > before.escalated * 2, `escalations rise: ${before.escalated} → ${after.escalated}`);
    assert.deepEqual(of({ ...base, incidents: [incident] }, '2.4.1'), of(base, '2.4.1'), 'the other version is untouched');
    const escalated = planBatch({ ...base, incidents: [incident] }).filter((p) => p.outcome === 'escalated');
    assert.ok(escalated.every((p) => p.transfer !== null && p.transfer.offsetMs + p.transfer.durationMs <= p.durationMs));
  });

  it('rejects incidents it does not know, saying what is known', () => {
    assert.throws(() => parseIncident('slow-tts'), /unknown incident "slow-tts"/);
    assert.throws(() => parseIncident('failing-crm:2'), /from 0 to 1/);
    assert.throws(() => parseIncident('escalating-version:support-agent'), /AGENT@VERSION/);
  });
});
