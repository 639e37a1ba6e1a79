import { KpiCard } from '../components/kpi-card.js';
import { FilterBar } from '../components/filter-bar.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { filterQuery, RANGES, type Filters } from '../lib/filters.js';
import { HEADLINE_IDS, KPIS } from '../lib/kpi-catalog.js';
import { loadKpiWindow } from '../lib/kpi-window.js';
import { useLive } from '../lib/live.js';
import { useData } from '../lib/use-data.js';
import { fmt, fmtTime } from '../lib/format.js';

/** The four headline signals, every KPI with its change and trend, and the calls arriving live. */
export function Overview({ filters }: { filters: Filters }) {
  const live = useLive();
  const data = useData(() => loadKpiWindow(filters), [JSON.stringify(filters), live.tick]);
  const range = RANGES.find((r) => r.id === filters.range)?.label ?? '';
  const trendHref = (id: string): string => `/trends${filterQuery(filters, { kpi: id })}`;
  return (
    <>
      <div class="page-head">
        <h1>Overview</h1>
        <p class="muted">
          {range}, compared with the period before. {data.loading && data.data ? 'Updating…' : ''}
        </p>
      </div>
      <FilterBar filters={filters} />
      {data.error ? <ErrorState error={data.error} retry={data.reload} /> : null}
      {!data.data && !data.error ? <Loading what="KPIs" /> : null}
      {data.data && data.data.now.calls === 0 ? (
        <Empty title="No calls in this window">
          Widen the range or clear filters. To send data, point a voice engine&rsquo;s OpenTelemetry exporter at this
          plane (README, docs/semantic-conventions.md) or run{' '}
          <code>npm run lumay -- simulate --key &lt;ingest key&gt;</code>.
        </Empty>
      ) : null}
      {data.data && data.data.now.calls > 0 && (
        <>
          <section aria-label="Headline signals" class="headlines">
            {HEADLINE_IDS.map((id) => {
              const def = KPIS.find((k) => k.id === id);
              return def ? (
                <KpiCard
                  key={id}
                  headline
                  def={def}
                  now={data.data!.now}
                  before={data.data!.before}
                  series={data.data!.series}
                  href={trendHref(id)}
                />
              ) : null;
            })}
          </section>
          <div class="overview-grid">
            <section aria-label="Every KPI" class="kpi-grid">
              {KPIS.filter((k) => !HEADLINE_IDS.includes(k.id)).map((def) => (
                <KpiCard
                  key={def.id}
                  def={def}
                  now={data.data!.now}
                  before={data.data!.before}
                  series={data.data!.series}
                  href={trendHref(def.id)}
                />
              ))}
            </section>
            <section class="panel live-feed" aria-label="Live calls" aria-live="polite">
              <h2>Arriving now</h2>
              {live.recent.length === 0 ? (
                <p class="muted small">Completed calls appear here as the plane stores them.</p>
              ) : (
                <ul>
                  {live.recent.map((c) => (
                    <li key={c.callId}>
                      <a href={`/calls/${encodeURIComponent(c.callId)}`}>{c.callId}</a>
                      <span class={`pill ${c.outcome}`}>{c.outcome}</span>
                      <span class="muted small">
                        {fmtTime(c.start)} · {fmt(c.durationMs, 'ms')} · {fmt(c.totalCostUsd, 'usd')}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
        </>
      )}
    </>
  );
}
