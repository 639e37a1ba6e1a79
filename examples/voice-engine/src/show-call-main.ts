#!/usr/bin/env node
/**
 * `node examples/voice-engine/dist/show-call-main.js --plane URL --key KEY CALL_SID`: prints one
 * call's waterfall as the plane stored it (GET /api/v1/calls/:id): a line per span, indented under
 * its parent, with its stage, start offset and duration, and the session's outcome and bottleneck.
 */
import { parseArgs } from 'node:util';

interface Row {
  name: string;
  stage: string | null;
  depth: number;
  offsetMs: number;
  durationMs: number;
  status: string;
  bottleneck: boolean;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { plane: { type: 'string', default: 'http://127.0.0.1:4318' }, key: { type: 'string', default: process.env.LUMAY_API_KEY } },
  });
  const [callId] = positionals;
  if (callId === undefined || values.key === undefined) throw new Error('show-call --plane URL --key KEY CALL_SID (or a trace id); the key may come from LUMAY_API_KEY');
  const response = await fetch(`${values.plane.replace(/\/+$/, '')}/api/v1/calls/${encodeURIComponent(callId)}`, { headers: { authorization: `Bearer ${values.key}` } });
  if (!response.ok) throw new Error(`the plane answered ${response.status}: ${await response.text()}`);
  const detail = (await response.json()) as { session: Record<string, unknown>; waterfall: Row[] };
  const { session } = detail;
  console.log(`call ${String(session.callId)}  trace ${String(session.traceId)}  ${String(session.outcome)}  ${Number(session.durationMs).toFixed(0)} ms  bottleneck ${String(session.bottleneckStage)}`);
  for (const row of detail.waterfall) {
    const label = `${'  '.repeat(row.depth)}${row.name}`;
    const marks = `${row.status === 'error' ? ' ERROR' : ''}${row.bottleneck ? ' ← bottleneck' : ''}`;
    console.log(`${label.padEnd(58)} ${(row.stage ?? '').padEnd(10)} +${row.offsetMs.toFixed(0).padStart(6)} ms ${row.durationMs.toFixed(1).padStart(8)} ms${marks}`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
