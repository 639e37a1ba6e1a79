import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { asRecord, deployPath, listDeployFiles, readYamlDocuments } from '../support/deploy-files.js';
import { parse, stringify } from 'yaml';
import { requireTool } from '@lumay/test-support';

function promtool(args: string[], cwd = deployPath('prometheus')): { status: number | null; output: string } {
  const result = spawnSync('promtool', args, { cwd, encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

test('promtool check config passes on the compose Prometheus configuration and loads every rule file', (t) => {
  if (!requireTool(t, 'promtool', 'apt-get install -y prometheus')) return;
  const { status, output } = promtool(['check', 'config', 'prometheus.yml']);
  assert.equal(status, 0, output);
  for (const file of listDeployFiles('prometheus/rules', '.yml'))
    assert.match(output, new RegExp(`Checking rules/${file}\\s+SUCCESS`), output);
});

test("promtool check config passes on the Kubernetes ConfigMap's configuration", (t) => {
  if (!requireTool(t, 'promtool', 'apt-get install -y prometheus')) return;
  const [configMap] = readYamlDocuments('k8s', 'prometheus-config.yaml');
  const config = String(asRecord(asRecord(configMap, 'ConfigMap').data, 'data')['prometheus.yml']);
  const dir = mkdtempSync(join(tmpdir(), 'lumay-k8s-prometheus-'));
  try {
    // The rule files are mounted from deploy/prometheus/rules in the cluster. Debian builds
    // Prometheus without Kubernetes discovery, so kubernetes_sd_configs become a static target
    // here; everything else (relabelling regexes, rule files) is checked as shipped.
    const parsed = asRecord(parse(config), 'prometheus.yml');
    parsed.rule_files = [deployPath('prometheus/rules/*.yml')];
    const jobs = parsed.scrape_configs as Record<string, unknown>[];
    for (const job of jobs) {
      assert.ok(Array.isArray(job.kubernetes_sd_configs), `${String(job.job_name)} discovers pods`);
      delete job.kubernetes_sd_configs;
      job.static_configs = [{ targets: ['127.0.0.1:9'] }];
    }
    writeFileSync(join(dir, 'prometheus.yml'), stringify(parsed));
    const { status, output } = promtool(['check', 'config', 'prometheus.yml'], dir);
    assert.equal(status, 0, output);
    assert.match(output, /SUCCESS: 3 rule files found/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('promtool check rules passes on every rule file', (t) => {
  if (!requireTool(t, 'promtool', 'apt-get install -y prometheus')) return;
  const files = listDeployFiles('prometheus/rules', '.yml');
  assert.deepEqual(files, ['lumay-alerts.yml', 'lumay-budgets.yml', 'lumay-recording.yml']);
  const { status, output } = promtool(['check', 'rules', ...files.map((f) => `rules/${f}`)]);
  assert.equal(status, 0, output);
});

test('promtool test rules: every alert fires on its incident and stays quiet otherwise', (t) => {
  if (!requireTool(t, 'promtool', 'apt-get install -y prometheus')) return;
  const { status, output } = promtool([
    'test',
    'rules',
    ...listDeployFiles('prometheus/tests', '.test.yml').map((f) => `tests/${f}`),
  ]);
  assert.equal(status, 0, output);
  assert.match(output, /SUCCESS/);
});

test('every alert has a promtool unit test that expects it to fire', () => {
  const alerts = readYamlDocuments('prometheus', 'rules', 'lumay-alerts.yml').flatMap((doc) =>
    (asRecord(doc, 'alerts').groups as { rules: { alert: string }[] }[]).flatMap((g) => g.rules.map((r) => r.alert)),
  );
  const firing = new Set(
    listDeployFiles('prometheus/tests', '.test.yml').flatMap((file) =>
      readYamlDocuments('prometheus', 'tests', file).flatMap((doc) =>
        (asRecord(doc, file).tests as { alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[]).flatMap(
          (c) => (c.alert_rule_test ?? []).filter((a) => a.exp_alerts.length > 0).map((a) => a.alertname),
        ),
      ),
    ),
  );
  assert.ok(alerts.length >= 7);
  assert.deepEqual(
    alerts.filter((a) => !firing.has(a)),
    [],
  );
});
