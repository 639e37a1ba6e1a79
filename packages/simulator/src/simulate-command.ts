import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { INCIDENT_USAGE, parseIncident } from './incidents.js';
import { simulate, type SimulationOptions, type TenantKey } from './simulate.js';

export const SIMULATE_USAGE = `lumay simulate — a fleet of voice agents sending calls to a plane through @lumay/telemetry

  lumay simulate --key KEY [--key NAME=KEY ...] [options]

  --endpoint URL        plane OTLP/HTTP base URL (default http://127.0.0.1:4318)
  --key [NAME=]KEY      an ingest key; one per simulated tenant (default LUMAY_API_KEY)
  --seed N              same seed, same calls (default 42)
  --calls N             send N calls spread over the last --spread-minutes, then exit (default 200)
  --spread-minutes N    with --calls (default 360)
  --rate R              instead: R calls per second, continuously (each ends just before it is sent)
  --duration S          with --rate: stop after S seconds (default: until Ctrl-C)
  --incident SPEC       inject an incident (repeatable):
${INCIDENT_USAGE.replace(/^/gm, '    ')}
  --truth-file FILE     write the KPIs the plane must report, per tenant (JSON)
  --service-name NAME   resource service.name (default voice-engine)
  --quiet               print nothing but errors`;

/** A bad command line; the message says what to fix. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function numberOption(name: string, raw: string | undefined, min: number, integer: boolean): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!(value >= min) || (integer && !Number.isSafeInteger(value))) throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, got "${raw}"`);
  return value;
}

function tenantKeys(raw: string[], env: NodeJS.ProcessEnv): TenantKey[] {
  const keys = raw.length > 0 ? raw : env.LUMAY_API_KEY ? [env.LUMAY_API_KEY] : [];
  if (keys.length === 0) throw new UsageError('give an ingest key: --key KEY (or LUMAY_API_KEY); one --key per tenant');
  return keys.map((entry, i) => {
    const eq = entry.indexOf('=');
    return eq > 0 ? { name: entry.slice(0, eq), apiKey: entry.slice(eq + 1) } : { name: `tenant-${i + 1}`, apiKey: entry };
  });
}

export function parseSimulateArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): SimulationOptions & { truthFile?: string; quiet: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      endpoint: { type: 'string' },
      key: { type: 'string', multiple: true },
      seed: { type: 'string' },
      calls: { type: 'string' },
      'spread-minutes': { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      incident: { type: 'string', multiple: true },
      'truth-file': { type: 'string' },
      'service-name': { type: 'string' },
      quiet: { type: 'boolean' },
    },
  });
  const rate = numberOption('rate', values.rate, 0.001, false);
  const calls = numberOption('calls', values.calls, 0, true);
  if (rate !== undefined && calls !== undefined) throw new UsageError('give either --calls or --rate, not both');
  const duration = numberOption('duration', values.duration, 0, false);
  if (duration !== undefined && rate === undefined) throw new UsageError('--duration goes with --rate');
  let incidents;
  try {
    incidents = (values.incident ?? []).map(parseIncident);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  return {
    endpoint: (values.endpoint ?? 'http://127.0.0.1:4318').replace(/\/+$/, ''),
    tenants: tenantKeys(values.key ?? [], env),
    seed: numberOption('seed', values.seed, 0, true) ?? 42,
    incidents,
    serviceName: values['service-name'] ?? 'voice-engine',
    mode: rate === undefined ? { calls: calls ?? 200, spreadMinutes: numberOption('spread-minutes', values['spread-minutes'], 1, false) ?? 360 } : { ratePerSecond: rate, durationSeconds: duration },
    truthFile: values['truth-file'],
    quiet: values.quiet ?? false,
  };
}

/** `lumay simulate`: returns the exit code. */
export async function runSimulateCommand(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(SIMULATE_USAGE);
    return 0;
  }
  let options;
  try {
    options = parseSimulateArgs(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${SIMULATE_USAGE}`);
    return 2;
  }
  const stop = new AbortController();
  const onSignal = (): void => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const started = Date.now();
  let calls = 0;
  let spans = 0;
  try {
    const truth = await simulate({
      ...options,
      collectTruth: options.truthFile !== undefined || 'calls' in options.mode,
      signal: stop.signal,
      onBatch: (batch) => {
        calls += batch.calls;
        spans += batch.spans;
      },
    });
    if (options.truthFile !== undefined) writeFileSync(options.truthFile, `${JSON.stringify(truth, null, 2)}\n`);
    if (!options.quiet) {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      // Without a kept truth (a steady run with no --truth-file) there is no intended containment to show.
      const summary = truth.tenants
        .map((t) => (t.truth.kpis.calls === 0 ? `${t.tenant}: ${t.calls} calls` : `${t.tenant}: ${t.calls} calls, intended containment ${percent(t.truth.kpis.containmentRate)}`))
        .join('; ');
      console.log(`simulate: sent ${calls} calls (${spans} spans) to ${options.endpoint} in ${seconds} s; ${summary}`);
    }
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function percent(rate: number | null): string {
  return rate === null ? 'n/a' : `${(rate * 100).toFixed(1)}%`;
}
