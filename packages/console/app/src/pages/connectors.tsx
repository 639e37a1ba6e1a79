import { FilterBar } from '../components/filter-bar.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { apiGet } from '../lib/api.js';
import { apiFilters, windowOf, type Filters } from '../lib/filters.js';
import { fmt, fmtConfidence } from '../lib/format.js';
import { useLive } from '../lib/live.js';
import type { ConnectorStats, Insights } from '../lib/types.js';
import { useData } from '../lib/use-data.js';
import { ExampleLinks } from './insight-parts.js';

async function load(f: Filters): Promise<{ connectors: ConnectorStats[]; insights: Insights }> {
  const w = windowOf(f, Date.now());
  const params = { ...apiFilters(f), from: w.from, to: w.to };
  const [c, i] = await Promise.all([
    apiGet<{ connectors: ConnectorStats[] }>('/connectors', params),
    apiGet<Insights>('/insights', params),
  ]);
  return { connectors: c.connectors, insights: i };
}

/** Health per connector and how its failures relate to escalations. */
export function Connectors({ filters }: { filters: Filters }) {
  const live = useLive();
  const data = useData(() => load(filters), [JSON.stringify(filters), live.tick]);
  return (
    <>
      <div class="page-head">
        <h1>Connectors</h1>
        <p class="muted">CRM, calendar, ticketing and other systems the agent called during calls.</p>
      </div>
      <FilterBar filters={filters} />
      {data.error ? <ErrorState error={data.error} retry={data.reload} /> : null}
      {!data.data && !data.error ? <Loading what="connectors" /> : null}
      {data.data && data.data.connectors.length === 0 ? (
        <Empty title="No connector calls in this window">
          Connector calls are spans with lumay.connector.* attributes (docs/semantic-conventions.md).
        </Empty>
      ) : null}
      {data.data && data.data.connectors.length > 0 && (
        <>
          <section class="panel">
            <h2>Health</h2>
            <table class="grid" aria-label="Connector health">
              <thead>
                <tr>
                  <th scope="col">Connector</th>
                  <th scope="col" class="num">
                    Calls
                  </th>
                  <th scope="col" class="num">
                    Success
                  </th>
                  <th scope="col" class="num">
                    p50
                  </th>
                  <th scope="col" class="num">
                    p95
                  </th>
                  <th scope="col">Failures by error</th>
                </tr>
              </thead>
              <tbody>
                {data.data.connectors.map((c) => (
                  <tr key={c.connector} data-connector={c.connector}>
                    <th scope="row">{c.connector}</th>
                    <td class="num">{fmt(c.calls, 'count')}</td>
                    <td class={`num ${c.successRate !== null && c.successRate < 0.95 ? 'bad' : ''}`}>
                      {fmt(c.successRate, 'rate')}
                    </td>
                    <td class="num">{fmt(c.p50LatencyMs, 'ms')}</td>
                    <td class="num">{fmt(c.p95LatencyMs, 'ms')}</td>
                    <td>
                      {c.failuresByError.length === 0
                        ? '—'
                        : c.failuresByError.map((f) => (
                            <span key={f.errorType} class="chip">
                              {f.errorType} <b>{f.count}</b>
                            </span>
                          ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
          <section class="panel">
            <h2>Failures before escalations</h2>
            <p class="muted small">
              Escalation rate of handled calls where the connector failed, against calls where it only succeeded;
              confidence from a two-proportion z-test.
            </p>
            <table class="grid" aria-label="Connector failures and escalations">
              <thead>
                <tr>
                  <th scope="col">Connector</th>
                  <th scope="col" class="num">
                    Calls with a failure
                  </th>
                  <th scope="col" class="num">
                    Escalated after failure
                  </th>
                  <th scope="col" class="num">
                    Escalated otherwise
                  </th>
                  <th scope="col" class="num">
                    Lift
                  </th>
                  <th scope="col" class="num">
                    Confidence
                  </th>
                  <th scope="col">Calls</th>
                </tr>
              </thead>
              <tbody>
                {data.data.insights.connectorEscalations.map((l) => (
                  <tr key={l.connector}>
                    <th scope="row">{l.connector}</th>
                    <td class="num">{fmt(l.failedCalls, 'count')}</td>
                    <td class="num">{fmt(l.escalationRateAfterFailure, 'rate')}</td>
                    <td class="num">{fmt(l.escalationRateOtherwise, 'rate')}</td>
                    <td class="num">{fmt(l.lift, 'ratio')}</td>
                    <td class="num">{fmtConfidence(l.confidence)}</td>
                    <td>
                      <ExampleLinks examples={l.examples} max={3} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        </>
      )}
    </>
  );
}
