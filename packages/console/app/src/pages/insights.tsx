import { FilterBar } from '../components/filter-bar.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { apiGet } from '../lib/api.js';
import { apiFilters, windowOf, type Filters } from '../lib/filters.js';
import { fmt, fmtConfidence, fmtTime } from '../lib/format.js';
import { useLive } from '../lib/live.js';
import type { Insights as InsightData, VersionComparison } from '../lib/types.js';
import { useData } from '../lib/use-data.js';
import { ExampleLinks } from './insight-parts.js';
import { VersionTable } from './version-table.js';

async function load(f: Filters): Promise<{ insights: InsightData; versions: VersionComparison }> {
  const w = windowOf(f, Date.now());
  const params = { ...apiFilters(f), from: w.from, to: w.to };
  const [insights, versions] = await Promise.all([
    apiGet<InsightData>('/insights', params),
    apiGet<VersionComparison>('/insights/versions', params),
  ]);
  return { insights, versions };
}

/** The feedback loop: what moved this period, why, and which calls show it. */
export function Insights({ filters }: { filters: Filters }) {
  const live = useLive();
  const data = useData(() => load(filters), [JSON.stringify(filters), live.tick]);
  if (data.error) return <ErrorState error={data.error} retry={data.reload} />;
  const d = data.data;
  const top = d?.insights.escalationReasons[0];
  const link = d?.insights.connectorEscalations.find((l) => l.lift !== null && l.lift > 1);
  const hop = d?.insights.latency.hops[0];
  return (
    <>
      <div class="page-head">
        <h1>Insights</h1>
        <p class="muted">What moved in this window against the previous one, and the calls behind it.</p>
      </div>
      <FilterBar filters={filters} versions={d?.versions.versions.map((v) => v.version) ?? []} />
      {!d ? <Loading what="insights" /> : null}
      {d && d.insights.calls === 0 ? (
        <Empty title="No calls in this window">Widen the range or clear filters.</Empty>
      ) : null}
      {d && d.insights.calls > 0 && (
        <>
          <section class="insight-cards" aria-label="Headlines">
            <article class="insight" data-insight="escalation-reasons">
              <h2>Top escalation reason</h2>
              {top ? (
                <>
                  <p class="big">{top.reason}</p>
                  <p>
                    {fmt(top.count, 'count')} escalations ({fmt(top.rate, 'rate')} of handled calls), was{' '}
                    {fmt(top.previousCount, 'count')} ({fmt(top.previousRate, 'rate')}). Confidence of a change:{' '}
                    {fmtConfidence(top.confidence)}.
                  </p>
                  <ExampleLinks examples={top.examples} max={4} />
                </>
              ) : (
                <p class="muted">No escalations in this window.</p>
              )}
            </article>
            <article class="insight" data-insight="connector-escalations">
              <h2>Connector failures before escalations</h2>
              {link ? (
                <>
                  <p class="big">{link.connector}</p>
                  <p>
                    When it failed, {fmt(link.escalationRateAfterFailure, 'rate')} of calls escalated, against{' '}
                    {fmt(link.escalationRateOtherwise, 'rate')} otherwise ({fmt(link.lift, 'ratio')}, confidence{' '}
                    {fmtConfidence(link.confidence)}).
                  </p>
                  <ExampleLinks examples={link.examples} max={4} />
                </>
              ) : (
                <p class="muted">No connector&rsquo;s failures raise the escalation rate in this window.</p>
              )}
            </article>
            <article class="insight" data-insight="latency">
              <h2>Hop that dominates latency</h2>
              {hop ? (
                <>
                  <p class="big">{hop.stage}</p>
                  <p>
                    {fmt(hop.share, 'rate')} of all hop time; the slowest hop in {fmt(hop.bottleneckCalls, 'count')}{' '}
                    calls.
                  </p>
                  <ExampleLinks examples={d.insights.latency.examples} max={4} />
                </>
              ) : (
                <p class="muted">No timed hops.</p>
              )}
            </article>
            <article class="insight" data-insight="sentiment-slide">
              <h2>Sentiment slide before escalations</h2>
              {d.insights.sentimentSlide.detected ? (
                <>
                  <p class="big bad">Detected</p>
                  <p>
                    Negative sentiment rose just before escalations rose at{' '}
                    {fmtTime(d.insights.sentimentSlide.risesAt ?? '')} (lagged correlation{' '}
                    {d.insights.sentimentSlide.laggedCorrelation?.toFixed(2)}).
                  </p>
                  <ExampleLinks examples={d.insights.sentimentSlide.examples} max={4} />
                </>
              ) : (
                <>
                  <p class="big good">None</p>
                  <p class="muted">
                    No rise in negative sentiment led a rise in escalations (lagged correlation{' '}
                    {d.insights.sentimentSlide.laggedCorrelation === null
                      ? 'n/a'
                      : d.insights.sentimentSlide.laggedCorrelation.toFixed(2)}
                    ).
                  </p>
                </>
              )}
            </article>
          </section>
          <section class="panel">
            <h2>Escalation reasons, this window vs the previous</h2>
            <table class="grid" aria-label="Escalation reasons">
              <thead>
                <tr>
                  <th scope="col">Reason</th>
                  <th scope="col" class="num">
                    Now
                  </th>
                  <th scope="col" class="num">
                    Rate
                  </th>
                  <th scope="col" class="num">
                    Before
                  </th>
                  <th scope="col" class="num">
                    Rate
                  </th>
                  <th scope="col" class="num">
                    Confidence
                  </th>
                  <th scope="col">Calls</th>
                </tr>
              </thead>
              <tbody>
                {d.insights.escalationReasons.map((r) => (
                  <tr key={r.reason}>
                    <th scope="row">{r.reason}</th>
                    <td class="num">{fmt(r.count, 'count')}</td>
                    <td class="num">{fmt(r.rate, 'rate')}</td>
                    <td class="num">{fmt(r.previousCount, 'count')}</td>
                    <td class="num">{fmt(r.previousRate, 'rate')}</td>
                    <td class="num">{fmtConfidence(r.confidence)}</td>
                    <td>
                      <ExampleLinks examples={r.examples} max={3} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <VersionTable comparison={d.versions} />
        </>
      )}
    </>
  );
}
