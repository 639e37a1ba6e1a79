import { apiGet } from './api.js';
import { apiFilters, hoursOf, windowOf, type Filters } from './filters.js';
import type { KpiSummary, SeriesPoint } from './types.js';

export interface KpiWindow {
  now: KpiSummary;
  before: KpiSummary;
  series: SeriesPoint[];
  from: number;
  to: number;
}

/** The summary of the window, of the previous one, and the series for sparklines, in parallel. */
export async function loadKpiWindow(f: Filters): Promise<KpiWindow> {
  const w = windowOf(f, Date.now());
  const base = apiFilters(f);
  const bucket = hoursOf(f.range) > 72 ? 'day' : 'hour';
  const [now, before, series] = await Promise.all([
    apiGet<{ kpis: KpiSummary }>('/kpis/summary', { ...base, from: w.from, to: w.to }),
    apiGet<{ kpis: KpiSummary }>('/kpis/summary', { ...base, from: w.prevFrom, to: w.from }),
    apiGet<{ points: SeriesPoint[] }>('/kpis/series', { ...base, from: w.from, to: w.to, bucket }),
  ]);
  return { now: now.kpis, before: before.kpis, series: series.points, from: w.from, to: w.to };
}
