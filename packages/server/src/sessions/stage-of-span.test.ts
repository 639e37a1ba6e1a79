import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Stage } from '@lumay/conventions';
import type { Attributes } from '../model/telemetry-records.js';
import { span } from './span-fixture.js';
import { stageOfSpan } from './stage-of-span.js';

const cases: { reason: string; name: string; attrs?: Attributes; want: Stage | null }[] = [
  { reason: 'lumay.stage is the primary signal', name: 'anything', attrs: { 'lumay.stage': 'telephony' }, want: 'telephony' },
  { reason: 'lumay.stage wins over a conflicting GenAI operation', name: 'x', attrs: { 'lumay.stage': 'tts', 'gen_ai.operation.name': 'chat' }, want: 'tts' },
  { reason: 'lumay.stage is matched case-insensitively', name: 'x', attrs: { 'lumay.stage': ' LLM ' }, want: 'llm' },
  { reason: 'a stage outside the closed set falls through to the next rule', name: 'llm', attrs: { 'lumay.stage': 'asr' }, want: 'llm' },
  { reason: 'a non-string lumay.stage is ignored', name: 'plain', attrs: { 'lumay.stage': 3 }, want: null },
  { reason: 'transfer is a stage', name: 'x', attrs: { 'lumay.stage': 'transfer' }, want: 'transfer' },
  { reason: 'GenAI chat is llm', name: 'chat gpt-4o', attrs: { 'gen_ai.operation.name': 'chat' }, want: 'llm' },
  { reason: 'GenAI text_completion is llm', name: 'x', attrs: { 'gen_ai.operation.name': 'text_completion' }, want: 'llm' },
  { reason: 'GenAI generate_content is llm', name: 'x', attrs: { 'gen_ai.operation.name': 'generate_content' }, want: 'llm' },
  { reason: 'proposed GenAI speech_to_text is stt', name: 'x', attrs: { 'gen_ai.operation.name': 'speech_to_text' }, want: 'stt' },
  { reason: 'proposed GenAI text_to_speech is tts', name: 'x', attrs: { 'gen_ai.operation.name': 'text_to_speech' }, want: 'tts' },
  { reason: 'GenAI execute_tool is a connector', name: 'execute_tool lookup', attrs: { 'gen_ai.operation.name': 'execute_tool' }, want: 'connector' },
  { reason: 'GenAI embeddings is no voice stage', name: 'embeddings', attrs: { 'gen_ai.operation.name': 'embeddings' }, want: null },
  { reason: 'Pipecat stt service span', name: 'stt', want: 'stt' },
  { reason: 'Pipecat llm service span', name: 'llm', want: 'llm' },
  { reason: 'Pipecat tts service span', name: 'tts', want: 'tts' },
  { reason: 'older Pipecat class-named service span', name: 'tts_cartesiattsservice', want: 'tts' },
  { reason: 'older Pipecat class-named stt span', name: 'stt_deepgramsttservice', want: 'stt' },
  { reason: 'LiveKit llm_request', name: 'llm_request', want: 'llm' },
  { reason: 'LiveKit tts_request', name: 'tts_request', want: 'tts' },
  { reason: 'LiveKit function_tool', name: 'function_tool', want: 'connector' },
  { reason: 'LiveKit llm_node wraps llm_request and must not count twice', name: 'llm_node', want: null },
  { reason: 'LiveKit agent_turn is a turn, not a stage', name: 'agent_turn', want: null },
  { reason: 'names starting with connector', name: 'connector.crm.lookup', want: 'connector' },
  { reason: 'span names match case-insensitively', name: 'Connector CRM', want: 'connector' },
  { reason: 'Pipecat root span has no stage', name: 'conversation', want: null },
  { reason: 'a name equal to an Object.prototype key is not a stage', name: 'constructor', want: null },
  { reason: 'an HTTP client span has no stage', name: 'POST', want: null },
];

for (const c of cases) {
  test(`stageOfSpan: ${c.reason}`, () => {
    assert.equal(stageOfSpan(span(c.name, { attrs: c.attrs ?? {} })), c.want);
  });
}
