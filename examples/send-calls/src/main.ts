#!/usr/bin/env node
import { writeFile } from 'node:fs/promises';
import { DiagConsoleLogger, DiagLogLevel, diag } from '@opentelemetry/api';
import { planCalls } from '@lumay/simulator/call-plan';
import { parseCliOptions, USAGE, UsageError, type CliOptions } from './cli-options.js';
import { groundTruthDocument } from '@lumay/simulator/ground-truth';
import { sendCalls } from './send-calls.js';

function percent(rate: number | null): string {
  return rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`;
}

async function run(options: CliOptions): Promise<void> {
  // Surfaces the exporters' warnings, among them a plane's OTLP partial_success (rejected spans).
  diag.setLogger(new DiagConsoleLogger(), DiagLogLevel.WARN);
  const plans = planCalls({ calls: options.calls, seed: options.seed, spreadMinutes: options.spreadMinutes });
  const truth = groundTruthDocument(plans);
  const startedMs = performance.now();
  const sent = await sendCalls({ endpoint: options.endpoint, apiKey: options.apiKey, protocol: options.protocol, plans, serviceName: options.serviceName });
  const seconds = ((performance.now() - startedMs) / 1000).toFixed(1);
  if (options.groundTruthPath !== null) await writeFile(options.groundTruthPath, `${JSON.stringify(truth, null, 2)}\n`);
  const k = truth.kpis;
  console.log(
    `sent ${sent.calls} calls (${sent.spans} spans, ${sent.logRecords} log records) over ${options.protocol} to ${options.endpoint} in ${seconds} s; ` +
      `handled ${k.handled}, containment ${percent(k.containmentRate)}, escalation ${percent(k.escalationRate)}, ` +
      `outbound answer ${percent(k.outboundAnswerRate)}, connector success ${percent(k.connectorSuccessRate)}` +
      (options.groundTruthPath === null ? '' : `; ground truth in ${options.groundTruthPath}`),
  );
}

try {
  const options = parseCliOptions(process.argv.slice(2));
  if (options === null) console.log(USAGE);
  else await run(options);
} catch (error: unknown) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}
