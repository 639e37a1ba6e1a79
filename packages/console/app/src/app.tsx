import { useEffect, useRef, useState } from 'preact/hooks';
import { Layout } from './components/layout.js';
import { apiGet } from './lib/api.js';
import { filterQuery, filtersOf } from './lib/filters.js';
import { startLive, stopLive } from './lib/live.js';
import { navigate, useLocation } from './lib/router.js';
import { clearSession, loadSession, saveSession, type Session } from './lib/session.js';
import { Business } from './pages/business.js';
import { CallPage } from './pages/call-page.js';
import { Calls } from './pages/calls.js';
import { Connectors } from './pages/connectors.js';
import { Cost } from './pages/cost.js';
import { Insights } from './pages/insights.js';
import { Overview } from './pages/overview.js';
import { SignIn } from './pages/sign-in.js';
import { Trends } from './pages/trends.js';

const TITLES: Record<string, string> = {
  '/': 'Overview',
  '/trends': 'Trends',
  '/insights': 'Insights',
  '/connectors': 'Connectors',
  '/cost': 'Cost',
  '/calls': 'Calls',
  '/business': 'Business',
};

export function App() {
  const loc = useLocation();
  const [session, setSession] = useState<Session | null>(loadSession);
  const [tenants, setTenants] = useState<string[]>([]);
  const firstPage = useRef(true);

  useEffect(() => {
    if (!session) return undefined;
    startLive();
    if (session.admin) {
      apiGet<{ tenants: { id: string }[] }>('/tenants').then(
        (r) => setTenants(r.tenants.map((t) => t.id)),
        () => setTenants([]),
      );
    }
    return stopLive;
  }, [session?.key, session?.tenant]);

  // Each page gets a title and focus moves to the content, so screen readers announce navigation.
  useEffect(() => {
    const title = loc.path.startsWith('/calls/')
      ? `Call ${decodeURIComponent(loc.path.slice(7))}`
      : (TITLES[loc.path] ?? 'Not found');
    document.title = `${title} · LuMay`;
    // Not on first load: the skip link stays the first stop of the Tab order.
    if (!firstPage.current) document.getElementById('main')?.focus({ preventScroll: true });
    firstPage.current = false;
  }, [loc.path]);

  if (!session) {
    return (
      <SignIn
        onSignedIn={(s, list) => {
          const withTenant = s.admin ? { ...s, tenant: list[0] ?? null } : s;
          saveSession(withTenant);
          setTenants(list);
          setSession(withTenant);
        }}
      />
    );
  }

  const filters = filtersOf(loc.params);
  const carried = filterQuery(filters);
  let page;
  if (loc.path === '/') page = <Overview filters={filters} />;
  else if (loc.path === '/trends') page = <Trends filters={filters} kpi={loc.params.get('kpi') ?? 'containment'} />;
  else if (loc.path === '/insights') page = <Insights filters={filters} />;
  else if (loc.path === '/connectors') page = <Connectors filters={filters} />;
  else if (loc.path === '/cost') page = <Cost filters={filters} />;
  else if (loc.path === '/business') page = <Business filters={filters} />;
  else if (loc.path === '/calls') page = <Calls filters={filters} params={loc.params} />;
  else if (loc.path.startsWith('/calls/')) page = <CallPage id={decodeURIComponent(loc.path.slice(7))} />;
  else
    page = (
      <div class="state">
        <strong>No page at {loc.path}</strong>
        <p>
          <a href="/">Go to the overview</a>
        </p>
      </div>
    );

  return (
    <Layout
      path={loc.path}
      search={carried}
      session={session}
      tenants={tenants}
      onTenant={(tenant) => {
        const next = { ...session, tenant };
        saveSession(next);
        setSession(next);
      }}
      onSignOut={() => {
        clearSession();
        stopLive();
        setSession(null);
        navigate('/');
      }}
    >
      {/* Keyed by tenant: switching tenants reloads every panel. */}
      <div key={session.tenant ?? ''}>{page}</div>
    </Layout>
  );
}
