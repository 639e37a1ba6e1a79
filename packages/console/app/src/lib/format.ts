const nf0 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const nf1 = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1, minimumFractionDigits: 1 });

export type Unit = 'rate' | 'count' | 'usd' | 'ms' | 'score' | 'ratio';

export function fmt(value: number | null | undefined, unit: Unit): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  switch (unit) {
    case 'rate':
      return `${nf1.format(value * 100)}%`;
    case 'count':
      return nf0.format(value);
    case 'usd':
      return Math.abs(value) < 10 ? `$${value.toFixed(3)}` : `$${nf0.format(value)}`;
    case 'ms':
      return value >= 10_000 ? `${nf1.format(value / 1000)} s` : `${nf0.format(value)} ms`;
    case 'score':
      return nf1.format(value);
    case 'ratio':
      return `${nf1.format(value)}×`;
  }
}

/** The change of a KPI against the previous period, in the unit people read it in. */
export function fmtDelta(now: number | null, before: number | null, unit: Unit): string {
  if (now === null || before === null) return 'no previous data';
  const d = now - before;
  if (unit === 'rate') return `${d >= 0 ? '+' : '−'}${nf1.format(Math.abs(d) * 100)} pts`;
  if (before === 0) return d === 0 ? '±0' : `from 0`;
  const pct = (d / Math.abs(before)) * 100;
  return `${pct >= 0 ? '+' : '−'}${nf1.format(Math.abs(pct))}%`;
}

export function fmtTime(iso: string | number): string {
  const d = new Date(iso);
  return d.toLocaleString('en-GB', {
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
  });
}

export function fmtConfidence(c: number | null | undefined): string {
  if (c === null || c === undefined) return 'n/a';
  return c >= 0.999 ? '>99.9%' : `${nf1.format(c * 100)}%`;
}
