import { useState } from 'preact/hooks';
import { apiGet, ApiError } from '../lib/api.js';
import type { Session } from '../lib/session.js';

/** Sign-in with an API key: a read key sees its tenant; an admin key sees every tenant. */
export function SignIn({ onSignedIn }: { onSignedIn: (s: Session, tenants: string[]) => void }) {
  const [key, setKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await apiGet('/kpis/summary', {}, key.trim());
      let tenants: string[] = [];
      try {
        tenants = (await apiGet<{ tenants: { id: string }[] }>('/tenants', {}, key.trim())).tenants.map((t) => t.id);
      } catch {
        // Not an admin key: it reads its own tenant only.
      }
      onSignedIn({ key: key.trim(), tenant: null, admin: tenants.length > 0 }, tenants);
    } catch (err) {
      setError(
        err instanceof ApiError && (err.status === 401 || err.status === 403)
          ? 'This key was not accepted. Use a key with the read (or admin) scope: lumay key create <tenant> --scopes read'
          : `The plane did not answer (${err instanceof Error ? err.message : String(err)}). Is it running?`,
      );
    } finally {
      setBusy(false);
    }
  };
  return (
    <main class="signin" id="main">
      <form onSubmit={(e) => void submit(e)} aria-describedby="signin-help">
        <h1>
          <span class="logo" aria-hidden="true" /> LuMay console
        </h1>
        <p id="signin-help" class="muted">
          Sign in with a tenant&rsquo;s <b>read</b> key, or an <b>admin</b> key to switch between tenants. The key stays
          in this tab only.
        </p>
        <p class="muted small">
          Running the demo? <code>npm start</code> printed the keys of tenant <code>default</code>; they are also in{' '}
          <code>data/quickstart-keys.json</code>.
        </p>
        <label class="field wide">
          <span>API key</span>
          <input
            type="password"
            name="key"
            autoComplete="off"
            required
            autoFocus
            value={key}
            onInput={(e) => setKey(e.currentTarget.value)}
          />
        </label>
        {error && (
          <p class="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="primary" disabled={busy || key.trim() === ''}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
