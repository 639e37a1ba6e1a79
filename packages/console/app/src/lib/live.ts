import { useEffect, useState } from 'preact/hooks';
import { loadSession } from './session.js';

/*
 * The plane's live stream (GET /api/v1/stream, server-sent events) read with fetch(): EventSource
 * cannot send an Authorization header, and keys never go in URLs. Pages subscribe to a counter
 * that moves when KPIs changed, throttled so a burst of calls costs one refetch.
 */

export interface LiveCall {
  callId: string;
  outcome: string;
  agentId: string;
  agentVersion: string;
  durationMs: number;
  totalCostUsd: number;
  start: string;
}

type Status = 'connecting' | 'live' | 'offline';

let tick = 0;
let status: Status = 'connecting';
let recent: LiveCall[] = [];
const listeners = new Set<() => void>();
let controller: AbortController | null = null;
let pending: ReturnType<typeof setTimeout> | null = null;
const THROTTLE_MS = 1500;

function emit(): void {
  for (const l of listeners) l();
}

function onFrame(event: string, data: string): void {
  if (event === 'call.completed') {
    const call = JSON.parse(data) as LiveCall;
    recent = [call, ...recent.filter((c) => c.callId !== call.callId)].slice(0, 8);
  } else if (event === 'kpis.changed' && pending === null) {
    pending = setTimeout(() => {
      pending = null;
      tick++;
      emit();
    }, THROTTLE_MS);
  }
}

async function run(signal: AbortSignal): Promise<void> {
  for (let attempt = 0; !signal.aborted; attempt++) {
    const session = loadSession();
    if (!session) return;
    try {
      const q = session.tenant ? `?tenant=${encodeURIComponent(session.tenant)}` : '';
      const res = await fetch(`/api/v1/stream${q}`, { headers: { authorization: `Bearer ${session.key}` }, signal });
      if (!res.ok || !res.body) throw new Error(`stream ${res.status}`);
      status = 'live';
      attempt = 0;
      emit();
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          let data = '';
          for (const line of frame.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data += line.slice(5).trim();
          }
          if (data) onFrame(event, data);
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    status = 'offline';
    emit();
    // Back off up to 30 s so a stopped plane is not hammered.
    await new Promise((r) => setTimeout(r, Math.min(30_000, 1000 * 2 ** attempt)));
  }
}

/** (Re)connects the stream for the current session. */
export function startLive(): void {
  controller?.abort();
  controller = new AbortController();
  status = 'connecting';
  recent = [];
  void run(controller.signal);
}

export function stopLive(): void {
  controller?.abort();
  controller = null;
}

export function useLive(): { tick: number; status: Status; recent: LiveCall[] } {
  const [, setN] = useState(0);
  useEffect(() => {
    const l = (): void => setN((n) => n + 1);
    listeners.add(l);
    return () => void listeners.delete(l);
  }, []);
  return { tick, status, recent };
}
