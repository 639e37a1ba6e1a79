import assert from 'node:assert/strict';
import { test } from 'node:test';
import { asArray, asRecord, readYaml, readYamlDocuments } from '../support/deploy-files.js';

// Grafana Loki, Tempo and the OpenTelemetry Collector have no package on this machine (Debian's
// `loki` is an unrelated genetics tool; there is no Docker engine), so their files are checked for
// structure and for agreeing with each other here; docs/deploy.md says so.

type Yaml = Record<string, unknown>;

function section(config: Yaml, key: string): Yaml {
  return asRecord(config[key], key);
}

/** The component type of a Collector id: `otlphttp/plane` is an `otlphttp`. */
function componentType(id: string): string {
  return id.split('/')[0] ?? id;
}

for (const file of ['collector.yaml', 'log-agent.yaml']) {
  test(`${file}: every pipeline uses only defined components, and every defined one is used`, () => {
    checkPipelines(asRecord(readYaml('otel-collector', file), file));
  });
}

function checkPipelines(config: Yaml): void {
  const service = section(config, 'service');
  const pipelines = section(service, 'pipelines');
  const used = { receivers: new Set<string>(), processors: new Set<string>(), exporters: new Set<string>() };
  for (const [name, raw] of Object.entries(pipelines)) {
    const pipeline = asRecord(raw, name);
    for (const kind of ['receivers', 'processors', 'exporters'] as const) {
      for (const id of asArray(pipeline[kind] ?? [], `${name} ${kind}`).map(String)) {
        assert.ok(id in section(config, kind), `pipeline ${name} uses undefined ${kind} ${id}`);
        used[kind].add(id);
      }
    }
  }
  for (const kind of ['receivers', 'processors', 'exporters'] as const) {
    assert.deepEqual(
      Object.keys(section(config, kind)).filter((id) => !used[kind].has(id)),
      [],
      `unused ${kind}`,
    );
  }
  for (const id of asArray(service.extensions, 'service.extensions').map(String))
    assert.ok(id in section(config, 'extensions'), id);
  // The memory limiter must come first in every pipeline (the Collector's own recommendation).
  for (const [name, raw] of Object.entries(pipelines))
    assert.equal(asArray(asRecord(raw, name).processors, name)[0], 'memory_limiter', name);
}

test('the Collector fans traces out to Tempo and the plane, engine logs to Loki and the plane, the plane logs to Loki only', () => {
  const config = asRecord(readYaml('otel-collector', 'collector.yaml'), 'collector');
  const pipelines = section(section(config, 'service'), 'pipelines');
  const exportersOf = (name: string) => asArray(asRecord(pipelines[name], name).exporters, name).map(String).sort();
  assert.deepEqual(exportersOf('traces'), ['otlp/tempo', 'otlphttp/plane']);
  assert.deepEqual(exportersOf('logs/engines'), ['otlphttp/loki', 'otlphttp/plane']);
  // Shipping the plane's own lines back into the plane would loop.
  assert.deepEqual(exportersOf('logs/plane'), ['otlphttp/loki']);
  const exporters = section(config, 'exporters');
  assert.equal(asRecord(exporters['otlp/tempo'], 'tempo').endpoint, '${env:TEMPO_OTLP_ENDPOINT}');
  assert.equal(asRecord(exporters['otlphttp/plane'], 'plane').endpoint, '${env:LUMAY_PLANE_OTLP_ENDPOINT}');
  assert.equal(asRecord(exporters['otlphttp/loki'], 'loki').endpoint, '${env:LOKI_OTLP_ENDPOINT}');
});

test("compose and Kubernetes give the Collector's endpoint variables, pointing where Tempo, Loki and the plane listen", () => {
  const compose = asRecord(readYaml('compose', 'docker-compose.yml'), 'compose');
  const services = asRecord(compose.services, 'services');
  const composeEnv = asRecord(asRecord(services['otel-collector'], 'otel-collector').environment, 'environment');
  assert.deepEqual(composeEnv, {
    TEMPO_OTLP_ENDPOINT: 'tempo:4317',
    LOKI_OTLP_ENDPOINT: 'http://loki:3100/otlp',
    LUMAY_PLANE_OTLP_ENDPOINT: 'http://plane:4318',
  });
  for (const host of ['tempo', 'loki', 'plane']) assert.ok(host in services, `compose has no ${host}`);
  const [deployment] = readYamlDocuments('k8s', 'otel-collector.yaml');
  const container = asRecord(
    asArray(
      asRecord(asRecord(asRecord(asRecord(deployment, 'd').spec, 's').template, 't').spec, 'p').containers,
      'c',
    )[0],
    'container',
  );
  const k8sEnv = Object.fromEntries(
    asArray(container.env, 'env').map((e) => [String(asRecord(e, 'env').name), String(asRecord(e, 'env').value)]),
  );
  assert.deepEqual(Object.keys(k8sEnv).sort(), Object.keys(composeEnv).sort());
  // The plane's Service (deploy/k8s/plane.yaml) is lumay-plane in namespace lumay, port 4318.
  assert.equal(k8sEnv.LUMAY_PLANE_OTLP_ENDPOINT, 'http://lumay-plane.lumay.svc:4318');
});

test("the engine's key reaches the plane through the Collector, one batch per key", () => {
  const config = asRecord(readYaml('otel-collector', 'collector.yaml'), 'collector');
  const protocols = asRecord(asRecord(section(config, 'receivers').otlp, 'otlp').protocols, 'protocols');
  for (const protocol of ['grpc', 'http'])
    assert.equal(asRecord(protocols[protocol], protocol).include_metadata, true, protocol);
  assert.deepEqual(asRecord(section(config, 'processors').batch, 'batch').metadata_keys, ['authorization']);
  const setter = asRecord(
    asArray(asRecord(section(config, 'extensions').headers_setter, 'headers_setter').headers, 'headers')[0],
    'header',
  );
  assert.deepEqual([setter.key, setter.from_context], ['Authorization', 'authorization']);
  const planeAuth = asRecord(asRecord(section(config, 'exporters')['otlphttp/plane'], 'plane').auth, 'auth');
  assert.equal(planeAuth.authenticator, 'headers_setter');
  // Collector ids are <type>[/<name>]; these types exist in the contrib distribution compose runs.
  const types = Object.keys(section(config, 'processors')).map(componentType).sort();
  assert.deepEqual(types, ['batch', 'filter', 'groupbyattrs', 'memory_limiter', 'transform']);
});

test("the plane's log lines are parsed as JSON, with trace context, and grouped by the labels Loki indexes", () => {
  const collector = asRecord(readYaml('otel-collector', 'collector.yaml'), 'collector');
  const filelog = asRecord(section(collector, 'receivers')['filelog/plane'], 'filelog/plane');
  const operators = asArray(filelog.operators, 'operators').map((o) => asRecord(o, 'operator'));
  assert.deepEqual(
    operators.map((o) => o.type),
    ['container', 'json_parser'],
  );
  const parser = operators[1] ?? {};
  const trace = asRecord(parser.trace, 'trace');
  assert.equal(asRecord(trace.trace_id, 'trace_id').parse_from, 'attributes.trace_id');
  assert.equal(asRecord(trace.span_id, 'span_id').parse_from, 'attributes.span_id');
  // The guard expression (expr's `matches`, RE2) as a JavaScript regex: it picks the plane's lines.
  const guard =
    /body matches "(.*)"$/.exec(String(parser.if))?.[1]?.replaceAll('\\\\', '\\').replaceAll('\\"', '"') ?? '';
  const planeLine =
    '{"level":"info","time":"2026-11-25T08:40:58.701Z","service":"lumay-plane","correlation_id":"711cbe28-1c26-4272-84e9-be1c98473e35","tenant":"acme","msg":"request completed"}';
  assert.ok(new RegExp(guard).test(planeLine), `guard ${guard} misses a plane line`);
  assert.ok(!new RegExp(guard).test('LuMay measurement plane is running (data: /data)'));
  const grouped = asArray(
    asRecord(section(collector, 'processors')['groupbyattrs/plane'], 'groupbyattrs').keys,
    'keys',
  );
  const loki = asRecord(readYaml('loki', 'loki.yaml'), 'loki');
  const otlp = asRecord(
    asRecord(section(loki, 'limits_config').otlp_config, 'otlp_config').resource_attributes,
    'resource_attributes',
  );
  assert.equal(otlp.ignore_defaults, true);
  const indexed = asArray(otlp.attributes_config, 'attributes_config').map((a) => asRecord(a, 'attributes_config'));
  assert.deepEqual(
    indexed.map((a) => [a.action, a.attributes]),
    [['index_label', ['service', 'tenant']]],
  );
  assert.deepEqual([...grouped].sort(), ['service', 'tenant']);
});

test('Loki keeps structured metadata (schema v13 on TSDB) and enforces retention', () => {
  const loki = asRecord(readYaml('loki', 'loki.yaml'), 'loki');
  const limits = section(loki, 'limits_config');
  assert.equal(limits.allow_structured_metadata, true);
  const [schema] = asArray(section(loki, 'schema_config').configs, 'configs').map((c) => asRecord(c, 'schema'));
  assert.deepEqual([schema?.store, schema?.schema], ['tsdb', 'v13']);
  assert.equal(section(loki, 'compactor').retention_enabled, true);
  assert.match(String(limits.retention_period), /^\d+h$/);
  assert.equal(asRecord(section(loki, 'server'), 'server').http_listen_port, 3100);
});

test("Tempo receives OTLP where the Collector sends it, serves Grafana's port, and remote-writes span metrics to Prometheus", () => {
  const tempo = asRecord(readYaml('tempo', 'tempo.yaml'), 'tempo');
  const grpc = asRecord(
    asRecord(
      asRecord(asRecord(section(tempo, 'distributor').receivers, 'receivers').otlp, 'otlp').protocols,
      'protocols',
    ).grpc,
    'grpc',
  );
  assert.equal(grpc.endpoint, '0.0.0.0:4317');
  assert.equal(section(tempo, 'server').http_listen_port, 3200);
  const remoteWrite = asArray(
    asRecord(section(section(tempo, 'metrics_generator'), 'storage'), 'storage').remote_write,
    'remote_write',
  );
  assert.deepEqual(
    remoteWrite.map((r) => [asRecord(r, 'rw').url, asRecord(r, 'rw').send_exemplars]),
    [['http://prometheus:9090/api/v1/write', true]],
  );
  const processors = asArray(
    asRecord(asRecord(section(tempo, 'overrides').defaults, 'defaults').metrics_generator, 'mg').processors,
    'processors',
  );
  assert.deepEqual(processors, ['service-graphs', 'span-metrics']);
  assert.equal(asRecord(asRecord(section(tempo, 'storage').trace, 'trace'), 'trace').backend, 'local');
});
