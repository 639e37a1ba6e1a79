import { Session } from 'node:inspector/promises';
import { fileURLToPath } from 'node:url';

/** The subset of V8's CPU profile (the `.cpuprofile` format of `node --cpu-prof`) read here. */
export interface CpuProfile {
  nodes: {
    id: number;
    hitCount?: number;
    children?: number[];
    callFrame: { functionName: string; url: string; lineNumber: number };
  }[];
  samples?: number[];
}

export interface ProfileLine {
  name: string;
  /** Share of the main thread's samples spent in it (self time). */
  share: number;
}

/**
 * Starts V8's sampling profiler on this thread (what `node --cpu-prof` runs, limited to the
 * window of interest). Only the JavaScript thread is sampled: DuckDB's own threads and the zlib
 * thread pool do not appear, though the time the main thread waits in a synchronous native call does.
 */
export async function startCpuProfile(): Promise<() => Promise<CpuProfile>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    session.disconnect();
    return profile;
  };
}

const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

function where(url: string, line: number): string {
  if (url === '') return '';
  const path = url.startsWith('file://') ? fileURLToPath(url).replace(REPO_ROOT, '') : url;
  return `${path}:${line + 1}`;
}

/** Which part of the system a frame belongs to, so the profile reads as "where time goes". */
export function areaOf(functionName: string, url: string, callerUrl = ''): string {
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(idle)') return 'idle (waiting for I/O or DuckDB)';
  if (url === '' && callerUrl.includes('@duckdb')) return 'DuckDB native calls on the main thread (appender)';
  if (url === '') return 'native, outside JS (V8, libuv, other bindings)';
  if (url.includes('/dist/ingest/otlp/')) return 'OTLP decoding (ours)';
  if (url.includes('/dist/ingest/')) return 'ingest HTTP + pipeline (ours)';
  if (url.includes('/dist/sessions/') || url.includes('/dist/cost/')) return 'call assembly + session build (ours)';
  if (url.includes('/dist/store/')) return 'store: row building + SQL (ours)';
  if (url.includes('@duckdb')) return 'DuckDB node-api (JS side)';
  if (/fastify|find-my-way|avvio|light-my-request|fast-json-stringify|ajv/.test(url)) return 'Fastify';
  if (url.includes('pino')) return 'logging';
  if (url.startsWith('node:')) return 'Node core (http, net, streams, zlib)';
  return 'other';
}

function selfHits(profile: CpuProfile): Map<number, number> {
  const hits = new Map<number, number>();
  if (profile.samples) for (const id of profile.samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  else for (const node of profile.nodes) hits.set(node.id, node.hitCount ?? 0);
  return hits;
}

type ProfileNode = CpuProfile['nodes'][number];

function label(node: ProfileNode, caller: ProfileNode | undefined): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const name = `${functionName || '(anonymous)'} ${where(url, lineNumber)}`.trim();
  // A binding's native function shows as "(anonymous)" without a location: name it by its caller.
  if (url === '' && (functionName === '' || functionName === '(anonymous)') && caller) {
    return `native code called by ${label(caller, undefined)}`;
  }
  return name;
}

/** Self time by frame and by area, largest first; areas under half a per cent are left out. */
export function summarizeProfile(profile: CpuProfile, topFrames = 15): { frames: ProfileLine[]; areas: ProfileLine[] } {
  const hits = selfHits(profile);
  const total = [...hits.values()].reduce((a, b) => a + b, 0) || 1;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const callerOf = new Map<number, ProfileNode>();
  for (const node of profile.nodes) for (const child of node.children ?? []) callerOf.set(child, node);
  const frames = new Map<string, number>();
  const areas = new Map<string, number>();
  for (const [id, n] of hits) {
    const node = byId.get(id);
    if (!node || n === 0) continue;
    const caller = callerOf.get(id);
    const name = label(node, caller);
    frames.set(name, (frames.get(name) ?? 0) + n);
    const area = areaOf(node.callFrame.functionName, node.callFrame.url, caller?.callFrame.url);
    areas.set(area, (areas.get(area) ?? 0) + n);
  }
  const ranked = (m: Map<string, number>): ProfileLine[] =>
    [...m.entries()].sort((a, b) => b[1] - a[1]).map(([name, n]) => ({ name, share: n / total }));
  return { frames: ranked(frames).slice(0, topFrames), areas: ranked(areas).filter((a) => a.share >= 0.005) };
}
