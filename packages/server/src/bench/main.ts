/**
 * `npm run bench`: the performance figures of DESIGN.md "Performance targets", measured as
 * ratios in one run on this machine. Not a test: nothing here passes or fails, it reports.
 * See docs/performance.md for the method and how to read the output.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { USAGE, parseBenchOptions, type BenchOptions, type Section } from './bench-options.js';
import type { BenchResults } from './bench-results.js';
import { measureAppend } from './append-bench.js';
import { measureDecoders } from './decode-bench.js';
import { measureIngest } from './ingest-bench.js';
import { measureFreshness } from './freshness-bench.js';
import { measureSdkOverhead } from './sdk-overhead.js';
import { machineInfo } from './machine-info.js';
import { measureQueries } from './query-bench.js';
import { renderResults } from './render-results.js';
import { buildTracePayloads, type PayloadSet } from './trace-payloads.js';
import { writeResults } from './write-results.js';
import { benchPlaneEnv } from './bench-plane-env.js';

const PAYLOAD_REQUESTS = 16;
const PAYLOAD_SEED = 20_260_101;

const log = (line: string): void => console.log(line);

async function payloadSection(results: BenchResults, recordedAtMs: number): Promise<PayloadSet> {
  log('recording calls with the official SDK and serializing them…');
  const set = await buildTracePayloads(PAYLOAD_REQUESTS, PAYLOAD_SEED, recordedAtMs);
  results.payload = {
    requests: set.payloads.length,
    spansPerRequest: set.spansPerRequest,
    callsPerRequest: set.calls / set.payloads.length,
    attributesPerSpan: set.attributesPerSpan,
    protobufBytesPerRequest: set.protobufBytesPerRequest,
    jsonBytesPerRequest: set.jsonBytesPerRequest,
  };
  return set;
}

async function ingestSection(
  options: BenchOptions,
  results: BenchResults,
  set: PayloadSet,
  recordedAtMs: number,
): Promise<void> {
  if (!results.decode.some((d) => d.decoder === 'protobufjs')) {
    log('decode: protobufjs only, as the baseline of the ingest ratio…');
    results.decode.push(...measureDecoders(set, ['protobufjs']));
  }
  // The ratio's denominator is measured around each run (before and after), not once for all.
  const protobufjsNow = (): number => measureDecoders(set, ['protobufjs'], 3)[0].spansPerSecond;
  for (const durable of [true, false]) {
    log(
      `append only: Store.appendTelemetry, ${options.clients} requests a batch, ${durable ? 'on disk' : 'in memory'}…`,
    );
    results.append.push(await measureAppend(set, options.clients, 5, durable));
  }
  let before = protobufjsNow();
  for (let round = 1; round <= options.rounds; round++) for (const gzip of [false, true]) {
    const profilePath =
      options.profile && !gzip && round === 1 ? join(tmpdir(), `lumay-ingest-${Date.now()}`) : undefined;
    log(
      `ingest round ${round}/${options.rounds}: ${options.seconds}s, ${options.clients} requests in flight, gzip ${gzip ? 'on' : 'off'}${profilePath ? ', profiled' : ''}…`,
    );
    const measured = await measureIngest(
      set,
      { seconds: options.seconds, clients: options.clients, gzip, profilePath },
      recordedAtMs,
    );
    const after = protobufjsNow();
    const figure = { ...measured, round, protobufjsSpansPerSecond: (before + after) / 2 };
    before = after;
    log(
      `  ${Math.round(figure.spansPerSecond).toLocaleString('en')} spans/s (${Math.round((100 * figure.spansPerSecond) / figure.protobufjsSpansPerSecond)}% of protobufjs around it); KPIs count every call sent: ${figure.visibleInKpis}`,
    );
    results.ingest.push(figure);
    if (profilePath) {
      results.notes.push(
        `The gzip-off ingest run was CPU-profiled (V8's sampling profiler on each of the plane's JavaScript threads), which costs it a few per cent; profiles: ${profilePath}-<thread>.cpuprofile (open in Chrome DevTools).`,
      );
    }
  }
}

async function main(): Promise<void> {
  let options: BenchOptions | null;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options === null) {
    console.log(USAGE);
    return;
  }
  const machine = machineInfo();
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    finishedAt: '',
    machine,
    argv: process.argv.slice(2),
    payload: null,
    decode: [],
    append: [],
    ingest: [],
    queries: [],
    freshness: [],
    sdk: null,
    notes: [],
  };
  log(
    `${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB, Node ${machine.node}, DuckDB ${machine.duckdb}`,
  );
  if (machine.loadAverage1m > 0.5 * machine.cores) {
    const warning = `load average was ${machine.loadAverage1m} at start: other work shared the CPU, so the figures are low.`;
    log(`warning: ${warning}`);
    results.notes.push(warning);
  }
  const planeEnv = Object.entries(benchPlaneEnv()).map(([k, v]) => `${k}=${v}`);
  if (planeEnv.length > 0) results.notes.push(`The planes ran with ${planeEnv.join(', ')} from the bench's environment.`);
  const recordedAtMs = Date.now();
  const needsPayloads = ['decode', 'ingest', 'freshness'].some((s) => options.sections.includes(s as Section));
  if (needsPayloads) {
    const set = await payloadSection(results, recordedAtMs);
    if (options.sections.includes('decode')) {
      log('decode: 4 decoders × 7 rounds…');
      results.decode = measureDecoders(set);
    }
    if (options.sections.includes('ingest')) await ingestSection(options, results, set, recordedAtMs);
    if (options.sections.includes('freshness')) {
      // Idle; then under load from 2 s into it (its onset) and from 12 s (past the first grace
      // period's backlog, the load as sustained).
      for (const [clients, leadSeconds] of [[0, 0], [4, 2], [4, 12]] as const) {
        const load = clients === 0 ? 'idle plane' : `${clients} requests of background load in flight, probes from ${leadSeconds} s into it`;
        log(`freshness: 15 probe calls, grace 5 s, ${load}…`);
        results.freshness.push(await measureFreshness(set, 15, clients, leadSeconds));
      }
    }
  }
  if (options.sections.includes('sdk')) {
    log('sdk: @lumay/telemetry against the bare OpenTelemetry SDK…');
    results.sdk = measureSdkOverhead();
    if (!results.sdk) results.notes.push('The SDK benchmark was skipped: packages/telemetry is not built.');
  }
  if (options.sections.includes('queries')) {
    for (const calls of options.callSizes) results.queries.push(await measureQueries(calls, options.queryRuns, log));
  }
  results.finishedAt = new Date().toISOString();
  const markdown = renderResults(results);
  console.log(`\n${markdown}`);
  for (const path of writeResults(options.resultsDir, results)) log(`wrote ${path}`);
}

await main();
