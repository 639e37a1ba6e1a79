import { navigate } from '../lib/router.js';
import { type FILTER_KEYS, RANGES, type Filters } from '../lib/filters.js';

/** Time range, agent, version, direction and campaign, written to the URL on change. */
export function FilterBar({ filters, versions = [] }: { filters: Filters; versions?: string[] }) {
  const set = (key: (typeof FILTER_KEYS)[number], value: string): void => {
    const params = new URLSearchParams(window.location.search);
    if (value && !(key === 'range' && value === '24h')) params.set(key, value);
    else params.delete(key);
    params.delete('cursor');
    const q = params.toString();
    navigate(window.location.pathname + (q ? `?${q}` : ''), true);
  };
  const text = (key: 'agent' | 'campaign' | 'version', label: string, list?: string[]) => (
    <label class="field">
      <span>{label}</span>
      <input
        name={key}
        value={filters[key]}
        placeholder="all"
        list={list && list.length > 0 ? `${key}-options` : undefined}
        onChange={(e) => set(key, e.currentTarget.value.trim())}
      />
      {list && (
        <datalist id={`${key}-options`}>
          {list.map((v) => (
            <option key={v} value={v} />
          ))}
        </datalist>
      )}
    </label>
  );
  return (
    <form class="filters" role="search" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      <label class="field">
        <span>Range</span>
        <select name="range" value={filters.range} onChange={(e) => set('range', e.currentTarget.value)}>
          {RANGES.map((r) => (
            <option key={r.id} value={r.id}>
              {r.label}
            </option>
          ))}
        </select>
      </label>
      {text('agent', 'Agent')}
      {text('version', 'Version', versions)}
      <label class="field">
        <span>Direction</span>
        <select name="direction" value={filters.direction} onChange={(e) => set('direction', e.currentTarget.value)}>
          <option value="">all</option>
          <option value="inbound">inbound</option>
          <option value="outbound">outbound</option>
        </select>
      </label>
      {text('campaign', 'Campaign')}
    </form>
  );
}
