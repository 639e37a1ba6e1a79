import type { BenchResults } from './bench-results.js';
import { heaps, int, leadOf, maybeMb, mb, ms, pct, ratio, rssThirds, shareOfProtobufjs, table, trend } from './render-format.js';
import { targetRows } from './render-targets.js';

function protobufjsRate(results: BenchResults): number | null {
  return results.decode.find((d) => d.decoder === 'protobufjs')?.spansPerSecond ?? null;
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
      "Store and hand-written SQL alternate run by run on one DuckDB instance with the plane's settings. The store keeps " +
        'the KPI parts of hours and minutes no write has touched since it read them (kpi-period-cache.ts): its figures are ' +
        'with them kept, except the rows marked "nothing kept", which forget them before each run.',
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
            ...(q.store.overviewColdMs === undefined
              ? []
              : [row('overview, nothing kept', q.store.overviewColdMs, q.handWritten.overviewMs)]),
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
          "the same, nothing kept",
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
          q.planeConsoleOverviewColdMs === undefined ? '–' : `${ms(q.planeConsoleOverviewColdMs)} ms`,
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
