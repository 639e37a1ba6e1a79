import type { SpanRecord } from '../model/telemetry-records.js';
import { LiveKitAttr, PipecatAttr } from './engine-attributes.js';
import { stageOfSpan } from './stage-of-span.js';

/** Attributes that only a call carries (ours, GenAI's agent and conversation, Pipecat's, LiveKit's). */
const CALL_KEYS = ['gen_ai.agent.id', 'gen_ai.agent.name', 'gen_ai.conversation.id', PipecatAttr.conversationId, LiveKitAttr.agentName];
const CALL_PREFIXES = ['lumay.call.', 'lumay.turn.', 'lumay.stage', 'lumay.campaign.', 'lumay.connector.'];
/** Stages that only a voice conversation has: a trace with one of them is a call even unmarked. */
const SPEECH_STAGES = new Set(['telephony', 'stt', 'tts']);

/**
 * Whether a trace is a call at all. An instrumented engine exports other traces too — its
 * management API's requests, health checks, a webhook's own HTTP span — and those must not count
 * as calls. A trace is a call when any span carries a call's attributes (docs/semantic-conventions.md,
 * or another engine's equivalent) or a speech stage (telephony, STT, TTS; an LLM request alone is not
 * a call).
 */
export function isCallTrace(spans: readonly SpanRecord[]): boolean {
  for (const span of spans) {
    for (const key of Object.keys(span.attributes)) {
      if (CALL_KEYS.includes(key) || CALL_PREFIXES.some((prefix) => key.startsWith(prefix))) return true;
    }
    const stage = stageOfSpan(span);
    if (stage !== null && SPEECH_STAGES.has(stage)) return true;
  }
  return false;
}
