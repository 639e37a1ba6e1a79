import type { Params } from './api.js';

/** The filters every page shares, kept in the URL (?range=24h&agent=…). */
export interface Filters {
  range: string;
  agent: string;
  version: string;
  direction: string;
  campaign: string;
}

export const RANGES: { id: string; label: string; hours: number }[] = [
  { id: '1h', label: 'Last hour', hours: 1 },
  { id: '6h', label: 'Last 6 hours', hours: 6 },
  { id: '24h', label: 'Last 24 hours', hours: 24 },
  { id: '7d', label: 'Last 7 days', hours: 168 },
  { id: '30d', label: 'Last 30 days', hours: 720 },
];

export const FILTER_KEYS = ['range', 'agent', 'version', 'direction', 'campaign'] as const;

export function filtersOf(params: URLSearchParams): Filters {
  return {
    range: RANGES.some((r) => r.id === params.get('range')) ? (params.get('range') ?? '24h') : '24h',
    agent: params.get('agent') ?? '',
    version: params.get('version') ?? '',
    direction: params.get('direction') ?? '',
    campaign: params.get('campaign') ?? '',
  };
}

export function hoursOf(range: string): number {
  return RANGES.find((r) => r.id === range)?.hours ?? 24;
}

/** The API window of the filters ending at `nowMs` (the plane takes the previous one as just as long, before it). */
export function windowOf(f: Filters, nowMs: number): { from: number; to: number } {
  const length = hoursOf(f.range) * 3_600_000;
  // Round the end up to the next minute so repeated requests within a minute share a window.
  const to = Math.ceil(nowMs / 60_000) * 60_000;
  return { from: to - length, to };
}

/** The filter part of an API query (window given separately). */
export function apiFilters(f: Filters): Params {
  return { agent: f.agent, version: f.version, direction: f.direction, campaign: f.campaign };
}

/** The filters as a URL query string to carry across pages. */
export function filterQuery(f: Filters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  for (const k of FILTER_KEYS) if (f[k] && !(k === 'range' && f[k] === '24h')) q.set(k, f[k]);
  for (const [k, v] of Object.entries(extra)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `?${s}` : '';
}
