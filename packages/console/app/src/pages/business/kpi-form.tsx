import { useState } from 'preact/hooks';
import { apiSend, parseJsonField } from '../../lib/api-send.js';

// The example of docs/custom-kpis.md, so the form shows the shape of a definition.
const EXAMPLE = JSON.stringify(
  {
    name: 'Cost per booking',
    unit: 'usd',
    numerator: { source: 'calls', aggregate: 'sum', field: 'cost_usd' },
    denominator: {
      source: 'business_events',
      aggregate: 'count',
      filters: [{ field: 'name', op: 'eq', value: 'appointment_booked' }],
    },
  },
  null,
  2,
);

/** Creates or replaces a tenant KPI (admin keys); the plane's 400 message is shown as it is. */
export function KpiForm({ tenant, onSaved }: { tenant: string; onSaved: () => void }) {
  const [id, setId] = useState('cost_per_booking');
  const [definition, setDefinition] = useState(EXAMPLE);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const body = parseJsonField('The definition', definition);
      await apiSend('PUT', `/tenants/${encodeURIComponent(tenant)}/kpis/${encodeURIComponent(id)}`, body);
      setDone(`KPI ${id} saved and computed over the stored calls.`);
      onSaved();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="biz-form" onSubmit={(e) => void submit(e)} aria-label="Define a KPI">
      <h3>Add or replace a KPI</h3>
      <label class="field">
        <span>KPI id</span>
        <input required pattern="[a-z][a-z0-9_]{0,62}" value={id} onInput={(e) => setId(e.currentTarget.value)} />
      </label>
      <label class="field">
        <span>Definition (JSON, docs/custom-kpis.md)</span>
        <textarea rows={11} spellcheck={false} value={definition} onInput={(e) => setDefinition(e.currentTarget.value)} />
      </label>
      <button type="submit" class="primary" disabled={busy}>
        Save KPI
      </button>
      {error && (
        <p class="form-error" role="alert" data-testid="kpi-error">
          {error}
        </p>
      )}
      {done && (
        <p class="form-ok" role="status">
          {done}
        </p>
      )}
    </form>
  );
}
