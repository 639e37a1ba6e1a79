import { FilterBar } from '../components/filter-bar.js';
import { Empty, ErrorState, Loading } from '../components/states.js';
import { apiGet } from '../lib/api.js';
import { apiFilters, windowOf, type Filters } from '../lib/filters.js';
import { fmt, fmtTime } from '../lib/format.js';
import { navigate } from '../lib/router.js';
import type { CallItem } from '../lib/types.js';
import { useData } from '../lib/use-data.js';

const PAGE = 50;
/** The orders the plane can page through (GET /api/v1/calls?sort=…&order=…). */
type SortKey = 'start' | 'duration' | 'cost';
const SORT_LABEL: Record<SortKey, [desc: string, asc: string]> = {
  start: ['newest first', 'oldest first'],
  duration: ['longest first', 'shortest first'],
  cost: ['dearest first', 'cheapest first'],
};

/**
 * The call explorer: window and filters, outcome, escalation reason, exact search, sorted by the
 * plane (start, duration or cost, either way) with cursor paging, all kept in the URL.
 */
export function Calls({ filters, params }: { filters: Filters; params: URLSearchParams }) {
  const outcome = params.get('outcome') ?? '';
  const search = params.get('search') ?? '';
  const cursor = params.get('cursor') ?? '';
  const reason = params.get('reason') ?? '';
  const sortParam = params.get('sort');
  const sort: SortKey = sortParam === 'duration' || sortParam === 'cost' ? sortParam : 'start';
  const desc = params.get('order') !== 'asc';
  const data = useData(async () => {
    const w = windowOf(filters, Date.now());
    return apiGet<{ items: CallItem[]; nextCursor: string | null }>('/calls', {
      ...apiFilters(filters),
      from: w.from,
      to: w.to,
      outcome,
      search,
      reason,
      sort,
      order: desc ? 'desc' : 'asc',
      cursor,
      limit: PAGE,
    });
  }, [JSON.stringify(filters), outcome, search, reason, sort, desc, cursor]);
  const set = (key: string, value: string): void => {
    const p = new URLSearchParams(window.location.search);
    if (value) p.set(key, value);
    else p.delete(key);
    if (key !== 'cursor') p.delete('cursor');
    navigate(`/calls?${p.toString()}`, key !== 'cursor');
  };
  const rows = data.data?.items ?? [];
  /** A new order starts from the first page: a cursor belongs to the order it was issued for. */
  const sortBy = (key: SortKey): void => {
    const p = new URLSearchParams(window.location.search);
    const nextDesc = sort === key ? !desc : true;
    p.set('sort', key);
    p.set('order', nextDesc ? 'desc' : 'asc');
    p.delete('cursor');
    navigate(`/calls?${p.toString()}`, true);
  };
  const header = (key: SortKey, label: string, num = false) => (
    <th scope="col" class={num ? 'num' : ''} aria-sort={sort === key ? (desc ? 'descending' : 'ascending') : 'none'}>
      <button type="button" class="sort" onClick={() => sortBy(key)}>
        {label}
        {sort === key ? (desc ? ' ↓' : ' ↑') : ''}
      </button>
    </th>
  );
  return (
    <>
      <div class="page-head">
        <h1>Calls</h1>
        <form
          class="search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            const value = new FormData(e.currentTarget).get('search');
            set('search', typeof value === 'string' ? value.trim() : '');
          }}
        >
          <label class="field inline">
            <span>Call, trace or correlation id</span>
            <input name="search" defaultValue={search} placeholder="exact id" />
          </label>
          <button type="submit">Search</button>
        </form>
      </div>
      <div class="filters-row">
        <FilterBar filters={filters} />
        <label class="field">
          <span>Outcome</span>
          <select name="outcome" value={outcome} onChange={(e) => set('outcome', e.currentTarget.value)}>
            <option value="">all</option>
            {['resolved', 'escalated', 'abandoned', 'failed', 'unanswered'].map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        </label>
        <label class="field">
          <span>Escalation reason</span>
          <input
            name="reason"
            defaultValue={reason}
            placeholder="exact reason"
            onChange={(e) => set('reason', e.currentTarget.value.trim())}
          />
        </label>
      </div>
      {data.error ? <ErrorState error={data.error} retry={data.reload} /> : null}
      {!data.data && !data.error ? <Loading what="calls" /> : null}
      {data.data && rows.length === 0 ? (
        <Empty title="No calls match">Widen the range, clear the outcome or check the id.</Empty>
      ) : null}
      {rows.length > 0 && (
        <section class="panel flush">
          <table class="grid calls" aria-label="Calls">
            <thead>
              <tr>
                {header('start', 'Start')}
                <th scope="col">Call</th>
                <th scope="col">Agent</th>
                <th scope="col">Outcome</th>
                <th scope="col">Reason / bottleneck</th>
                {header('duration', 'Duration', true)}
                <th scope="col" class="num">
                  Connectors
                </th>
                {header('cost', 'Cost', true)}
              </tr>
            </thead>
            <tbody>
              {rows.map((c) => (
                <tr key={c.traceId}>
                  <td class="nowrap">{fmtTime(c.startUs / 1000)}</td>
                  <td>
                    <a href={`/calls/${encodeURIComponent(c.callId)}`}>{c.callId}</a>
                    <div class="muted small">{c.direction}</div>
                  </td>
                  <td>
                    {c.agentId} <span class="muted">{c.agentVersion}</span>
                  </td>
                  <td>
                    <span class={`pill ${c.outcome}`}>{c.outcome}</span>
                  </td>
                  <td class="small">
                    {c.escalationReason || '—'}
                    {c.bottleneckStage && <div class="muted">slowest: {c.bottleneckStage}</div>}
                  </td>
                  <td class="num">{fmt(c.durationMs, 'ms')}</td>
                  <td class={`num ${c.connectorFailures > 0 ? 'bad' : ''}`}>
                    {c.connectorCalls}
                    {c.connectorFailures > 0 ? ` (${c.connectorFailures} failed)` : ''}
                  </td>
                  <td class="num">{fmt(c.totalCostUsd, 'usd')}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <nav class="pager" aria-label="Pages">
            <button type="button" disabled={!cursor} onClick={() => history.back()}>
              ← Previous
            </button>
            <span class="muted small">
              {rows.length} calls on this page, {SORT_LABEL[sort][desc ? 0 : 1]}
            </span>
            <button
              type="button"
              disabled={!data.data?.nextCursor}
              onClick={() => set('cursor', data.data?.nextCursor ?? '')}
            >
              Next →
            </button>
          </nav>
        </section>
      )}
    </>
  );
}
