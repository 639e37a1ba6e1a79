/*
 * Attribute and span names that other voice engines emit and the plane maps onto its own
 * conventions (docs/semantic-conventions.md, "Other engines"). They are read, never required.
 */

/** Pipecat's OpenTelemetry tracing (`pipecat.utils.tracing`). */
export const PipecatAttr = {
  conversationId: 'conversation.id',
  turnNumber: 'turn.number',
  audioSeconds: 'metrics.audio_seconds',
  characterCount: 'metrics.character_count',
} as const;

/** LiveKit Agents' telemetry (`livekit.agents.telemetry.trace_types`). */
export const LiveKitAttr = {
  functionToolName: 'lk.function_tool.name',
  functionToolIsError: 'lk.function_tool.is_error',
  amdCategory: 'lk.amd.category',
  agentName: 'lk.agent_name',
  retryCount: 'lk.retry_count',
  /** LiveKit's name for cache-read input tokens, emitted beside the GenAI ones. */
  cachedInputTokens: 'gen_ai.usage.input_cached_tokens',
} as const;

/** GenAI names from before the `input`/`output` rename, still sent by older instrumentations. */
export const LegacyGenAiAttr = {
  promptTokens: 'gen_ai.usage.prompt_tokens',
  completionTokens: 'gen_ai.usage.completion_tokens',
} as const;

/** Span names that identify a turn when no turn number is set. LiveKit's `user_turn` is not one:
 * every exchange has a `user_turn` and an `agent_turn`, and counting both would double it. */
export const TURN_SPAN_NAMES: ReadonlySet<string> = new Set(['turn', 'agent_turn']);
