import { TARGETS, type BenchResults } from './bench-results.js';
import { int, leadOf, mb, ms, pct, ratio, shareOfProtobufjs, verdict } from './render-format.js';
import { median } from './stats.js';

/** How the console's rows were measured since the store keeps periods: on a live tenant. */
function live(q: BenchResults['queries'][number]): string {
  return q.planeConsoleOverviewColdMs === undefined ? '' : ', a call written before each run (a live tenant: its minutes read again, the rest kept)';
}

/** The targets table: every target of DESIGN.md this run measured, with its verdict. */
export function targetRows(results: BenchResults): string[][] {
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
      `overview on the plane ${at}${note}, the console's window (30 days to the next minute: partial hours at both ends)${live(largest)}`,
      `≤ ${TARGETS.overviewMsAt10M} ms`,
      `${ms(largest.planeConsoleOverviewMs)} ms`,
      verdict(largest.planeConsoleOverviewMs, TARGETS.overviewMsAt10M, false),
    ]);
    if (largest.planeConsoleOverviewColdMs !== undefined) {
      rows.push([
        `the same with nothing kept (every hour and minute read, as after a restart)`,
        `≤ ${TARGETS.overviewMsAt10M} ms`,
        `${ms(largest.planeConsoleOverviewColdMs)} ms`,
        verdict(largest.planeConsoleOverviewColdMs, TARGETS.overviewMsAt10M, false),
      ]);
    }
    if (largest.restConsoleOverviewMs !== undefined) {
      rows.push([
        `the console's overview page as it loads ${at}${note}: its window's summary, the previous window's and the daily series (GET /kpis/overview)${live(largest)}`,
        `≤ ${TARGETS.overviewMsAt10M} ms`,
        `${ms(largest.restConsoleOverviewMs)} ms`,
        verdict(largest.restConsoleOverviewMs, TARGETS.overviewMsAt10M, false),
      ]);
    }
    // Against the store with nothing kept where measured: the hand-written SQL reads everything each time.
    const cold = largest.store.overviewColdMs;
    const vsHand = (cold ?? largest.store.overviewMs) / largest.handWritten.overviewMs;
    const kept = cold === undefined ? '' : ', nothing kept';
    rows.push([`overview vs hand-written SQL ${at}${kept}`, '≤ 1.00×', ratio(vsHand), verdict(vsHand, 1, false)]);
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
