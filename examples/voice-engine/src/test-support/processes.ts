import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { freePort } from '@lumay/test-support';
export { freePort };

/** The repository root, from this file's place in examples/voice-engine/dist/test-support. */
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** The `lumay` command: packages/cli when built, else the plane's own command line. */
export function lumayCommand(): string {
  const cli = `${ROOT}packages/cli/dist/main.js`;
  return existsSync(cli) ? cli : `${ROOT}packages/server/dist/cli/main.js`;
}

export function runLumay(env: NodeJS.ProcessEnv, ...args: string[]): string {
  const result = spawnSync(process.execPath, [lumayCommand(), ...args], { env, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`lumay ${args.join(' ')} failed: ${result.stdout}${result.stderr}`);
  return result.stdout;
}

/** `lumay serve` in its own process, ready once /readyz answers. */
export async function startPlane(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, [lumayCommand(), 'serve'], { env: { ...env, LUMAY_HTTP_PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const url = `http://127.0.0.1:${port}`;
  for (let attempt = 0; attempt < 300 && child.exitCode === null; attempt++) {
    if (await fetch(`${url}/readyz`).then((r) => r.ok, () => false)) return { child, url };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`lumay serve did not become ready on ${url}`);
}

/** The engine (dist/main.js) in its own process; ready when it prints its URLs. */
export async function startEngineProcess(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const main = fileURLToPath(new URL('../main.js', import.meta.url));
  const child = spawn(process.execPath, [main], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`the engine exited with ${String(code)} before listening`)));
  });
  lines.close();
  child.stdout.resume();
  return { child, url: (JSON.parse(first) as { url: string }).url };
}

/**
 * SIGTERM, then wait for the exit (the engine drains its calls and flushes its spans). A process
 * still alive 20 s later is killed and reported: a graceful shutdown that hangs is a bug.
 */
export async function stop(child: ChildProcess, name: string): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const hung = await Promise.race([exited.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), 20_000)))]);
  clearTimeout(timer);
  if (!hung) return;
  child.kill('SIGKILL');
  await exited;
  throw new Error(`${name} did not exit within 20 s of SIGTERM`);
}
