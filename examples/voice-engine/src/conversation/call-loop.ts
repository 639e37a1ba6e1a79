import type { Outcome, Sentiment } from '@lumay/conventions';
import type { CallSession } from '@lumay/telemetry';
import type { RandomSource } from '../providers/random-source.js';
import { LlmUnavailableError } from '../providers/simulated-llm.js';
import { sleepScaled } from '../providers/simulated-time.js';
import type { EngineDeps } from './engine-deps.js';
import { logCallInCrm, runTool } from './run-tool.js';
import type { Scenario, ScriptedTurn } from './scenarios.js';

const GREETING = 'Thank you for calling. How can I help you today?';

/** How a call ended, as the engine knows it (stated to the plane, stored in PostgreSQL). */
export interface CallResult {
  outcome: Outcome;
  escalationReason?: string;
  endReason: string;
  sentiment?: Sentiment;
  turns: number;
}

interface TurnResult {
  /** Set when the call must go to a person. */
  escalate?: string;
  failed?: boolean;
  agentText?: string;
}

/**
 * One phone call from pick-up to hang-up: greeting, then per turn STT → LLM → connector calls →
 * (LLM again with the tool's result) → TTS, then a hand-off or the wrap-up. Runs inside the
 * call's root span, so every database query and queue message it causes joins the call's trace.
 */
export async function runCall(call: CallSession, scenario: Scenario, random: RandomSource, deps: EngineDeps, callerHash: string): Promise<CallResult> {
  try {
    return await converseAndWrapUp(call, scenario, random, deps, callerHash);
  } catch (error) {
    // The engine itself broke (database or broker gone): the call failed, and says so, rather
    // than staying open until the SDK's longest-call sweep.
    if (!call.ended) call.end({ outcome: 'failed', endReason: 'error', errorType: 'engine_error' });
    throw error;
  }
}

async function converseAndWrapUp(call: CallSession, scenario: Scenario, random: RandomSource, deps: EngineDeps, callerHash: string): Promise<CallResult> {
  const started = performance.now();
  const result = await call.run(() => converse(call, scenario, random, deps, callerHash));
  await call.run(async () => {
    if (result.outcome === 'resolved') await logCallInCrm(call, deps);
    // The telephony leg: billed seconds of the (simulated) call.
    const leg = call.startTelephony({ name: 'hangup twilio', provider: 'twilio' });
    leg.end({ billedSeconds: Math.ceil((performance.now() - started) / deps.config.timeScale / 1000) });
    deps.work.publishSummary({ callSid: call.callId, summary: `${scenario.name}: ${result.outcome} after ${result.turns} turns` });
    await deps.store.endCall(call.callId, result);
  });
  call.setSentiment(result.sentiment);
  call.end({ outcome: result.outcome, escalationReason: result.escalationReason, endReason: result.endReason, errorType: result.outcome === 'failed' ? 'llm_unavailable' : undefined });
  return result;
}

async function converse(call: CallSession, scenario: Scenario, random: RandomSource, deps: EngineDeps, callerHash: string): Promise<CallResult> {
  const greeting = call.startTts({ name: 'tts greeting', provider: deps.tts.provider });
  const spoken = await greeting.run(() => deps.tts.synthesize(GREETING, random));
  greeting.end({ characters: spoken.characters, ttfbSeconds: spoken.ttfbSeconds });
  call.transcript('agent', GREETING);
  await sleepScaled(deps.tts.playbackSeconds(GREETING) * 1000, deps.config.timeScale);

  if (scenario.hangsUpEarly === true) {
    await sleepScaled(random.logNormal(2500, 0.4), deps.config.timeScale);
    return { outcome: 'abandoned', endReason: 'caller_hangup', turns: 0 };
  }

  let historyTokens = Math.round(GREETING.length / 4);
  let llmRequests = 0;
  for (const [index, script] of scenario.turns.entries()) {
    const result = await runTurn(call, script, random, deps, callerHash, { historyTokens, llmRequests, escalationReason: scenario.escalationReason });
    historyTokens += Math.round((script.caller.length + (result.agentText?.length ?? 0)) / 4);
    llmRequests += script.tool === undefined ? 1 : 2;
    const turns = index + 1;
    if (result.failed === true) return { outcome: 'failed', endReason: 'error', sentiment: 'negative', turns };
    if (result.escalate !== undefined) {
      const transfer = call.startTransfer({ reason: result.escalate, provider: 'twilio' });
      await transfer.run(() => sleepScaled(random.logNormal(1800, 0.3), deps.config.timeScale));
      transfer.end();
      const sentiment = result.escalate === scenario.escalationReason ? scenario.sentiment : 'negative';
      return { outcome: 'escalated', escalationReason: result.escalate, endReason: 'transferred', sentiment, turns };
    }
  }
  return { outcome: 'resolved', endReason: 'caller_hangup', sentiment: scenario.sentiment, turns: scenario.turns.length };
}

async function runTurn(
  call: CallSession,
  script: ScriptedTurn,
  random: RandomSource,
  deps: EngineDeps,
  callerHash: string,
  history: { historyTokens: number; llmRequests: number; escalationReason: string | undefined },
): Promise<TurnResult> {
  const turn = call.startTurn();
  // The caller talks; streaming STT listens. The stage is the wait after they stop.
  const speechSeconds = deps.stt.speechSeconds(script.caller, random);
  await sleepScaled(speechSeconds * 1000, deps.config.timeScale);
  const stt = turn.startStt({ provider: deps.stt.provider, attributes: { 'gen_ai.request.model': deps.stt.model } });
  const heard = await stt.run(() => deps.stt.transcribe(script.caller, speechSeconds, random));
  stt.end({ audioSeconds: heard.audioSeconds, ttfbSeconds: heard.ttfbSeconds });
  turn.transcript('caller', heard.text);

  let reply = script.reply;
  let escalate: string | undefined;
  let requests = history.llmRequests;
  const think = async (text: string): Promise<boolean> => {
    const llm = turn.startLlm({ provider: deps.llm.provider, model: deps.llm.model });
    try {
      const completion = await llm.run(() => deps.llm.complete(text, history.historyTokens, requests++, random));
      llm.end({ inputTokens: completion.inputTokens, cachedInputTokens: completion.cachedInputTokens, outputTokens: completion.outputTokens, ttfbSeconds: completion.ttfbSeconds });
      return true;
    } catch (error) {
      llm.fail(error instanceof LlmUnavailableError ? error.code : 'unknown');
      return false;
    }
  };

  // First request: the model decides what to do (a tool call, or the answer itself).
  if (!(await think(script.tool === undefined ? reply : `tool:${script.tool}`))) {
    turn.end({ sentiment: 'negative' });
    return { failed: true };
  }
  if (script.tool === 'transfer_to_human') {
    escalate = history.escalationReason ?? 'caller_request';
  } else if (script.tool !== undefined) {
    const tool = await runTool(script.tool, { call, turn, callerHash, deps });
    if (!tool.ok && (script.tool === 'create_ticket' || script.tool === 'book_appointment')) {
      reply = 'I am sorry, I could not complete that for you. Let me put you through to a colleague.';
      escalate = 'connector_failure';
    } else if (!tool.ok) {
      reply = `I cannot reach our records right now, but I can still help. ${reply}`;
    }
    // Second request: the answer, written with the tool's result.
    if (!(await think(reply))) {
      turn.end({ sentiment: 'negative' });
      return { failed: true };
    }
  }

  const tts = turn.startTts({ provider: deps.tts.provider });
  const spoken = await tts.run(() => deps.tts.synthesize(reply, random));
  tts.end({ characters: spoken.characters, ttfbSeconds: spoken.ttfbSeconds });
  turn.transcript('agent', reply);
  await turn.run(() => deps.store.recordTurn(call.callId, turn.number, heard.text, reply));
  // The reply plays to the caller before they answer (the turn ends when they start talking).
  await sleepScaled(deps.tts.playbackSeconds(reply) * 1000, deps.config.timeScale);
  turn.end();
  return { escalate, agentText: reply };
}
