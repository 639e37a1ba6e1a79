import { useState } from 'preact/hooks';
import { apiGet, type Params } from '../../lib/api.js';
import { apiSend } from '../../lib/api-send.js';
import { useData } from '../../lib/use-data.js';
import { Empty, ErrorState, Loading } from '../../components/states.js';
import type { CustomKpi } from './business-types.js';
import { CustomKpiCard } from './custom-kpi-card.js';
import { KpiForm } from './kpi-form.js';

interface Props {
  tenant: string | null;
  window: Params;
  bucket: string;
  tick: number;
}

/** The tenant's own KPIs over the page's window, and (admin) the form that defines them. */
export function TenantKpisSection({ tenant, window, bucket, tick }: Props) {
  const kpis = useData(() => apiGet<{ kpis: CustomKpi[] }>('/kpis/custom', window), [JSON.stringify(window), tick]);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const remove = (id: string): void => {
    if (!tenant) return;
    setDeleteError(null);
    apiSend('DELETE', `/tenants/${encodeURIComponent(tenant)}/kpis/${encodeURIComponent(id)}`).then(kpis.reload, (e: unknown) =>
      setDeleteError(e instanceof Error ? e.message : String(e)),
    );
  };
  const list = kpis.data?.kpis ?? [];
  return (
    <section class="panel" aria-labelledby="tenant-kpis-h">
      <h2 id="tenant-kpis-h">Tenant KPIs</h2>
      {kpis.error ? <ErrorState error={kpis.error} retry={kpis.reload} /> : null}
      {!kpis.data && !kpis.error ? <Loading what="tenant KPIs" /> : null}
      {kpis.data && list.length === 0 && (
        <Empty title="No KPIs of your own yet">
          Define one from docs/custom-kpis.md{tenant ? ' with the form below' : ' with an admin key'}.
        </Empty>
      )}
      {list.length > 0 && (
        <div class="kpi-grid">
          {list.map((k) => (
            <CustomKpiCard
              key={k.id}
              kpi={k}
              window={window}
              bucket={bucket}
              onDelete={tenant ? () => remove(k.id) : null}
            />
          ))}
        </div>
      )}
      {deleteError && (
        <p class="form-error" role="alert">
          {deleteError}
        </p>
      )}
      {tenant && <KpiForm tenant={tenant} onSaved={kpis.reload} />}
    </section>
  );
}
