import { ErrorState, Loading } from '../components/states.js';
import { apiGet } from '../lib/api.js';
import { fmt, fmtTime } from '../lib/format.js';
import { useData } from '../lib/use-data.js';
import { Waterfall, type WaterfallRow } from './waterfall.js';

interface CallDetail {
  session: {
    callId: string;
    traceId: string;
    agentId: string;
    agentVersion: string;
    campaignId: string;
    direction: string;
    startUs: number;
    durationMs: number;
    outcome: string;
    outcomeInferred: boolean;
    escalationReason: string;
    endReason: string;
    correlationId: string;
    sentiment: string | null;
    sentimentScore: number | null;
    bottleneckStage: string | null;
    connectorCalls: {
      spanId: string;
      connector: string;
      operation: string;
      success: boolean;
      durationMs: number;
      retries: number;
      errorType: string;
    }[];
    workItems: { type: string; id: string; system: string }[];
    cost: Record<string, number | boolean>;
    stages: Record<string, { count: number; totalMs: number; maxMs: number } | undefined>;
  };
  bottleneck: { stage: string | null; spanId: string | null };
  waterfall: WaterfallRow[];
  logs: {
    offsetMs: number;
    body: string;
    attributes: Record<string, unknown>;
    sentiment: { score: number; label: string } | null;
  }[];
}

interface Links {
  trace: string | null;
  logs: string | null;
  dashboard: string | null;
}

const COSTS = ['telephony', 'stt', 'llm', 'tts', 'connector', 'other'];

/** Time per hop across the whole call, largest first, the bottleneck hop marked. */
function HopSummary({ stages, bottleneck }: { stages: CallDetail['session']['stages']; bottleneck: string | null }) {
  const hops = Object.entries(stages)
    .flatMap(([stage, v]) => (v && v.totalMs > 0 ? [{ stage, ...v }] : []))
    .sort((a, b) => b.totalMs - a.totalMs);
  const total = hops.reduce((a, h) => a + h.totalMs, 0);
  if (total === 0) return null;
  return (
    <div class="hops" aria-label="Time per hop">
      <div class="hop-bar" aria-hidden="true">
        {hops.map((h) => (
          <span key={h.stage} class={`stage-${h.stage}`} style={{ width: `${(h.totalMs / total) * 100}%` }} />
        ))}
      </div>
      <ul class="hop-legend">
        {hops.map((h) => (
          <li key={h.stage} class={h.stage === bottleneck ? 'is-bottleneck' : ''}>
            <span class={`swatch stage-${h.stage}`} aria-hidden="true" />
            <b>{h.stage}</b> {fmt(h.totalMs, 'ms')} ({((h.totalMs / total) * 100).toFixed(0)}%) · {h.count}× · max{' '}
            {fmt(h.maxMs, 'ms')}
            {h.stage === bottleneck ? ' · bottleneck' : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** One call: what happened, where the time went, what was said, what it cost. */
export function CallPage({ id }: { id: string }) {
  const data = useData(
    () =>
      Promise.all([
        apiGet<CallDetail>(`/calls/${encodeURIComponent(id)}`),
        apiGet<Links>(`/console/links/${encodeURIComponent(id)}`).catch(() => null),
      ]),
    [id],
  );
  if (data.error) return <ErrorState error={data.error} retry={data.reload} />;
  if (!data.data) return <Loading what={`call ${id}`} />;
  const [call, links] = data.data;
  const s = call.session;
  const turns = call.logs.filter((l) => typeof l.attributes['lumay.transcript.role'] === 'string');
  const bottleneck = call.waterfall.find((r) => r.bottleneck);
  return (
    <>
      <div class="page-head">
        <div>
          <p class="crumb">
            <a href="/calls">Calls</a> /
          </p>
          <h1>
            Call {s.callId} <span class={`pill ${s.outcome}`}>{s.outcome}</span>
          </h1>
        </div>
        <div class="out-links">
          {links?.trace && (
            <a href={links.trace} target="_blank" rel="noreferrer">
              Trace in Tempo ↗
            </a>
          )}
          {links?.logs && (
            <a href={links.logs} target="_blank" rel="noreferrer">
              Logs in Loki ↗
            </a>
          )}
          {links?.dashboard && (
            <a href={links.dashboard} target="_blank" rel="noreferrer">
              Grafana ↗
            </a>
          )}
        </div>
      </div>
      <section class="panel">
        <dl class="facts cols">
          <dt>Start</dt>
          <dd>{fmtTime(s.startUs / 1000)}</dd>
          <dt>Duration</dt>
          <dd>{fmt(s.durationMs, 'ms')}</dd>
          <dt>Agent</dt>
          <dd>
            {s.agentId} {s.agentVersion}
          </dd>
          <dt>Direction</dt>
          <dd>
            {s.direction}
            {s.campaignId ? ` · ${s.campaignId}` : ''}
          </dd>
          <dt>Outcome</dt>
          <dd>
            {s.outcome}
            {s.outcomeInferred ? ' (inferred)' : ''}
            {s.escalationReason ? ` · ${s.escalationReason}` : ''}
          </dd>
          <dt>Sentiment</dt>
          <dd>
            {s.sentiment ?? '—'}
            {s.sentimentScore !== null ? ` (${s.sentimentScore.toFixed(2)})` : ''}
          </dd>
          <dt>Correlation id</dt>
          <dd>
            <code>{s.correlationId || '—'}</code>
          </dd>
          <dt>Trace id</dt>
          <dd>
            <code>{s.traceId}</code>
          </dd>
        </dl>
      </section>
      <section class="panel" aria-labelledby="wf-title">
        <h2 id="wf-title">
          Waterfall{' '}
          {bottleneck && (
            <span class="muted" data-testid="bottleneck-summary">
              · bottleneck: <b>{call.bottleneck.stage}</b> — {bottleneck.name}, {fmt(bottleneck.durationMs, 'ms')}
            </span>
          )}
        </h2>
        <HopSummary stages={s.stages} bottleneck={s.bottleneckStage} />
        <Waterfall rows={call.waterfall} totalMs={s.durationMs} />
      </section>
      <div class="two-col">
        <section class="panel">
          <h2>Turns</h2>
          {turns.length === 0 ? (
            <p class="muted small">No transcript lines were exported for this call.</p>
          ) : (
            <ol class="turns">
              {turns.map((t, i) => (
                <li key={i} class={String(t.attributes['lumay.transcript.role'])}>
                  <span class="who">{String(t.attributes['lumay.transcript.role'])}</span>
                  <span class="when muted small">{fmt(t.offsetMs, 'ms')}</span>
                  <p>{t.body}</p>
                  {t.sentiment && (
                    <span class={`sent ${t.sentiment.label}`}>
                      {t.sentiment.label} {t.sentiment.score.toFixed(2)}
                    </span>
                  )}
                </li>
              ))}
            </ol>
          )}
        </section>
        <div>
          <section class="panel">
            <h2>Connector calls</h2>
            {s.connectorCalls.length === 0 ? (
              <p class="muted small">None.</p>
            ) : (
              <table class="grid compact" aria-label="Connector calls">
                <tbody>
                  {s.connectorCalls.map((c) => (
                    <tr key={c.spanId}>
                      <th scope="row">
                        {c.connector} <span class="muted">{c.operation}</span>
                      </th>
                      <td class={c.success ? '' : 'bad'}>{c.success ? 'ok' : c.errorType || 'failed'}</td>
                      <td class="num">{fmt(c.durationMs, 'ms')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
          <section class="panel">
            <h2>Work items</h2>
            {s.workItems.length === 0 ? (
              <p class="muted small">None.</p>
            ) : (
              <ul class="plain">
                {s.workItems.map((w) => (
                  <li key={w.type + w.id}>
                    {w.type} <code>{w.id}</code> <span class="muted">{w.system}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section class="panel">
            <h2>Cost</h2>
            <table class="grid compact" aria-label="Cost breakdown">
              <tbody>
                {COSTS.map((k) => (
                  <tr key={k}>
                    <th scope="row">{k}</th>
                    <td class="num">{fmt(typeof s.cost[k] === 'number' ? s.cost[k] : 0, 'usd')}</td>
                  </tr>
                ))}
                <tr class="total">
                  <th scope="row">total</th>
                  <td class="num">{fmt(typeof s.cost.total === 'number' ? s.cost.total : 0, 'usd')}</td>
                </tr>
              </tbody>
            </table>
          </section>
        </div>
      </div>
    </>
  );
}
