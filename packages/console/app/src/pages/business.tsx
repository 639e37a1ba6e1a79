import { FilterBar } from '../components/filter-bar.js';
import { ErrorState } from '../components/states.js';
import { apiGet } from '../lib/api.js';
import { apiFilters, hoursOf, windowOf, type Filters } from '../lib/filters.js';
import { useLive } from '../lib/live.js';
import { loadSession } from '../lib/session.js';
import type { KpiSummary } from '../lib/types.js';
import { useData } from '../lib/use-data.js';
import { PriceBookSection } from './business/price-book-section.js';
import { SurveysSection } from './business/surveys-section.js';
import { TenantKpisSection } from './business/tenant-kpis-section.js';

/** The business layer of a tenant: its prices, its own KPIs, and survey and calendar results. */
export function Business({ filters }: { filters: Filters }) {
  const live = useLive();
  const session = loadSession();
  // Only admin keys may write; they act on the tenant being viewed.
  const tenant = session?.admin ? session.tenant : null;
  const w = windowOf(filters, Date.now());
  const window = { ...apiFilters(filters), from: w.from, to: w.to };
  const bucket = hoursOf(filters.range) > 72 ? 'day' : 'hour';
  const summary = useData(
    () => apiGet<{ kpis: KpiSummary }>('/kpis/summary', window),
    [JSON.stringify(window), live.tick],
  );
  return (
    <>
      <div class="page-head">
        <h1>Business</h1>
        <p class="muted">
          Prices, the tenant&rsquo;s own KPIs, surveys and appointments (docs/pricing.md, docs/custom-kpis.md).
        </p>
      </div>
      <FilterBar filters={filters} />
      <div class="biz-grid">
        <PriceBookSection tenant={tenant} onChanged={summary.reload} />
        <div>
          <TenantKpisSection tenant={tenant} window={window} bucket={bucket} tick={live.tick} />
          {summary.error ? <ErrorState error={summary.error} retry={summary.reload} /> : null}
          {summary.data && <SurveysSection kpis={summary.data.kpis} />}
        </div>
      </div>
    </>
  );
}
