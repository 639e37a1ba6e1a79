import { useMemo } from 'preact/hooks';
import { Chart } from '../components/chart.js';
import { FilterBar } from '../components/filter-bar.js';
import { ErrorState, Loading } from '../components/states.js';
import { navigate } from '../lib/router.js';
import { fmt } from '../lib/format.js';
import type { Filters } from '../lib/filters.js';
import { KPIS, kpiById } from '../lib/kpi-catalog.js';
import { loadKpiWindow } from '../lib/kpi-window.js';
import { useLive } from '../lib/live.js';
import { useData } from '../lib/use-data.js';

/** Any KPI over time, with its exact definition next to the chart. */
export function Trends({ filters, kpi }: { filters: Filters; kpi: string }) {
  const def = kpiById(kpi) ?? KPIS[0];
  const live = useLive();
  const data = useData(() => loadKpiWindow(filters), [JSON.stringify(filters), live.tick]);
  const format = useMemo(() => (v: number) => fmt(v, def.unit), [def]);
  const chart = useMemo(() => {
    const points = data.data?.series ?? [];
    return {
      x: points.map((p) => p.bucketStartUs / 1e6),
      series: [{ label: def.label, values: points.map((p) => def.get(p.kpis)), color: '#155eef' }],
    };
  }, [data.data, def]);
  const choose = (id: string): void => {
    const params = new URLSearchParams(window.location.search);
    params.set('kpi', id);
    navigate(`/trends?${params.toString()}`, true);
  };
  return (
    <>
      <div class="page-head">
        <h1>Trends</h1>
        <label class="field inline">
          <span>KPI</span>
          <select name="kpi" value={def.id} onChange={(e) => choose(e.currentTarget.value)}>
            {KPIS.map((k) => (
              <option key={k.id} value={k.id}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      <FilterBar filters={filters} />
      {data.error ? <ErrorState error={data.error} retry={data.reload} /> : null}
      {!data.data && !data.error ? <Loading what="the series" /> : null}
      {data.data && (
        <div class="trend-layout">
          <section class="panel">
            <h2>
              {def.label} <span class="muted">· {fmt(def.get(data.data.now), def.unit)} over the window</span>
            </h2>
            <Chart x={chart.x} series={chart.series} height={320} format={format} label={`${def.label} over time`} />
          </section>
          <aside class="panel definition" aria-label="Definition">
            <h2>Definition</h2>
            <p>{def.definition}</p>
            <p class="muted small">
              Buckets are by call start (UTC).{' '}
              {def.higherIsBetter === null ? '' : def.higherIsBetter ? 'Higher is better.' : 'Lower is better.'} Full
              definitions: docs/kpis.md.
            </p>
          </aside>
        </div>
      )}
    </>
  );
}
