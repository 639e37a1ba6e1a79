import type { ComponentChildren } from 'preact';
import { useLive } from '../lib/live.js';
import type { Session } from '../lib/session.js';

const NAV = [
  { href: '/', label: 'Overview' },
  { href: '/trends', label: 'Trends' },
  { href: '/insights', label: 'Insights' },
  { href: '/connectors', label: 'Connectors' },
  { href: '/cost', label: 'Cost' },
  { href: '/calls', label: 'Calls' },
  { href: '/business', label: 'Business' },
];

interface Props {
  path: string;
  search: string;
  session: Session;
  tenants: string[];
  onTenant: (tenant: string) => void;
  onSignOut: () => void;
  children: ComponentChildren;
}

/** The frame of every signed-in page: navigation (filters carried along), tenant, live status. */
export function Layout({ path, search, session, tenants, onTenant, onSignOut, children }: Props) {
  const live = useLive();
  const active = (href: string): boolean => (href === '/' ? path === '/' : path.startsWith(href));
  return (
    <div class="shell">
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <a class="brand" href={`/${search}`}>
          <span class="logo" aria-hidden="true" />
          LuMay
        </a>
        <nav aria-label="Main">
          {NAV.map((n) => (
            <a key={n.href} href={n.href + search} aria-current={active(n.href) ? 'page' : undefined}>
              {n.label}
            </a>
          ))}
        </nav>
        <div class="top-right">
          <span class={`live-dot ${live.status}`} role="status" title={`Live stream: ${live.status}`}>
            {live.status === 'live' ? 'Live' : live.status === 'connecting' ? 'Connecting' : 'Offline'}
          </span>
          {session.admin && tenants.length > 0 ? (
            <label class="tenant">
              <span class="sr-only">Tenant</span>
              <select value={session.tenant ?? ''} onChange={(e) => onTenant(e.currentTarget.value)}>
                {tenants.map((t) => (
                  <option key={t} value={t}>
                    {t}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <button type="button" class="link" onClick={onSignOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}
