import type { IngestFigure } from './ingest-bench.js';
import type { FreshnessFigure } from './freshness-bench.js';

/* How the results' numbers read in the markdown: units, tables, verdicts. */

export const int = (n: number): string => Math.round(n).toLocaleString('en');
export const ms = (n: number | undefined): string => (n === undefined ? '—' : n < 10 ? n.toFixed(2) : n.toFixed(1));
export const pct = (n: number): string => `${(n * 100).toFixed(0)}%`;
export const mb = (n: number): string => `${Math.round(n)} MB`;
/** The main thread's heap and the ingest worker's ("—" when ingest ran on the main thread or was not reported). */
export const heaps = (main: number, worker: number | null): string => `${mb(main)} / ${worker === null ? '—' : mb(worker)}`;
export const maybeMb = (value: number | null | undefined): string => (value === null || value === undefined ? '—' : mb(value));
export const ratio = (n: number): string => `${n.toFixed(2)}×`;

/**
 * Mean spans/s of the first and of the last five whole seconds, and the slowest second: a rate
 * that falls over the run, or stalls (a second with almost nothing acknowledged), shows here.
 */
export function trend(bySecond: number[]): string {
  const whole = bySecond.slice(0, -1);
  if (whole.length < 10) return '—';
  const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  return `${int(mean(whole.slice(0, 5)))} → ${int(mean(whole.slice(-5)))}; slowest second ${int(Math.min(...whole))}`;
}

/** Peak RSS over the first and the last third of a run: level, or growing? */
export function rssThirds(bySecond: number[]): string {
  if (bySecond.length < 6) return '—';
  const third = Math.floor(bySecond.length / 3);
  return `${mb(Math.max(...bySecond.slice(0, third)))} → ${mb(Math.max(...bySecond.slice(-third)))}`;
}

export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** "met" or how far off, in the target's own unit. */
export function verdict(measured: number, target: number, higherIsBetter: boolean): string {
  const met = higherIsBetter ? measured >= target : measured <= target;
  if (met) return 'met';
  return higherIsBetter
    ? `missed: ${pct(measured / target)} of target`
    : `missed: ${ratio(measured / target)} the target`;
}

/** A run's throughput over protobufjs decode-only measured just before and after it. */
export function shareOfProtobufjs(run: IngestFigure): number {
  return run.spansPerSecond / run.protobufjsSpansPerSecond;
}

/** When a freshness run's probes started, in the words of its rows. */
export function leadOf(f: FreshnessFigure): string {
  return `${f.loadLeadSeconds} s into the load${f.loadLeadSeconds <= f.graceSeconds ? ' (its onset)' : ''}`;
}
