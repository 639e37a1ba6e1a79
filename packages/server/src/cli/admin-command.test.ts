import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('./main.js', import.meta.url));

async function lumay(dataDir: string, ...args: string[]): Promise<{ code: number; out: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [cli, ...args], { env: { ...process.env, LUMAY_DATA_DIR: dataDir } });
    return { code: 0, out: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe('lumay tenant and key commands', () => {
  it('create a tenant, issue, list and revoke a key, and refuse bad input with a reason', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lumay-cli-'));
    try {
      assert.deepEqual(await lumay(dataDir, 'tenant', 'create', 'acme', '--name', 'Acme Support', '--human-cost', '6.5'), { code: 0, out: 'created tenant acme\n' });
      const list = await lumay(dataDir, 'tenant', 'list');
      assert.match(list.out, /^acme\tAcme Support\thuman cost per call: 6\.5$/m);

      const created = await lumay(dataDir, 'key', 'create', 'acme', '--scopes', 'ingest,read');
      assert.equal(created.code, 0);
      const id = /key (lmk_\S+) \(ingest,read\)/.exec(created.out)?.[1];
      const secret = /^(lmk_\S{40,})$/m.exec(created.out)?.[1];
      assert.ok(id && secret, created.out);
      assert.match((await lumay(dataDir, 'key', 'list', 'acme')).out, new RegExp(`^${id}\\tingest,read\\t\\tactive$`, 'm'));
      assert.equal((await lumay(dataDir, 'key', 'revoke', 'acme', id)).code, 0);
      assert.match((await lumay(dataDir, 'key', 'list', 'acme')).out, /\trevoked$/m);
      assert.doesNotMatch((await lumay(dataDir, 'key', 'list', 'acme')).out, new RegExp(secret), 'secrets are never listed');

      const bad: [string[], RegExp][] = [
        [['tenant', 'create', 'Bad Id!'], /tenant id "Bad Id!" must be/],
        [['tenant', 'create', 'acme'], /already exists/],
        [['key', 'create', 'nobody'], /no tenant "nobody"/],
        [['key', 'create', 'acme', '--scopes', 'write'], /unknown scope "write"/],
        [['frobnicate'], /unknown command/],
      ];
      for (const [args, message] of bad) {
        const result = await lumay(dataDir, ...args);
        assert.notEqual(result.code, 0, args.join(' '));
        assert.match(result.out, message, args.join(' '));
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
