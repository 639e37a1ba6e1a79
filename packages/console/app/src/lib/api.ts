import { loadSession } from './session.js';

/** An API error with the plane's message, which says what to fix. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Query parameters; empty values are dropped so URLs stay short. */
export type Params = Record<string, string | number | undefined | null>;

export function query(params: Params): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** GET /api/v1{path} with the session's key (and, for an admin, the tenant being viewed). */
export async function apiGet<T>(path: string, params: Params = {}, key?: string): Promise<T> {
  const session = loadSession();
  const bearer = key ?? session?.key;
  const all = { ...params, tenant: key ? undefined : (session?.tenant ?? undefined) };
  const res = await fetch(`/api/v1${path}${query(all)}`, {
    headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
  });
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = (body as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`;
    throw new ApiError(res.status, message);
  }
  return body as T;
}
