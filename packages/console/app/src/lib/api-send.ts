import { ApiError } from './api.js';
import { loadSession } from './session.js';

/**
 * POST / PUT / DELETE /api/v1{path} with the session's key. A refusal throws an ApiError whose
 * message is the plane's own, so forms can show it verbatim (it names the field to fix).
 */
export async function apiSend<T>(method: 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T | null> {
  const key = loadSession()?.key;
  const headers: Record<string, string> = key ? { authorization: `Bearer ${key}` } : {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`/api/v1${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const message = (answer as { error?: { message?: string } } | null)?.error?.message ?? `HTTP ${res.status}`;
    throw new ApiError(res.status, message);
  }
  return answer as T | null;
}

/** Parses a JSON textarea; a syntax error becomes a message in the same place the plane's would go. */
export function parseJsonField(label: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new Error(`${label} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}
