import { useMemo } from 'preact/hooks';
import { Chart } from '../components/chart.js';
import { FilterBar } from '../components/filter-bar.js';
import { KpiCard } from '../components/kpi-card.js';
import { ErrorState, Loading } from '../components/states.js';
import { filterQuery, type Filters } from '../lib/filters.js';
import type { KpiSummary } from '../lib/types.js';
import { fmt } from '../lib/format.js';
import { kpiById } from '../lib/kpi-catalog.js';
import { loadKpiWindow, type KpiWindow } from '../lib/kpi-window.js';
import { apiGet } from '../lib/api.js';
import { apiFilters, windowOf } from '../lib/filters.js';
import { useLive } from '../lib/live.js';
import { useData } from '../lib/use-data.js';

const CARDS = ['total-cost', 'cost-per-call', 'cost-per-outcome', 'escalated-cost', 'savings', 'roi'];
const usd = (v: number): string => fmt(v, 'usd');

interface Components {
  calls: number;
  components: { component: string; totalUsd: number; escalatedUsd: number }[];
}

async function load(f: Filters): Promise<KpiWindow & { components: Components }> {
  const w = windowOf(f, Date.now());
  const [kpis, components] = await Promise.all([
    loadKpiWindow(f),
    apiGet<Components>('/insights/cost', { ...apiFilters(f), from: w.from, to: w.to }),
  ]);
  return { ...kpis, components };
}

/** Cost per call by component, with each component's share and what escalated calls spent on it. */
function ComponentTable({ c, now }: { c: Components; now: KpiSummary }) {
  const total = c.components.reduce((a, x) => a + x.totalUsd, 0);
  return (
    <table class="grid" aria-label="Cost by component">
      <thead>
        <tr>
          <th scope="col">Component</th>
          <th scope="col" class="num">
            Total
          </th>
          <th scope="col" class="num">
            Per call
          </th>
          <th scope="col" class="num">
            Per outcome
          </th>
          <th scope="col">Share</th>
          <th scope="col" class="num">
            On escalated calls
          </th>
        </tr>
      </thead>
      <tbody>
        {c.components.map((x) => (
          <tr key={x.component}>
            <th scope="row">{x.component}</th>
            <td class="num">{fmt(x.totalUsd, 'usd')}</td>
            <td class="num">{fmt(c.calls > 0 ? x.totalUsd / c.calls : null, 'usd')}</td>
            <td class="num">{fmt(now.resolved > 0 ? x.totalUsd / now.resolved : null, 'usd')}</td>
            <td>
              <span class="share" aria-hidden="true">
                <span
                  class={`stage-${x.component}`}
                  style={{ width: `${total > 0 ? (x.totalUsd / total) * 100 : 0}%` }}
                />
              </span>{' '}
              {fmt(total > 0 ? x.totalUsd / total : null, 'rate')}
            </td>
            <td class="num">{fmt(x.escalatedUsd, 'usd')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Unit economics: what calls cost, what an outcome costs, what was saved, and what escalations cost twice. */
export function Cost({ filters }: { filters: Filters }) {
  const live = useLive();
  const data = useData(() => load(filters), [JSON.stringify(filters), live.tick]);
  const chart = useMemo(() => {
    const points = data.data?.series ?? [];
    return {
      x: points.map((p) => p.bucketStartUs / 1e6),
      series: [
        { label: 'Cost per call', values: points.map((p) => p.kpis.costPerCallUsd), color: '#155eef' },
        { label: 'Cost per outcome', values: points.map((p) => p.kpis.costPerResolvedUsd), color: '#b54708' },
      ],
    };
  }, [data.data]);
  const now = data.data?.now;
  return (
    <>
      <div class="page-head">
        <h1>Cost</h1>
        <p class="muted">Priced from each call&rsquo;s usage with the tenant&rsquo;s price book (docs/pricing.md).</p>
      </div>
      <FilterBar filters={filters} />
      {data.error ? <ErrorState error={data.error} retry={data.reload} /> : null}
      {!data.data && !data.error ? <Loading what="cost" /> : null}
      {data.data && now && (
        <>
          <section class="kpi-grid six" aria-label="Unit economics">
            {CARDS.map((id) => {
              const def = kpiById(id);
              return def ? (
                <KpiCard
                  key={id}
                  def={def}
                  now={now}
                  before={data.data!.before}
                  series={data.data!.series}
                  href={`/trends${filterQuery(filters, { kpi: id })}`}
                />
              ) : null;
            })}
          </section>
          {now.savingsUsd === null && (
            <p class="note">
              Savings and ROI need the tenant&rsquo;s human cost per call:{' '}
              <code>PATCH /api/v1/tenants/&lt;id&gt; {'{"humanCostPerCallUsd": 4.5}'}</code>.
            </p>
          )}
          <section class="panel">
            <h2>Unit cost over time</h2>
            <Chart
              x={chart.x}
              series={chart.series}
              height={260}
              format={usd}
              label="Cost per call and per outcome over time"
            />
          </section>
          <section class="panel">
            <h2>Cost by component</h2>
            <ComponentTable c={data.data.components} now={now} />
          </section>
          <section class="panel">
            <h2>Where the money went</h2>
            <dl class="facts">
              <dt>Calls</dt>
              <dd>{fmt(now.calls, 'count')}</dd>
              <dt>Resolved by the agent</dt>
              <dd>{fmt(now.resolved, 'count')}</dd>
              <dt>Escalated anyway</dt>
              <dd>
                {fmt(now.escalated, 'count')} calls, {fmt(now.escalatedCostUsd, 'usd')} of agent spend (
                {fmt(now.totalCostUsd > 0 ? now.escalatedCostUsd / now.totalCostUsd : null, 'rate')} of the total)
              </dd>
              <dt>Human cost avoided</dt>
              <dd>{fmt(now.humanCostAvoidedUsd, 'usd')}</dd>
            </dl>
          </section>
        </>
      )}
    </>
  );
}
