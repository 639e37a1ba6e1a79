import { useState } from 'preact/hooks';
import { apiSend, parseJsonField } from '../../lib/api-send.js';

// A starting point copied from docs/pricing.md: one entry per kind a tenant usually overrides.
const EXAMPLE = JSON.stringify(
  [
    { component: 'telephony', provider: 'twilio', direction: 'inbound', perMinuteUsd: 0.007, source: 'contract TW-2026' },
    { component: 'llm', model: 'gpt-4o', inputPer1MTokensUsd: 2.2, cachedInputPer1MTokensUsd: 1.1, outputPer1MTokensUsd: 9 },
    { component: 'connector', connector: 'salesforce', perCallUsd: 0.002 },
  ],
  null,
  2,
);

const today = (): string => new Date().toISOString().slice(0, 10);

/** Adds a price-book version (admin keys); the answer says how many stored calls it re-priced. */
export function VersionForm({ tenant, onAdded }: { tenant: string; onAdded: () => void }) {
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const [entries, setEntries] = useState(EXAMPLE);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setDone(null);
    try {
      const body = { effectiveFrom: date, note, entries: parseJsonField('Entries', entries) };
      const r = await apiSend<{ repricedCalls: number }>(
        'POST',
        `/tenants/${encodeURIComponent(tenant)}/price-book/versions`,
        body,
      );
      setDone(`Version from ${date} stored; ${r?.repricedCalls ?? 0} stored calls re-priced.`);
      onAdded();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="biz-form" onSubmit={(e) => void submit(e)} aria-label="Add a price-book version">
      <h3>Add a version</h3>
      <div class="biz-row">
        <label class="field">
          <span>Effective from</span>
          <input type="date" required value={date} onInput={(e) => setDate(e.currentTarget.value)} />
        </label>
        <label class="field wide">
          <span>Note</span>
          <input value={note} maxLength={500} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
      </div>
      <label class="field">
        <span>Entries (JSON array, docs/pricing.md)</span>
        <textarea rows={9} spellcheck={false} value={entries} onInput={(e) => setEntries(e.currentTarget.value)} />
      </label>
      <p class="muted small">
        A date in the past re-prices the stored calls it covers, up to the next version&rsquo;s date.
      </p>
      <button type="submit" class="primary" disabled={busy}>
        Add version
      </button>
      {error && (
        <p class="form-error" role="alert" data-testid="price-book-error">
          {error}
        </p>
      )}
      {done && (
        <p class="form-ok" role="status" data-testid="price-book-result">
          {done}
        </p>
      )}
    </form>
  );
}
