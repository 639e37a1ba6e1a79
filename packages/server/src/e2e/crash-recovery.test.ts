import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { newSpanId, newTraceId, otlpJsonBody, postJson } from './otlp-json-body.js';

const cli = fileURLToPath(new URL('../cli/main.js', import.meta.url));

interface Served {
  child: ChildProcess;
  httpUrl: string;
  ingestKey: string;
}

/** Runs `lumay serve` as its own process, as an operator would, and reads the URL and key it prints. */
async function serve(dataDir: string, graceSeconds: number): Promise<Served> {
  const child = spawn(process.execPath, [cli, 'serve'], {
    env: { ...process.env, LUMAY_DATA_DIR: dataDir, LUMAY_HTTP_PORT: '0', LUMAY_GRPC_PORT: '-1', LUMAY_GRACE_SECONDS: String(graceSeconds), LUMAY_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`plane did not start:\n${out}`)), 30_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const url = /REST API\s+(\S+)\/api\/v1\//.exec(out);
      const key = /ingest\+read key\s+(\S+)/.exec(out);
      if (url && key) {
        clearTimeout(timer);
        resolve({ child, httpUrl: url[1], ingestKey: key[1] });
      }
    });
    child.on('exit', (code) => reject(new Error(`plane exited with ${code}:\n${out}`)));
  });
}

function callBody(callId: string): string {
  const now = Date.now();
  const traceId = newTraceId();
  const rootId = newSpanId();
  return otlpJsonBody([
    { traceId, spanId: rootId, name: 'call', startMs: now - 30_000, endMs: now, attributes: { 'lumay.call.id': callId, 'lumay.call.outcome': 'resolved' } },
    { traceId, spanId: newSpanId(), parentSpanId: rootId, name: 'llm', startMs: now - 20_000, endMs: now - 19_000, attributes: { 'lumay.stage': 'llm' } },
  ]);
}

describe('crash safety', () => {
  it('kill -9 in the middle of a stream of exports loses nothing that was acknowledged', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lumay-crash-'));
    try {
      // A long grace keeps every call in flight, so recovery must come from the durable spans.
      const first = await serve(dataDir, 600);
      const acknowledged: string[] = [];
      let sent = 0;
      const sender = (async () => {
        for (let i = 0; i < 400; i++) {
          const id = `crash-${i}`;
          sent++;
          try {
            const res = await postJson(first.httpUrl, first.ingestKey, callBody(id));
            if (res.status === 200) acknowledged.push(id);
          } catch {
            return; // the connection died with the process
          }
        }
      })();
      while (acknowledged.length < 25) await new Promise((r) => setTimeout(r, 5));
      first.child.kill('SIGKILL');
      await sender;
      await new Promise((r) => first.child.exitCode !== null || first.child.signalCode !== null ? r(null) : first.child.once('exit', r));

      const second = await serve(dataDir, 0.2);
      try {
        const from = Date.now() - 3_600_000;
        const to = Date.now() + 3_600_000;
        let items: { callId: string }[] = [];
        for (let attempt = 0; attempt < 100; attempt++) {
          const res = await fetch(`${second.httpUrl}/api/v1/calls?from=${from}&to=${to}&limit=500`, { headers: { authorization: `Bearer ${second.ingestKey}` } });
          items = ((await res.json()) as { items: { callId: string }[] }).items;
          if (items.length >= acknowledged.length) break;
          await new Promise((r) => setTimeout(r, 100));
        }
        const stored = new Set(items.map((i) => i.callId));
        const lost = acknowledged.filter((id) => !stored.has(id));
        assert.deepEqual(lost, [], 'every acknowledged call survived');
        assert.equal(stored.size, items.length, 'no call is stored twice');
        assert.ok(items.length <= sent);
      } finally {
        second.child.kill('SIGTERM');
        await new Promise((r) => second.child.once('exit', r));
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
