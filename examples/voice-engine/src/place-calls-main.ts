#!/usr/bin/env node
/**
 * `node examples/voice-engine/dist/place-calls-main.js --calls 20`: places test calls against a
 * running engine by posting Twilio-format webhooks, waits until each has finished, and prints a
 * line per call and the totals the engine recorded.
 */
import { parseArgs } from 'node:util';
import { isScenarioName, SCENARIO_NAMES } from './conversation/scenarios.js';
import { placeCalls } from './place-calls.js';

const USAGE = `place-calls [--engine URL] [--calls N] [--concurrency C] [--scenario ${SCENARIO_NAMES.join('|')}] [--outbound-share 0..1] [--no-answer-share 0..1]`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string', default: 'http://127.0.0.1:3000' },
      calls: { type: 'string', default: '10' },
      concurrency: { type: 'string', default: '4' },
      scenario: { type: 'string' },
      'outbound-share': { type: 'string', default: '0' },
      'no-answer-share': { type: 'string', default: '0.3' },
      'timeout-seconds': { type: 'string', default: '120' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return void console.log(USAGE);
  const calls = Number(values.calls);
  const concurrency = Number(values.concurrency);
  const outboundShare = Number(values['outbound-share']);
  const noAnswerShare = Number(values['no-answer-share']);
  if (!Number.isInteger(calls) || calls < 1 || !Number.isInteger(concurrency) || concurrency < 1) throw new Error(`--calls and --concurrency must be positive integers\n${USAGE}`);
  if (!(outboundShare >= 0 && outboundShare <= 1 && noAnswerShare >= 0 && noAnswerShare <= 1)) throw new Error(`shares must be within 0..1\n${USAGE}`);
  if (values.scenario !== undefined && !isScenarioName(values.scenario)) throw new Error(`unknown scenario ${values.scenario}\n${USAGE}`);
  const engineUrl = values.engine.replace(/\/+$/, '');
  const placed = await placeCalls({ engineUrl, calls, concurrency, scenario: values.scenario, outboundShare, noAnswerShare, timeoutMillis: Number(values['timeout-seconds']) * 1000 });
  for (const call of placed) {
    const { record } = call;
    console.log(`${call.callSid} ${call.direction} trace=${String(record.trace_id)} ${String(record.scenario)} → ${String(record.outcome)}`);
  }
  const stats = (await (await fetch(`${engineUrl}/api/stats`)).json());
  console.log(JSON.stringify(stats));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
