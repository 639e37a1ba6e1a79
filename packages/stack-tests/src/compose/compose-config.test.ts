import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { test } from 'node:test';
import { parse } from 'yaml';
import { asRecord, deployPath, REPO_ROOT } from '../support/deploy-files.js';
import { requireTool } from '@lumay/test-support';

const COMPOSE_FILE = deployPath('compose', 'docker-compose.yml');

/** The compose file as docker-compose resolves it (variables, relative paths, defaults). */
function resolvedCompose(): Record<string, unknown> {
  const result = spawnSync('docker-compose', ['-f', COMPOSE_FILE, 'config'], {
    encoding: 'utf8',
    env: { ...process.env, LUMAY_METRICS_TOKEN: '' },
  });
  assert.equal(result.status, 0, `docker-compose config failed:\n${result.stderr}`);
  return asRecord(parse(result.stdout), 'docker-compose config output');
}

test('docker-compose config accepts the compose file, with the plane and the whole stack', (t) => {
  if (!requireTool(t, 'docker-compose', 'apt-get install -y --no-install-recommends docker-compose')) return;
  const services = asRecord(resolvedCompose().services, 'services');
  assert.deepEqual(Object.keys(services).sort(), ['grafana', 'loki', 'otel-collector', 'plane', 'prometheus', 'tempo']);
});

test("every file compose mounts exists, and the plane's image builds from the repository", (t) => {
  if (!requireTool(t, 'docker-compose', 'apt-get install -y --no-install-recommends docker-compose')) return;
  const services = asRecord(resolvedCompose().services, 'services') as Record<
    string,
    { volumes?: string[]; build?: { context: string; dockerfile: string } }
  >;
  const hostPaths = Object.values(services)
    .flatMap((s) => s.volumes ?? [])
    .map((v) => v.split(':')[0] ?? '')
    .filter((p) => p.startsWith('/') && !p.startsWith('/var/lib/docker'));
  assert.ok(hostPaths.length >= 8, `expected the stack's config mounts, got ${hostPaths.join(', ')}`);
  for (const path of hostPaths) assert.ok(existsSync(path), `mounted path missing: ${path}`);
  const build = services.plane?.build;
  assert.equal(resolve(build?.context ?? ''), resolve(REPO_ROOT));
  assert.ok(existsSync(resolve(build?.context ?? '', build?.dockerfile ?? '')));
});

test('the wiring between services matches their configurations', (t) => {
  if (!requireTool(t, 'docker-compose', 'apt-get install -y --no-install-recommends docker-compose')) return;
  const services = asRecord(resolvedCompose().services, 'services') as Record<
    string,
    { environment?: Record<string, string>; command?: string[] }
  >;
  // The plane listens beyond loopback inside its container, or nothing can reach it.
  assert.equal(services.plane?.environment?.LUMAY_HTTP_HOST, '0.0.0.0');
  // Tempo's metrics generator remote-writes to Prometheus, which must accept it.
  assert.ok(services.prometheus?.command?.includes('--web.enable-remote-write-receiver'));
  // Grafana's provisioned data sources read their URLs from these variables.
  assert.deepEqual(
    Object.keys(services.grafana?.environment ?? {})
      .filter((k) => k.startsWith('LUMAY_'))
      .sort(),
    ['LUMAY_LOKI_URL', 'LUMAY_PROMETHEUS_URL', 'LUMAY_TEMPO_URL'],
  );
});

test("the console's links open Grafana Explore on the call's trace (Tempo) and its logs (Loki)", (t) => {
  if (!requireTool(t, 'docker-compose', 'apt-get install -y --no-install-recommends docker-compose')) return;
  const services = asRecord(resolvedCompose().services, 'services') as Record<
    string,
    { environment?: Record<string, string> }
  >;
  const env = services.plane?.environment ?? {};
  const pane = (template: string | undefined) => {
    // Filled as the plane fills them (api/console-links-routes.ts), then read as Grafana reads them.
    const url = new URL(
      (template ?? '').replaceAll('{traceId}', '4bf92f3577b34da6a3ce929d0e0e4736').replaceAll('{correlationId}', 'c-1'),
    );
    const panes = JSON.parse(url.searchParams.get('panes') ?? '{}') as Record<
      string,
      { datasource: string; queries: Record<string, string>[] }
    >;
    return Object.values(panes)[0];
  };
  const trace = pane(env.LUMAY_TEMPO_TRACE_URL);
  assert.equal(trace?.datasource, 'tempo');
  assert.equal(trace?.queries[0]?.query, '4bf92f3577b34da6a3ce929d0e0e4736');
  const logs = pane(env.LUMAY_LOKI_LOGS_URL);
  assert.equal(logs?.datasource, 'loki');
  assert.equal(
    logs?.queries[0]?.expr,
    '{service=~".+"} | trace_id="4bf92f3577b34da6a3ce929d0e0e4736" or correlation_id="c-1"',
  );
  assert.match(env.LUMAY_GRAFANA_URL ?? '', /\/d\/lumay-containment\//);
});
