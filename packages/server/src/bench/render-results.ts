import { TARGETS, type BenchResults } from './bench-results.js';
import type { IngestFigure } from './ingest-bench.js';
import type { FreshnessFigure } from './freshness-bench.js';
import { median } from './stats.js';

const int = (n: number): string => Math.round(n).toLocaleString('en');
const ms = (n: number | undefined): string => (n === undefined ? '—' : n < 10 ? n.toFixed(2) : n.toFixed(1));
const pct = (n: number): string => `${(n * 100).toFixed(0)}%`;
const mb = (n: number): string => `${Math.round(n)} MB`;
/** The main thread's heap and the ingest worker's ("—" when ingest ran on the main thread or was not reported). */
const heaps = (main: number, worker: number | null): string => `${mb(main)} / ${worker === null ? '—' : mb(worker)}`;
const maybeMb = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : mb(value));
const ratio = (n: number): string => `${n.toFixed(2)}×`;

/**
 * Mean spans/s of the first and of the last five whole seconds, and the slowest second: a rate
 * that falls over the run, or stalls (a second with almost nothing acknowledged), shows here.
 */
function trend(bySecond: number[]): string {
  const whole = bySecond.slice(0, -1);
  if (whole.length < 10) return '—';
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  return `${int(mean(whole.slice(0, 5)))} → ${int(mean(whole.slice(-5)))}; slowest second ${int(Math.min(...whole))}`;
}

/** Peak RSS over the first and the last third of a run: level, or growing? */
function rssThirds(bySecond: number[]): string {
  if (bySecond.length < 6) return '—';
  const third = Math.floor(bySecond.length / 3);
  return `${mb(Math.max(...bySecond.slice(0, third)))} → ${mb(Math.max(...bySecond.slice(-third)))}`;
}

function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** "met" or how far off, in the target's own unit. */
function verdict(measured: number, target: number, higherIsBetter: boolean): string {
  const met = higherIsBetter ? measured >= target : measured <= target;
  if (met) return 'met';
  return higherIsBetter
    ? `missed: ${pct(measured / target)} of target`
    : `missed: ${ratio(measured / target)} the target`;
}

/** A run's throughput over protobufjs decode-only measured just before and after it. */
function shareOfProtobufjs(run: IngestFigure): number {
  return run.spansPerSecond / run.protobufjsSpansPerSecond;
}

function protobufjsRate(results: BenchResults): number | null {
  return results.decode.find((d) => d.decoder === 'protobufjs')?.spansPerSecond ?? null;
}

function targetRows(results: BenchResults): string[][] {
  const rows: string[][] = [];
  for (const gzip of [false, true]) {
    const runs = results.ingest.filter((r) => r.gzip === gzip);
    if (runs.length === 0) continue;
    const of = runs.length > 1 ? `, median of ${runs.length} runs` : '';
    const label = `ingest end to end, gzip ${gzip ? 'on' : 'off'}`;
    const rate = median(runs.map((r) => r.spansPerSecond));
    const share = median(runs.map(shareOfProtobufjs));
    rows.push([`${label}: spans/s${of}`, `≥ ${int(TARGETS.ingestSpansPerSecond)}`, int(rate), verdict(rate, TARGETS.ingestSpansPerSecond, true)]);
    rows.push([
      `${label}: share of protobufjs decode-only (measured around each run)${of}`,
      `≥ ${pct(TARGETS.ingestShareOfProtobufjs)}`,
      pct(share),
      verdict(share, TARGETS.ingestShareOfProtobufjs, true),
    ]);
  }
  const largest = [...results.queries].sort((a, b) => b.fill.calls - a.fill.calls)[0];
  if (largest) {
    const at = `over ${int(largest.fill.calls)} calls`;
    const note = largest.fill.calls < 10_000_000 ? ' (target is at 10M)' : '';
    rows.push([
      `overview (summary + daily series) on the plane ${at}${note}`,
      `≤ ${TARGETS.overviewMsAt10M} ms`,
      `${ms(largest.planeOverviewMs)} ms`,
      verdict(largest.planeOverviewMs, TARGETS.overviewMsAt10M, false),
    ]);
    rows.push([
      `overview on the plane ${at}${note}, the console's window (30 days to the next minute: partial hours at both ends)`,
      `≤ ${TARGETS.overviewMsAt10M} ms`,
      `${ms(largest.planeConsoleOverviewMs)} ms`,
      verdict(largest.planeConsoleOverviewMs, TARGETS.overviewMsAt10M, false),
    ]);
    if (largest.restConsoleOverviewMs !== undefined) {
      rows.push([
        `the console's overview page as it loads ${at}${note}: its window's summary, the previous window's and the daily series (GET /kpis/overview)`,
        `≤ ${TARGETS.overviewMsAt10M} ms`,
        `${ms(largest.restConsoleOverviewMs)} ms`,
        verdict(largest.restConsoleOverviewMs, TARGETS.overviewMsAt10M, false),
      ]);
    }
    const vsHand = largest.store.overviewMs / largest.handWritten.overviewMs;
    rows.push([`overview vs hand-written SQL ${at}`, '≤ 1.00×', ratio(vsHand), verdict(vsHand, 1, false)]);
    rows.push([
      `RSS, store ${at} open and queried${note}`,
      `≤ ${TARGETS.rssMb} MB`,
      mb(largest.peakRssMb),
      verdict(largest.peakRssMb, TARGETS.rssMb, false),
    ]);
    rows.push([
      `RSS, store ${at} open, ${int(largest.inFlightCalls)} calls in flight, overview asked again`,
      `≤ ${TARGETS.rssMb} MB`,
      mb(largest.peakRssWithInFlightMb),
      verdict(largest.peakRssWithInFlightMb, TARGETS.rssMb, false),
    ]);
  }
  for (const f of results.freshness) {
    const goal = (f.graceSeconds + 1) * 1000;
    const load = f.backgroundClients > 0 ? `under ${int(f.backgroundSpansPerSecond)} spans/s, probes from ${leadOf(f)}` : 'idle plane';
    rows.push([`freshness, call end → KPIs and live stream, worst of ${f.probes} (${load})`, `≤ grace + 1 s = ${int(goal)} ms`, `${int(Math.max(f.apiMs.max, f.streamMs.max))} ms`, verdict(Math.max(f.apiMs.max, f.streamMs.max), goal, false)]);
  }
  for (const run of results.ingest) {
    rows.push([
      `RSS during ingest, round ${run.round}, gzip ${run.gzip ? 'on' : 'off'} (peak ${int(run.sample.peakInFlight)} calls in flight)`,
      `≤ ${TARGETS.rssMb} MB`,
      mb(run.sample.peakRssMb),
      verdict(run.sample.peakRssMb, TARGETS.rssMb, false),
    ]);
  }
  return rows;
}

/** The run as markdown: machine, targets, then one table per section. */
export function renderResults(results: BenchResults): string {
  const m = results.machine;
  const out: string[] = [
    `# Benchmark run ${results.startedAt}`,
    '',
    `\`${['npm run bench --', ...results.argv].join(' ')}\``,
    '',
    table(
      ['CPU', 'cores', 'memory', 'Node', 'DuckDB', 'load (1 min) at start'],
      [[m.cpuModel, String(m.cores), `${m.memoryGb} GB`, m.node, m.duckdb, String(m.loadAverage1m)]],
    ),
  ];
  const targets = targetRows(results);
  if (targets.length > 0) out.push('', '## Targets', '', table(['target', 'goal', 'measured', 'verdict'], targets));
  if (results.payload) {
    const p = results.payload;
    out.push(
      '',
      '## Payload',
      '',
      `${p.requests} export requests from the official SDK and serializers, reused round-robin: ` +
        `${p.spansPerRequest.toFixed(0)} spans (${p.callsPerRequest.toFixed(1)} whole calls) a request, ` +
        `${p.attributesPerSpan.toFixed(1)} attributes a span; ${int(p.protobufBytesPerRequest / 1024)} KiB protobuf, ` +
        `${int(p.jsonBytesPerRequest / 1024)} KiB JSON a request.`,
    );
  }
  const baseline = protobufjsRate(results);
  if (results.decode.length > 0 && baseline) {
    out.push(
      '',
      '## Decode only (one thread, median of 7 rounds)',
      '',
      table(
        ['decoder', 'input', 'spans/s', 'vs protobufjs'],
        results.decode.map((d) => [
          d.decoder,
          d.decoder.includes('JSON') ? 'OTLP/JSON' : 'OTLP protobuf',
          int(d.spansPerSecond),
          ratio(d.spansPerSecond / baseline),
        ]),
      ),
    );
  }
  if (results.ingest.length > 0) {
    out.push(
      '',
      `## Ingest end to end (OTLP/HTTP protobuf → durable → session → KPIs)`,
      '',
      `The plane runs in a child process of its own (its CPU, event loop and RSS are the plane's alone); the load comes from another ` +
        `child process, ${results.ingest[0].clients} keep-alive HTTP requests in flight. Calls/s and spans/s count acknowledged exports.`,
      '',
      table(
        [
          'round',
          'gzip',
          'spans/s',
          'protobufjs around it',
          'vs protobufjs',
          'first → last 5 s (spans/s)',
          'calls/s',
          'request p50 / p99',
          'plane CPU',
          'loop delay p99',
          'peak RSS',
          'drain to KPIs',
          'KPI calls = sent',
          'load generator CPU',
        ],
        results.ingest.map((r) => [
          String(r.round),
          r.gzip ? 'on (level 1)' : 'off',
          int(r.spansPerSecond),
          int(r.protobufjsSpansPerSecond),
          pct(shareOfProtobufjs(r)),
          trend(r.client.spansBySecond),
          int((r.spansPerSecond * r.client.callsAcknowledged) / Math.max(1, r.client.spansAcknowledged)),
          `${ms(r.client.latencyP50Ms)} / ${ms(r.client.latencyP99Ms)} ms`,
          `${r.sample.cpuCores.toFixed(2)} cores`,
          `${ms(r.sample.eventLoopDelayP99Ms)} ms`,
          mb(r.sample.peakRssMb),
          `${int(r.drainMillis)} ms`,
          `${r.visibleInKpis ? 'yes' : 'NO'} (${int(r.kpiCalls)} / ${int(r.client.callsAcknowledged)})`,
          `${r.client.clientCpuCores.toFixed(2)} cores`,
        ]),
      ),
    );
    const steps: string[][] = [];
    for (const d of results.decode.filter((x) => x.decoder.includes('protobuf'))) {
      steps.push([
        `decode only, ${d.decoder}`,
        int(d.spansPerSecond),
        baseline ? pct(d.spansPerSecond / baseline) : '—',
      ]);
    }
    for (const a of results.append) {
      steps.push([
        `durable append only (Store.appendTelemetry, ${int(a.spansPerBatch)} spans a commit, ${ms(a.msPerBatch)} ms each), ${a.durable ? 'on disk' : 'in-memory store: no WAL, no fsync'}`,
        int(a.spansPerSecond),
        baseline ? pct(a.spansPerSecond / baseline) : '—',
      ]);
    }
    for (const r of results.ingest) {
      steps.push([
        `end to end, gzip ${r.gzip ? 'on' : 'off'} (round ${r.round}; vs protobufjs measured around it)`,
        int(r.spansPerSecond),
        pct(shareOfProtobufjs(r)),
      ]);
    }
    out.push(
      '',
      'The steps of the path measured alone, same spans, same run:',
      '',
      table(['step', 'spans/s', 'vs protobufjs'], steps),
    );
    out.push(
      '',
      table(
        [
          'round',
          'gzip',
          'plane RSS idle',
          'peak RSS',
          'peak RSS, first → last third',
          'of which V8 heap: main / ingest worker',
          "DuckDB's own memory (peak)",
          'peak calls in flight',
        ],
        results.ingest.map((r) => [
          String(r.round),
          r.gzip ? 'on' : 'off',
          mb(r.rssIdleMb),
          mb(r.sample.peakRssMb),
          rssThirds(r.sample.rssBySecondMb ?? []),
          heaps(r.sample.peakHeapUsedMb, r.sample.peakWorkerHeapMb),
          maybeMb(r.sample.peakStoreMb),
          int(r.sample.peakInFlight),
        ]),
      ),
    );
    const failures = results.ingest.filter(
      (r) => Object.keys(r.client.failuresByStatus).length > 0 || r.client.partialSuccesses > 0,
    );
    for (const r of failures) {
      out.push(
        '',
        `gzip ${r.gzip ? 'on' : 'off'}: failures ${JSON.stringify(r.client.failuresByStatus)}, partial successes ${r.client.partialSuccesses}`,
      );
    }
    for (const r of results.ingest) {
      for (const p of r.profiles ?? []) {
        out.push(
          '',
          `### Where the plane's ${p.thread === 'main' ? 'main thread' : `thread ${p.thread}`} spent the gzip-${r.gzip ? 'on' : 'off'} run (CPU profile, self time)`,
          '',
          table(
            ['area', 'share'],
            p.areas.map((a) => [a.name, pct(a.share)]),
          ),
          '',
          table(
            ['frame', 'share'],
            p.frames.map((f) => [`\`${f.name}\``, pct(f.share)]),
          ),
        );
      }
    }
  }
  if (results.queries.length > 0) {
    out.push(
      '',
      '## Queries (one tenant, 30 days; median ms after warm-up)',
      '',
      "Store and hand-written SQL alternate run by run on one DuckDB instance with the plane's settings.",
      '',
      table(
        ['stored calls', 'query', 'store', 'hand-written SQL', 'store / hand-written'],
        results.queries.flatMap((q) => {
          const n = int(q.fill.calls);
          const row = (name: string, store: number, hand: number): string[] => [
            n,
            name,
            ms(store),
            ms(hand),
            ratio(store / hand),
          ];
          return [
            row('overview: summary + daily series', q.store.overviewMs, q.handWritten.overviewMs),
            row('kpiSummary (all tiles)', q.store.summaryMs, q.handWritten.summaryMs),
            row('kpiSeries (day, 30 points)', q.store.seriesMs, q.handWritten.seriesMs),
            row('listCalls (first page of 50)', q.store.pageMs, q.handWritten.pageMs),
          ];
        }),
      ),
      '',
      'A running plane over the same store (its own process): the overview through its Store and through the REST API ' +
        "(summary and series requested in parallel), the console's overview page as it loads (its window's summary, the " +
        "previous window's and the daily series: one GET /kpis/overview), and the process's RSS.",
      '',
      table(
        [
          'stored calls',
          'fill time',
          'database file',
          'overview, Store',
          'overview, REST',
          "overview, Store, the console's window",
          'console page, REST (/kpis/overview)',
          'RSS after open',
          'RSS after queries',
          'peak RSS',
          'with calls in flight: peak RSS / V8 heap main / ingest worker',
          'DuckDB memory limit / threads',
          'same numbers',
        ],
        results.queries.map((q) => [
          int(q.fill.calls),
          `${q.fill.seconds.toFixed(1)} s`,
          mb(q.fill.databaseMb),
          `${ms(q.planeOverviewMs)} ms`,
          `${ms(q.restOverviewMs)} ms`,
          `${ms(q.planeConsoleOverviewMs)} ms`,
          q.restConsoleOverviewMs === undefined ? '–' : `${ms(q.restConsoleOverviewMs)} ms`,
          mb(q.rssAfterOpenMb),
          mb(q.rssAfterQueriesMb),
          mb(q.peakRssMb),
          `${int(q.inFlightCalls)} calls: ${mb(q.peakRssWithInFlightMb)} / ${heaps(q.peakHeapWithInFlightMb, q.peakWorkerHeapWithInFlightMb ?? null)}`,
          `${q.duckDbMemoryLimitMb} MB / ${q.duckDbThreads}`,
          q.mismatches.length === 0 ? 'yes' : `NO: ${q.mismatches.slice(0, 3).join('; ')}`,
        ]),
      ),
    );
  }
  if (results.freshness.length > 0) {
    out.push(
      '',
      '## Freshness (call end → live stream, → served by the API and counted in KPIs)',
      '',
      'A plane with the production grace period in a child process; probe calls end one a second, side by side; times from each call\'s end (its root span\'s end time).',
      '',
      table(
        ['grace', 'background load', 'probes', 'live stream p50 / max', 'KPIs p50 / max', 'lost'],
        results.freshness.map((f) => [
          `${f.graceSeconds} s`,
          f.backgroundClients > 0 ? `${f.backgroundClients} requests in flight, ${int(f.backgroundSpansPerSecond)} spans/s; probes from ${leadOf(f)}` : 'none',
          String(f.probes),
          `${int(f.streamMs.p50)} / ${int(f.streamMs.max)} ms`,
          `${int(f.apiMs.p50)} / ${int(f.apiMs.max)} ms`,
          String(f.lost),
        ]),
      ),
    );
  }
  if (results.sdk) {
    const s = results.sdk;
    out.push(
      '',
      '## SDK overhead (@lumay/telemetry against the bare OpenTelemetry SDK)',
      '',
      `The same ${s.spansPerCall}-span calls with our conventions' attributes, on the official TracerProvider with a batch processor and a counting exporter; median of ${s.rounds} rounds of ${int(s.calls)} calls, the two interleaved.`,
      '',
      table(
        ['bare SDK', '@lumay/telemetry', 'overhead per span', 'ratio'],
        [[`${int(s.bareNsPerSpan)} ns/span`, `${int(s.sdkNsPerSpan)} ns/span`, `${int(s.overheadNsPerSpan)} ns`, `${s.ratio.toFixed(2)}×`]],
      ),
    );
  }
  if (results.notes.length > 0) out.push('', '## Notes', '', ...results.notes.map((n) => `- ${n}`));
  return out.join('\n') + '\n';
}

/** When a freshness run's probes started, in the words of its rows. */
function leadOf(f: FreshnessFigure): string {
  return `${f.loadLeadSeconds} s into the load${f.loadLeadSeconds <= f.graceSeconds ? ' (its onset)' : ''}`;
}
