/** What one request to a vendor came to, after at most one retry of a 503. */
export type VendorResult =
  | { ok: true; body: Record<string, unknown>; retries: number }
  | { ok: false; errorType: string; timedOut: boolean; retries: number };

/**
 * HTTP client for the business systems (the mock CRM / ticketing / calendar service). `fetch` is
 * undici, which the SDK instruments: each attempt is an HTTP client span under whatever span is
 * active (a connector span, or the worker's consume span), with trace context in its headers.
 * A 503 is retried once (vendors shed load that way); a request past the timeout is abandoned.
 */
export class VendorClient {
  constructor(
    private readonly baseUrl: string,
    private readonly timeoutMillis: number,
  ) {}

  async request(method: 'GET' | 'POST', path: string, body?: unknown, onRetry?: () => void): Promise<VendorResult> {
    let retries = 0;
    for (;;) {
      let response: Response;
      try {
        response = await fetch(`${this.baseUrl}${path}`, {
          method,
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.timeoutMillis),
        });
      } catch (error) {
        const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
        return { ok: false, errorType: timedOut ? 'timeout' : 'connection_error', timedOut, retries };
      }
      if (response.ok) return { ok: true, body: (await response.json()) as Record<string, unknown>, retries };
      await response.body?.cancel();
      if (response.status === 503 && retries === 0) {
        retries++;
        onRetry?.();
        continue;
      }
      return { ok: false, errorType: `http_${response.status}`, timedOut: response.status === 504, retries };
    }
  }
}
