import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** What packages/telemetry's span-overhead benchmark prints with --json. */
export interface SdkOverheadFigure {
  calls: number;
  rounds: number;
  spansPerCall: number;
  bareNsPerSpan: number;
  sdkNsPerSpan: number;
  overheadNsPerSpan: number;
  ratio: number;
}

// The SDK is another package that the plane must not import; its benchmark runs as a process of
// its own (which also keeps its heap and JIT state apart from the plane's figures).
const SCRIPT = fileURLToPath(new URL('../../../telemetry/dist/bench/span-overhead-bench.js', import.meta.url));

/** Per-span cost of @lumay/telemetry against the bare OpenTelemetry SDK, or null when it is not built. */
export function measureSdkOverhead(): SdkOverheadFigure | null {
  if (!existsSync(SCRIPT)) return null;
  const run = spawnSync(process.execPath, [SCRIPT, '--json'], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (run.status !== 0) throw new Error(`SDK overhead benchmark failed: ${run.stderr}`);
  const line = run.stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as SdkOverheadFigure;
}
