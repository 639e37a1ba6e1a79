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
  /** Share of the thread's samples spent in it (self time). */
  share: number;
}

/** One thread's profile: `main`, or the worker's name (the plane names its ingest worker). */
export interface ThreadProfile {
  thread: string;
  profile: CpuProfile;
}

interface WorkerMessage {
  id?: number;
  result?: unknown;
  error?: { message: string };
}

/**
 * Starts V8's sampling profiler (what `node --cpu-prof` runs, limited to the window of interest)
 * on this thread and on every worker thread running now, each reached through the inspector's
 * NodeWorker domain. Only JavaScript threads are sampled: DuckDB's own threads and the zlib thread
 * pool do not appear, though the time a thread waits in a synchronous native call does.
 */
export async function startCpuProfiles(): Promise<() => Promise<ThreadProfile[]>> {
  const session = new Session();
  session.connect();
  const workers: { sessionId: string; title: string }[] = [];
  session.on('NodeWorker.attachedToWorker', (m) => {
    const { sessionId, workerInfo } = m.params as { sessionId: string; workerInfo: { title: string } };
    workers.push({ sessionId, title: workerInfo.title });
  });
  let nextId = 0;
  const waiting = new Map<number, (message: WorkerMessage) => void>();
  session.on('NodeWorker.receivedMessageFromWorker', (m) => {
    const message = JSON.parse((m.params as { message: string }).message) as WorkerMessage;
    if (message.id === undefined) return;
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });
  const inWorker = async (sessionId: string, method: string): Promise<unknown> => {
    const id = ++nextId;
    const answered = new Promise<WorkerMessage>((resolve) => waiting.set(id, resolve));
    await session.post('NodeWorker.sendMessageToWorker', { sessionId, message: JSON.stringify({ id, method }) });
    const message = await answered;
    if (message.error) throw new Error(`${method} in a worker: ${message.error.message}`);
    return message.result;
  };
  // Running workers are reported as soon as the domain is enabled.
  await session.post('NodeWorker.enable', { waitForDebuggerOnStart: false });
  await new Promise((resolve) => setTimeout(resolve, 50));
  for (const w of workers) {
    await inWorker(w.sessionId, 'Profiler.enable');
    await inWorker(w.sessionId, 'Profiler.start');
  }
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return async () => {
    const { profile } = (await session.post('Profiler.stop')) as { profile: CpuProfile };
    const out: ThreadProfile[] = [{ thread: 'main', profile }];
    for (const w of workers) {
      const stopped = (await inWorker(w.sessionId, 'Profiler.stop')) as { profile: CpuProfile };
      out.push({ thread: w.title, profile: stopped.profile });
    }
    session.disconnect();
    return out;
  };
}

/** Where a thread's profile is written: the run's path prefix and the thread, for Chrome DevTools. */
export function profileFileOf(prefix: string, thread: string): string {
  const slug = thread.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
  return `${prefix}-${slug}.cpuprofile`;
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
