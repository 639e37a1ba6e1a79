import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { ChildLines, stopChild } from './child-process-lines.js';
import { asArray, asRecord, deployPath, readYaml } from './deploy-files.js';
import { freePort } from '@lumay/test-support';

export interface ScrapeTarget {
  /** host:port */
  address: string;
  /** Target labels to set (they replace the shipped ones, as an operator's edit would). */
  labels?: Record<string, string>;
}

export interface RunningPrometheus {
  baseUrl: string;
  output: ChildLines;
  query(expr: string): Promise<PromVector>;
  labelValues(label: string, match: string): Promise<string[]>;
  stop(): Promise<void>;
}

export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}
export type PromVector = PromSample[];

/**
 * The shipped deploy/prometheus/prometheus.yml made fit for a test: its scrape jobs and rule files
 * kept, intervals cut to one second, and each job's targets pointed at the processes the test
 * started (`targets` by job name). A job of the shipped file without a target is an error: the test
 * must exercise every job.
 */
export function testPrometheusConfig(targets: Record<string, ScrapeTarget>): string {
  const config = asRecord(readYaml('prometheus/prometheus.yml'), 'prometheus.yml');
  config.global = { ...asRecord(config.global, 'global'), scrape_interval: '1s', evaluation_interval: '1s' };
  config.rule_files = asArray(config.rule_files, 'rule_files').map((glob) => deployPath('prometheus', String(glob)));
  config.scrape_configs = asArray(config.scrape_configs, 'scrape_configs').map((raw) => {
    const job = asRecord(raw, 'scrape_config');
    const name = String(job.job_name);
    const target = targets[name];
    if (target === undefined) throw new Error(`no test target for the shipped scrape job ${name}`);
    const shippedLabels = asRecord(
      asRecord(asArray(job.static_configs, `${name} static_configs`)[0] ?? {}, name).labels ?? {},
      name,
    );
    return {
      ...job,
      scrape_timeout: '1s',
      static_configs: [{ targets: [target.address], labels: { ...shippedLabels, ...target.labels } }],
    };
  });
  return stringify(config);
}

/** Debian's `prometheus` on a free loopback port, its TSDB in a temporary directory. */
export async function startPrometheus(configYaml: string): Promise<RunningPrometheus> {
  const dir = mkdtempSync(join(tmpdir(), 'lumay-stack-prometheus-'));
  const configPath = join(dir, 'prometheus.yml');
  writeFileSync(configPath, configYaml);
  const port = await freePort();
  const child = spawn(
    'prometheus',
    [
      `--config.file=${configPath}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--log.level=warn',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = new ChildLines(child);
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`prometheus exited (${child.exitCode}):\n${output.tail()}`);
    }
    const ready = await fetch(`${baseUrl}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`prometheus not ready after 30 s:\n${output.tail()}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    baseUrl,
    output,
    stop,
    async query(expr) {
      const response = await fetch(`${baseUrl}/api/v1/query?${new URLSearchParams({ query: expr }).toString()}`);
      const body = (await response.json()) as {
        status: string;
        error?: string;
        data?: { resultType: string; result: PromVector };
      };
      if (body.status !== 'success' || body.data === undefined)
        throw new Error(`query failed (${body.error ?? response.status}): ${expr}`);
      if (body.data.resultType !== 'vector')
        throw new Error(`expected an instant vector, got ${body.data.resultType}: ${expr}`);
      return body.data.result;
    },
    async labelValues(label, match) {
      const response = await fetch(
        `${baseUrl}/api/v1/label/${label}/values?${new URLSearchParams({ 'match[]': match }).toString()}`,
      );
      const body = (await response.json()) as { status: string; data: string[] };
      return body.data;
    },
  };
}
