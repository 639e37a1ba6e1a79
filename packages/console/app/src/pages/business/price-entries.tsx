import type { PriceEntry } from './business-types.js';

const MATCH_FIELDS = ['provider', 'direction', 'model', 'connector'];
const META_FIELDS = ['component', 'source', 'asOf', ...MATCH_FIELDS];

/** One row per entry: what it prices, what it matches, its prices and where they come from. */
export function PriceEntries({ entries, label }: { entries: PriceEntry[]; label: string }) {
  if (entries.length === 0) return <p class="muted small">No entries.</p>;
  return (
    <table class="grid compact" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">Component</th>
          <th scope="col">Matches</th>
          <th scope="col">Prices (USD)</th>
          <th scope="col">Source</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e, i) => (
          <tr key={i}>
            <th scope="row">{e.component}</th>
            <td>
              {MATCH_FIELDS.filter((f) => e[f] !== undefined && e[f] !== '*')
                .map((f) => `${f} ${String(e[f])}`)
                .join(', ') || <span class="muted">any</span>}
            </td>
            <td>
              {Object.entries(e)
                .filter(([f]) => !META_FIELDS.includes(f))
                .map(([f, v]) => `${f.replace(/Usd$/, '')} ${String(v)}`)
                .join(', ')}
            </td>
            <td class="small">
              {e.source ?? ''}
              {e.asOf ? <span class="muted"> · {e.asOf}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
