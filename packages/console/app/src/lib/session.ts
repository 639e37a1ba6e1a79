/*
 * The signed-in key lives in sessionStorage: it survives reloads of the tab but not the browser,
 * and is never put in a URL (where history and logs would keep it).
 */
const KEY = 'lumay.key';
const TENANT = 'lumay.tenant';

export interface Session {
  key: string;
  /** For admin keys: the tenant being viewed (null = the key's own). */
  tenant: string | null;
  admin: boolean;
}

export function loadSession(): Session | null {
  const key = sessionStorage.getItem(KEY);
  if (!key) return null;
  return { key, tenant: sessionStorage.getItem(TENANT), admin: sessionStorage.getItem('lumay.admin') === '1' };
}

export function saveSession(s: Session): void {
  sessionStorage.setItem(KEY, s.key);
  sessionStorage.setItem('lumay.admin', s.admin ? '1' : '0');
  if (s.tenant) sessionStorage.setItem(TENANT, s.tenant);
  else sessionStorage.removeItem(TENANT);
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
  sessionStorage.removeItem(TENANT);
  sessionStorage.removeItem('lumay.admin');
}
