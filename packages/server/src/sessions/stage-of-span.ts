import { STAGES, StageAttr, isOneOf, type Stage } from '@lumay/conventions';
import type { SpanRecord } from '../model/telemetry-records.js';
import { asToken, attributeOf, readText } from './attribute-readers.js';

/** `gen_ai.operation.name` values (OpenTelemetry GenAI, plus the proposed speech operations). */
const OPERATION_STAGES: ReadonlyMap<string, Stage> = new Map([
  ['chat', 'llm'],
  ['text_completion', 'llm'],
  ['generate_content', 'llm'],
  ['speech_to_text', 'stt'],
  ['text_to_speech', 'tts'],
  ['execute_tool', 'connector'],
]);

/**
 * Span names of engines that set neither attribute: Pipecat's service spans (`stt`, `llm`, `tts`)
 * and LiveKit Agents' request spans. LiveKit's `llm_node`/`tts_node` are deliberately absent: they
 * wrap the `_request` spans and would count the same time twice.
 */
const NAME_STAGES: ReadonlyMap<string, Stage> = new Map([
  ['stt', 'stt'],
  ['llm', 'llm'],
  ['tts', 'tts'],
  ['stt_request', 'stt'],
  ['llm_request', 'llm'],
  ['tts_request', 'tts'],
  ['function_tool', 'connector'],
]);

/** Older Pipecat releases named service spans after the class: `tts_cartesiattsservice`. */
const PIPECAT_SERVICE_SPAN = /^(stt|llm|tts)_[a-z0-9]*service$/;

/**
 * Which hop of the pipeline a span measures, or null for spans that are none (root, turns, HTTP
 * internals). Order of evidence: `lumay.stage`, then `gen_ai.operation.name`, then the span name.
 * A value outside the closed set is ignored and the next rule applies.
 */
export function stageOfSpan(span: SpanRecord): Stage | null {
  const stated = asToken(attributeOf(span.attributes, StageAttr.stage));
  if (isOneOf(STAGES, stated)) return stated;

  const operation = readText(span, StageAttr.genAiOperation);
  const byOperation = operation === null ? undefined : OPERATION_STAGES.get(operation.toLowerCase());
  if (byOperation) return byOperation;

  const name = span.name.toLowerCase();
  const byName = NAME_STAGES.get(name);
  if (byName) return byName;
  const service = PIPECAT_SERVICE_SPAN.exec(name);
  if (service) return service[1] as Stage;
  if (name.startsWith('connector')) return 'connector';
  return null;
}
