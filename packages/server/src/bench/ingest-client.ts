/**
 * The load generator of the ingest benchmark, run as a child process so the plane's event loop
 * is measured alone: N concurrent keep-alive HTTP clients POST protobuf exports (optionally
 * gzip) for a fixed time, each export a template with fresh trace ids.
 */
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { ChildMessage, IngestClientConfig, IngestClientStats, ParentMessage } from './ingest-messages.js';
import { percentile } from './stats.js';
import { TraceIdStamper } from './trace-id-stamper.js';

const gzipAsync = promisify(gzip);

interface Reply {
  status: number;
  bodyBytes: number;
}

function post(agent: Agent, url: URL, apiKey: string, body: Buffer, gzipped: boolean): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: url.hostname,
        port: url.port,
        path: '/v1/traces',
        method: 'POST',
        headers: {
          'content-type': 'application/x-protobuf',
          'content-length': body.length,
          authorization: `Bearer ${apiKey}`,
          ...(gzipped ? { 'content-encoding': 'gzip' } : {}),
        },
      },
      (res) => {
        let bodyBytes = 0;
        res.on('data', (chunk: Buffer) => (bodyBytes += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bodyBytes }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function run(config: IngestClientConfig, started: number): Promise<IngestClientStats> {
  const url = new URL(config.url);
  const agent = new Agent({ keepAlive: true, maxSockets: config.clients });
  const stampers = config.templates.map((t) => new TraceIdStamper(t.protobuf, t.traceIds, t.spanCount));
  const prefix = randomBytes(8);
  const deadline = started + config.seconds * 1000;
  const windowStart = started + config.warmupSeconds * 1000;
  const latencies: number[] = [];
  const failuresByStatus: Record<string, number> = {};
  let sequence = 0;
  let requestsAcknowledged = 0;
  let spansAcknowledged = 0;
  let callsAcknowledged = 0;
  let partialSuccesses = 0;
  let windowSpans = 0;
  const spansBySecond: number[] = [];
  let bytes = 0;
  const cpuBefore = process.cpuUsage();

  const client = async (): Promise<void> => {
    const copies = config.templates.map((t) => Buffer.from(t.protobuf));
    while (performance.now() < deadline) {
      const seq = sequence++;
      const k = seq % copies.length;
      stampers[k].stamp(copies[k], prefix, seq);
      // Level 1 keeps the generator's share of the two cores small; gunzip cost hardly depends on it.
      const body = config.gzip ? await gzipAsync(copies[k], { level: 1 }) : copies[k];
      bytes += body.length;
      const sentAt = performance.now();
      let reply: Reply;
      try {
        reply = await post(agent, url, config.apiKey, body, config.gzip);
      } catch (error) {
        const reason = (error as { code?: string }).code ?? 'network';
        failuresByStatus[reason] = (failuresByStatus[reason] ?? 0) + 1;
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      const at = performance.now();
      latencies.push(at - sentAt);
      if (reply.status !== 200) {
        failuresByStatus[reply.status] = (failuresByStatus[reply.status] ?? 0) + 1;
        // The plane asked for a pause (429/503); honour a short one rather than hammering it.
        await new Promise((r) => setTimeout(r, 50));
        continue;
      }
      requestsAcknowledged++;
      spansAcknowledged += config.templates[k].spanCount;
      callsAcknowledged += stampers[k].calls;
      // A response without partial_success is an empty message: zero bytes.
      if (reply.bodyBytes > 0) partialSuccesses++;
      if (at >= windowStart) windowSpans += config.templates[k].spanCount;
      const second = Math.floor((at - started) / 1000);
      while (spansBySecond.length <= second) spansBySecond.push(0);
      spansBySecond[second] += config.templates[k].spanCount;
    }
  };
  await Promise.all(Array.from({ length: config.clients }, client));
  const finished = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  agent.destroy();
  return {
    requestsAcknowledged,
    spansAcknowledged,
    callsAcknowledged,
    partialSuccesses,
    failuresByStatus,
    windowSpans,
    windowSeconds: (finished - windowStart) / 1000,
    spansBySecond,
    latencyP50Ms: percentile(latencies, 50),
    latencyP99Ms: percentile(latencies, 99),
    clientCpuCores: (cpu.user + cpu.system) / 1000 / (finished - started),
    bytesPerRequest: bytes / Math.max(1, sequence),
  };
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

let config: IngestClientConfig | null = null;
process.on('message', (message: ParentMessage) => {
  if (message.type === 'config') {
    config = message.config;
    send({ type: 'ready' });
  } else if (message.type === 'go' && config) {
    run(config, performance.now()).then(
      (stats) => {
        send({ type: 'done', stats });
        process.disconnect();
      },
      (error: unknown) => {
        send({ type: 'error', message: String(error) });
        process.disconnect();
      },
    );
  }
});
