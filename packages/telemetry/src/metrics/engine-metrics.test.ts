import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import type * as Fastify from 'fastify';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type * as Pino from 'pino';
import { correlationLogFields, getCorrelationId } from '../correlation/correlation-context.js';
import { initTelemetry } from '../init/init-telemetry.js';
import { freePort, requireTool } from '@lumay/test-support';

/*
 * A real Fastify engine on 127.0.0.1:0 instrumented by the SDK: its /metrics output passes
 * `promtool check metrics`, the request histogram is labelled by route template, and a request's
 * X-Correlation-ID reaches the pino log lines written while serving it.
 */
const exporter = new InMemorySpanExporter();
const telemetry = initTelemetry({ serviceName: 'metrics-test', exporter, simpleExport: true, instrumentations: ['http', 'fastify'] });
const require = createRequire(import.meta.url);
const fastify = require('fastify') as typeof Fastify.default;
const pino = require('pino') as typeof Pino.default;
after(() => telemetry.shutdown());

const logLines: Record<string, unknown>[] = [];
const log = pino({ mixin: correlationLogFields }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });

async function startEngine(): Promise<{ url: string; close: () => Promise<void> }> {
  const app = fastify();
  app.get('/metrics', async (_request, reply) => reply.type(telemetry.metrics.contentType).send(await telemetry.metrics.text()));
  app.get('/calls/:id', async (request) => {
    log.info({ path: request.url }, 'serving');
    return { id: (request.params as { id: string }).id, correlationId: getCorrelationId() };
  });
  app.get('/boom', async () => {
    throw new Error('boom');
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

test('the engine /metrics output passes promtool and carries the contract names', async (t) => {
  const engine = await startEngine();
  t.after(engine.close);
  const first = await fetch(`${engine.url}/calls/CA1`, { headers: { 'x-correlation-id': 'corr-http-1' } });
  assert.deepEqual(await first.json(), { id: 'CA1', correlationId: 'corr-http-1' });
  const minted = (await (await fetch(`${engine.url}/calls/CA2`)).json()) as { correlationId?: string };
  assert.match(minted.correlationId ?? '', /^[0-9a-f-]{36}$/, 'a request without the header gets a minted id');
  assert.equal((await fetch(`${engine.url}/boom`)).status, 500);

  const call = telemetry.startCall();
  call.startTurn().startLlm({ model: 'gpt-4o' }).end({ inputTokens: 10, outputTokens: 2 });
  await call.callConnector({ name: 'salesforce', operation: 'lookup' }, async () => undefined);
  call.end({ outcome: 'resolved' });

  const response = await fetch(`${engine.url}/metrics`);
  assert.match(response.headers.get('content-type') ?? '', /^text\/plain/);
  const text = await response.text();
  assert.match(text, /^lumay_engine_active_calls 0$/m);
  assert.match(text, /^lumay_engine_http_request_duration_seconds_count\{method="GET",route="\/calls\/:id",status_code="200"\} 2$/m);
  assert.match(text, /^lumay_engine_http_request_duration_seconds_count\{method="GET",route="\/boom",status_code="500"\} 1$/m);
  assert.match(text, /^lumay_engine_errors_total\{kind="http_server"\} 1$/m);
  assert.match(text, /^lumay_engine_stage_duration_seconds_count\{stage="llm"\} 1$/m);
  assert.match(text, /^lumay_engine_stage_duration_seconds_count\{stage="connector"\} 1$/m);
  assert.match(text, /^lumay_engine_connector_calls_total\{connector="salesforce",outcome="success"\} 1$/m);
  assert.doesNotMatch(text, /route="\/metrics"/, 'scrapes are not traced');

  if (!requireTool(t, 'promtool', 'apt-get install -y prometheus')) return;
  const dir = mkdtempSync(join(tmpdir(), 'lumay-metrics-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'metrics.txt'), text);
  const check = spawnSync('sh', ['-c', `promtool check metrics < ${join(dir, 'metrics.txt')}`], { encoding: 'utf8' });
  assert.equal(check.status, 0, `promtool: ${check.stdout}${check.stderr}`);
  assert.equal(`${check.stdout}${check.stderr}`.trim(), '', 'no lint findings');
});

test('log lines written while serving a request carry its correlation id, trace id and span id', async (t) => {
  const engine = await startEngine();
  t.after(engine.close);
  logLines.length = 0;
  await (await fetch(`${engine.url}/calls/CA9`, { headers: { 'x-correlation-id': 'corr-log-1' } })).json();
  const line = logLines.find((l) => l.msg === 'serving');
  assert.ok(line, 'the handler logged');
  assert.equal(line.correlation_id, 'corr-log-1');
  assert.match(String(line.trace_id), /^[0-9a-f]{32}$/);
  assert.match(String(line.span_id), /^[0-9a-f]{16}$/);
  const server = exporter.getFinishedSpans().find((s) => s.spanContext().traceId === line.trace_id && s.parentSpanContext === undefined);
  assert.ok(server, 'the trace id is the request trace’s');
  assert.equal(server.attributes['lumay.correlation_id'], 'corr-log-1');
});

test('a real Prometheus scrapes the engine: the active-calls gauge the autoscaler reads', async (t) => {
  if (!requireTool(t, 'prometheus', 'apt-get install -y prometheus')) return;
  const engine = await startEngine();
  t.after(engine.close);
  const dir = mkdtempSync(join(tmpdir(), 'lumay-prometheus-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const target = new URL(engine.url).host;
  writeFileSync(join(dir, 'prometheus.yml'), `global:\n  scrape_interval: 1s\nscrape_configs:\n  - job_name: engine\n    static_configs:\n      - targets: ['${target}']\n`);
  const port = await freePort();
  const prometheus = spawn('prometheus', [`--config.file=${join(dir, 'prometheus.yml')}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`], { stdio: 'ignore' });
  t.after(() => prometheus.kill('SIGTERM'));

  const calls = [telemetry.startCall(), telemetry.startCall()];
  calls[1].end({ outcome: 'resolved' });
  const query = async (expression: string): Promise<string | undefined> => {
    const response = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(expression)}`).catch(() => undefined);
    if (response?.ok !== true) return undefined;
    const body = (await response.json()) as { data: { result: { value: [number, string] }[] } };
    return body.data.result[0]?.value[1];
  };
  let active: string | undefined;
  for (let attempt = 0; attempt < 150 && active !== '1'; attempt++) {
    await new Promise((r) => setTimeout(r, 200));
    active = await query('lumay_engine_active_calls{job="engine"}');
  }
  calls[0].end({ outcome: 'resolved' });
  assert.equal(active, '1', 'Prometheus scraped one call in progress');
  assert.equal(await query('up{job="engine"}'), '1');
});
