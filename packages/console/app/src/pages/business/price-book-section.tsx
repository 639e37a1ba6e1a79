import { apiGet } from '../../lib/api.js';
import { fmtTime } from '../../lib/format.js';
import { useData } from '../../lib/use-data.js';
import { ErrorState, Loading } from '../../components/states.js';
import type { PriceBook } from './business-types.js';
import { PriceEntries } from './price-entries.js';
import { VersionForm } from './version-form.js';

/** The tenant's price book: the version in effect, its history, the layers under it, and (admin) a new version. */
export function PriceBookSection({ tenant, onChanged }: { tenant: string | null; onChanged: () => void }) {
  const book = useData(() => apiGet<PriceBook>('/price-book'), []);
  const b = book.data;
  return (
    <section class="panel" aria-labelledby="price-book-h">
      <h2 id="price-book-h">Price book</h2>
      {book.error ? <ErrorState error={book.error} retry={book.reload} /> : null}
      {!b && !book.error ? <Loading what="the price book" /> : null}
      {b && (
        <>
          <p data-testid="price-book-in-effect">
            {b.inEffect ? (
              <>
                In effect: the version from <strong>{b.inEffect.effectiveFrom.slice(0, 10)}</strong>
                {b.inEffect.note ? ` (${b.inEffect.note})` : ''}, then the plane&rsquo;s and the shipped prices for
                anything it does not list.
              </>
            ) : (
              <>No version of its own: calls are priced by the plane&rsquo;s and the shipped prices below.</>
            )}
          </p>
          {b.versions.length > 0 && (
            <table class="grid compact" aria-label="Price-book versions">
              <thead>
                <tr>
                  <th scope="col">Effective from</th>
                  <th scope="col">Note</th>
                  <th scope="col" class="num">
                    Entries
                  </th>
                  <th scope="col">Stored</th>
                </tr>
              </thead>
              <tbody>
                {[...b.versions].reverse().map((v) => (
                  <tr key={v.effectiveFrom} data-current={v.effectiveFrom === b.inEffect?.effectiveFrom}>
                    <th scope="row">
                      {v.effectiveFrom.slice(0, 10)}
                      {v.effectiveFrom === b.inEffect?.effectiveFrom ? <span class="pill resolved biz-pill">in effect</span> : null}
                    </th>
                    <td>{v.note || <span class="muted">—</span>}</td>
                    <td class="num">{v.entries.length}</td>
                    <td class="muted small">{fmtTime(v.createdAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {b.inEffect && <PriceEntries entries={b.inEffect.entries} label="Entries in effect" />}
          {b.planeEntries.length > 0 && (
            <details>
              <summary>The plane&rsquo;s prices ({b.planeEntries.length} entries, LUMAY_PRICES_FILE)</summary>
              <PriceEntries entries={b.planeEntries} label="Plane prices" />
            </details>
          )}
          <details>
            <summary>Shipped list prices ({b.defaultEntries.length} entries, each with its source and date)</summary>
            <PriceEntries entries={b.defaultEntries} label="Shipped prices" />
          </details>
        </>
      )}
      {tenant && (
        <VersionForm
          tenant={tenant}
          onAdded={() => {
            book.reload();
            onChanged();
          }}
        />
      )}
    </section>
  );
}
