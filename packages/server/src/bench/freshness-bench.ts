import type { ChildProcess } from 'node:child_process';
import { newSpanId, newTraceId, otlpJsonBody, postJson } from '../e2e/otlp-json-body.js';
import { sseEvents } from '../e2e/sse-events.js';
import { forkChild, next } from './ingest-bench.js';
import type { ChildMessage, FromPlane, IngestClientConfig, IngestClientStats, ParentMessage, ToPlane } from './ingest-messages.js';
import { percentile } from './stats.js';
import type { PayloadSet } from './trace-payloads.js';

export interface FreshnessFigure {
  graceSeconds: number;
  probes: number;
  /** Requests in flight of the background load (0: an idle plane). */
  backgroundClients: number;
  backgroundSpansPerSecond: number;
  /**
   * How long the background load ran before the first probe. A load that starts at full speed
   * finalises nothing for a grace period, then every call of those seconds at once: probes within
   * that onset wait behind the backlog; after it, they see the load the plane sustains.
   */
  loadLeadSeconds: number;
  /** From a call's end (its root span's end time) to its `call.completed` event on the live stream. */
  streamMs: { p50: number; max: number };
  /** From a call's end to the call being served by the API, i.e. counted in the KPIs. */
  apiMs: { p50: number; max: number };
  /** Probes that never arrived within 60 s (should be 0). */
  lost: number;
}

/** Call ids → arrival time on the stream, read from one SSE connection for the whole run. */
async function watchStream(url: string, apiKey: string, arrivals: Map<string, number>, signal: AbortSignal): Promise<void> {
  const res = await fetch(`${url}/api/v1/stream`, { headers: { authorization: `Bearer ${apiKey}` }, signal });
  try {
    for await (const { event, data } of sseEvents(res)) {
      if (event === 'call.completed') arrivals.set((JSON.parse(data) as { callId: string }).callId, Date.now());
    }
  } catch {
    // Aborted at the end of the run.
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** One probe: a two-span call ending now; resolves with its delays, or null when it never arrives. */
async function probe(url: string, apiKey: string, index: number, arrivals: Map<string, number>): Promise<{ stream: number; api: number } | null> {
  const callId = `freshness-${index}-${Date.now()}`;
  const traceId = newTraceId();
  const rootId = newSpanId();
  const endMs = Date.now();
  const body = otlpJsonBody([
    { traceId, spanId: newSpanId(), parentSpanId: rootId, name: 'llm', startMs: endMs - 2000, endMs: endMs - 500, attributes: { 'lumay.stage': 'llm' } },
    { traceId, spanId: rootId, name: 'call', startMs: endMs - 3000, endMs, attributes: { 'lumay.call.id': callId, 'lumay.call.outcome': 'resolved' } },
  ]);
  if ((await postJson(url, apiKey, body)).status !== 200) return null;
  let api: number | null = null;
  for (let waited = 0; waited < 60_000 && (api === null || !arrivals.has(callId)); waited += 50) {
    if (api === null) {
      const res = await fetch(`${url}/api/v1/calls/${callId}`, { headers: { authorization: `Bearer ${apiKey}` } });
      await res.arrayBuffer();
      if (res.status === 200) api = Date.now() - endMs;
    }
    await sleep(50);
  }
  const streamed = arrivals.get(callId);
  return api === null || streamed === undefined ? null : { stream: streamed - endMs, api };
}

/**
 * Freshness: how long after a call ends it shows on the live stream and in the KPIs, on a plane
 * with the production grace period, idle or under a background load of the benchmark's payloads.
 * Probes start one a second and run side by side.
 */
export async function measureFreshness(
  set: PayloadSet,
  probes: number,
  backgroundClients: number,
  loadLeadSeconds: number,
  graceSeconds = 5,
): Promise<FreshnessFigure> {
  const plane = forkChild('./ingest-plane.js');
  let client: ChildProcess | null = null;
  const stopStream = new AbortController();
  try {
    const started = next<Extract<FromPlane, { type: 'started' }>>(plane, ['started']);
    plane.send({ type: 'start', env: { LUMAY_GRPC_PORT: '-1', LUMAY_GRACE_SECONDS: String(graceSeconds) } } satisfies ToPlane);
    const { url, apiKey } = await started;

    let load: Promise<Extract<ChildMessage, { type: 'done' }>> | null = null;
    if (backgroundClients > 0) {
      client = forkChild('./ingest-client.js');
      const config: IngestClientConfig = {
        url,
        apiKey,
        clients: backgroundClients,
        gzip: false,
        seconds: loadLeadSeconds + probes + graceSeconds + 3,
        warmupSeconds: 1,
        templates: set.payloads.map((p) => ({ protobuf: p.protobuf, traceIds: p.traceIds, spanCount: p.spanCount })),
      };
      const ready = next<ChildMessage>(client, ['ready']);
      client.send({ type: 'config', config } satisfies ParentMessage);
      await ready;
      load = next<Extract<ChildMessage, { type: 'done' }>>(client, ['done']);
      // Awaited after the probes; a failure meanwhile must not go unhandled and skip the clean-up.
      load.catch(() => undefined);
      client.send({ type: 'go' } satisfies ParentMessage);
      await sleep(loadLeadSeconds * 1000);
    }

    const arrivals = new Map<string, number>();
    const watching = watchStream(url, apiKey, arrivals, stopStream.signal);
    await sleep(200);
    const running: Promise<{ stream: number; api: number } | null>[] = [];
    for (let i = 0; i < probes; i++) {
      running.push(probe(url, apiKey, i, arrivals));
      await sleep(1000);
    }
    const results = await Promise.all(running);
    const stats: IngestClientStats | null = load ? (await load).stats : null;
    stopStream.abort();
    await watching;
    const ok = results.filter((r): r is { stream: number; api: number } => r !== null);
    const summary = (xs: number[]): { p50: number; max: number } => ({ p50: percentile(xs, 0.5), max: Math.max(...xs) });
    const stopped = next<FromPlane>(plane, ['stopped']);
    plane.send({ type: 'stop', recordedAtMs: Date.now() } satisfies ToPlane);
    await stopped;
    return {
      graceSeconds,
      probes,
      backgroundClients,
      backgroundSpansPerSecond: stats ? stats.windowSpans / stats.windowSeconds : 0,
      loadLeadSeconds,
      streamMs: summary(ok.map((r) => r.stream)),
      apiMs: summary(ok.map((r) => r.api)),
      lost: results.length - ok.length,
    };
  } finally {
    stopStream.abort();
    for (const child of [client, plane]) if (child && child.exitCode === null && child.connected) child.kill();
  }
}
