import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { test } from 'node:test';
import { parse } from 'yaml';
import {
  asArray,
  asRecord,
  deployPath,
  listDeployFiles,
  readYaml,
  readYamlDocuments,
} from '../support/deploy-files.js';

interface Manifest {
  file: string;
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string | undefined;
  body: Record<string, unknown>;
}

// The apiVersion each kind is served under in current Kubernetes (and KEDA): a typo or a removed
// version (autoscaling/v2beta2, say) fails here rather than at `kubectl apply`.
const API_VERSIONS: Record<string, string> = {
  Namespace: 'v1',
  Service: 'v1',
  ConfigMap: 'v1',
  PersistentVolumeClaim: 'v1',
  Deployment: 'apps/v1',
  DaemonSet: 'apps/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
  ScaledObject: 'keda.sh/v1alpha1',
};

function manifests(): Manifest[] {
  return listDeployFiles('k8s', '.yaml')
    .filter((file) => file !== 'kustomization.yaml')
    .flatMap((file) =>
      readYamlDocuments('k8s', file).map((doc) => {
        const body = asRecord(doc, file);
        const metadata = asRecord(body.metadata, `${file} metadata`);
        return {
          file,
          apiVersion: String(body.apiVersion),
          kind: String(body.kind),
          name: String(metadata.name),
          namespace: metadata.namespace as string | undefined,
          body,
        };
      }),
    );
}

function byKind(kind: string): Manifest[] {
  return manifests().filter((m) => m.kind === kind);
}

test('every manifest has a known kind at its served apiVersion, a DNS-1123 name, and the lumay namespace', () => {
  for (const m of manifests()) {
    assert.equal(m.apiVersion, API_VERSIONS[m.kind], `${m.file}: ${m.kind} ${m.name}`);
    assert.match(m.name, /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, `${m.file}: name`);
    if (m.kind !== 'Namespace') assert.equal(m.namespace, 'lumay', `${m.file}: ${m.kind} ${m.name}`);
  }
});

test("each Deployment's and DaemonSet's selector matches its pod template, and each Service selects a Deployment's pods on declared ports", () => {
  const deployments = [...byKind('Deployment'), ...byKind('DaemonSet')];
  assert.deepEqual(deployments.map((d) => d.name).sort(), ['lumay-log-agent', 'lumay-otel-collector', 'lumay-plane']);
  const podLabels = deployments.map((d) => {
    const spec = asRecord(d.body.spec, d.name);
    const selector = asRecord(asRecord(spec.selector, d.name).matchLabels, d.name);
    const template = asRecord(spec.template, d.name);
    const labels = asRecord(asRecord(template.metadata, d.name).labels, d.name);
    for (const [key, value] of Object.entries(selector)) assert.equal(labels[key], value, `${d.name}: selector ${key}`);
    const containers = asArray(asRecord(template.spec, d.name).containers, d.name).map((c) => asRecord(c, d.name));
    const portNames = containers.flatMap((c) =>
      asArray(c.ports ?? [], d.name).map((p) => String(asRecord(p, d.name).name)),
    );
    return { labels, portNames };
  });
  for (const service of byKind('Service')) {
    const spec = asRecord(service.body.spec, service.name);
    const selector = asRecord(spec.selector, service.name);
    const target = podLabels.find((p) => Object.entries(selector).every(([k, v]) => p.labels[k] === v));
    assert.ok(target, `Service ${service.name} selects no Deployment's pods`);
    for (const port of asArray(spec.ports, service.name).map((p) => asRecord(p, service.name))) {
      assert.ok(
        target.portNames.includes(String(port.targetPort)),
        `Service ${service.name}: targetPort ${String(port.targetPort)}`,
      );
    }
  }
});

test('the plane runs as one replica with Recreate (one DuckDB writer) on a claimed volume, with probes on its health routes', () => {
  const [plane] = byKind('Deployment').filter((d) => d.name === 'lumay-plane');
  const spec = asRecord(plane?.body.spec, 'plane');
  assert.equal(spec.replicas, 1);
  assert.deepEqual(spec.strategy, { type: 'Recreate' });
  const pod = asRecord(asRecord(spec.template, 'plane').spec, 'plane');
  const claim = asRecord(asRecord(asArray(pod.volumes, 'volumes')[0], 'volume').persistentVolumeClaim, 'claim');
  assert.ok(byKind('PersistentVolumeClaim').some((p) => p.name === claim.claimName));
  const container = asRecord(asArray(pod.containers, 'containers')[0], 'container');
  assert.equal(asRecord(asRecord(container.readinessProbe, 'readiness').httpGet, 'readiness').path, '/readyz');
  assert.equal(asRecord(asRecord(container.livenessProbe, 'liveness').httpGet, 'liveness').path, '/healthz');
});

test('engines autoscale on lumay_engine_active_calls, served to the HPA by the Prometheus adapter (or KEDA)', () => {
  const [hpa] = byKind('HorizontalPodAutoscaler');
  const spec = asRecord(hpa?.body.spec, 'hpa');
  const metric = asRecord(asArray(spec.metrics, 'metrics')[0], 'metric');
  assert.equal(metric.type, 'Pods');
  assert.equal(asRecord(asRecord(metric.pods, 'pods').metric, 'metric').name, 'lumay_engine_active_calls');
  assert.ok(Number(spec.minReplicas) >= 1 && Number(spec.maxReplicas) > Number(spec.minReplicas));
  // The adapter rule exposes exactly that name, from the engines' series with pod and namespace.
  const [adapter] = byKind('ConfigMap').filter((c) => c.name === 'lumay-prometheus-adapter');
  const rules = asArray(
    asRecord(parse(String(asRecord(adapter?.body.data, 'adapter')['config.yaml'])), 'adapter config').rules,
    'rules',
  );
  const rule = asRecord(rules[0], 'rule');
  assert.match(String(rule.seriesQuery), /^lumay_engine_active_calls\{namespace!="",pod!=""\}$/);
  assert.equal(asRecord(rule.name, 'rule name').as, 'lumay_engine_active_calls');
  // The scrape config attaches namespace and pod, which the adapter maps to objects.
  const prometheusConfig = String(
    asRecord(byKind('ConfigMap').find((c) => c.name === 'lumay-prometheus')?.body.data, 'prometheus')['prometheus.yml'],
  );
  assert.match(prometheusConfig, /target_label: namespace[\s\S]*target_label: pod/);
  const [keda] = byKind('ScaledObject');
  const trigger = asRecord(asArray(asRecord(keda?.body.spec, 'keda').triggers, 'triggers')[0], 'trigger');
  assert.match(String(asRecord(trigger.metadata, 'trigger').query), /lumay_engine_active_calls/);
});

test('the kustomization lists every manifest but KEDA, and every file it generates ConfigMaps from exists', () => {
  const kustomization = asRecord(readYaml('k8s', 'kustomization.yaml'), 'kustomization');
  const expected = listDeployFiles('k8s', '.yaml').filter(
    (f) => f !== 'kustomization.yaml' && f !== 'keda-scaledobject.yaml',
  );
  assert.deepEqual(asArray(kustomization.resources, 'resources').map(String).sort(), expected);
  const files = asArray(kustomization.configMapGenerator, 'generator').flatMap((g) =>
    asArray(asRecord(g, 'generator').files, 'files').map(String),
  );
  assert.ok(files.length >= 9);
  for (const entry of files) {
    const path = entry.includes('=') ? (entry.split('=')[1] ?? '') : entry;
    assert.ok(existsSync(deployPath('k8s', path)), `kustomization names a missing file: ${entry}`);
  }
});
