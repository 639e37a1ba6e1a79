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

/**
 * The summary of the window, of the previous one and the series for sparklines, in one request:
 * the plane reads the window's summary with its series and the previous window beside it.
 */
export async function loadKpiWindow(f: Filters): Promise<KpiWindow> {
  const w = windowOf(f, Date.now());
  const bucket = hoursOf(f.range) > 72 ? 'day' : 'hour';
  const overview = await apiGet<{ kpis: KpiSummary; previous: { kpis: KpiSummary }; points: SeriesPoint[] }>('/kpis/overview', {
    ...apiFilters(f),
    from: w.from,
    to: w.to,
    bucket,
  });
  return { now: overview.kpis, before: overview.previous.kpis, series: overview.points, from: w.from, to: w.to };
}
