import { randomBytes } from 'node:crypto';
import type { ScenarioName } from './conversation/scenarios.js';

export interface PlaceCallsOptions {
  /** The engine's base URL (its webhooks and Management API). */
  engineUrl: string;
  calls: number;
  /** Calls in progress at once. */
  concurrency: number;
  /** Force one scenario; default the engine's own mix. */
  scenario?: ScenarioName;
  /** Share of calls placed as outbound attempts (campaign dialling). */
  outboundShare: number;
  /** Of the outbound attempts, the share nobody picks up (Twilio posts only a `no-answer` status). */
  noAnswerShare: number;
  /** Give up waiting for a call to finish after this long. */
  timeoutMillis: number;
}

export interface PlacedCall {
  callSid: string;
  direction: 'inbound' | 'outbound';
  /** The engine's record once the call completed (GET /api/calls/:sid). */
  record: Record<string, unknown>;
}

/** Twilio's CallSid shape: "CA" and 32 hex digits. */
export function newCallSid(): string {
  return `CA${randomBytes(16).toString('hex')}`;
}

function phoneNumber(): string {
  return `+1555${String(randomBytes(4).readUInt32BE(0) % 10_000_000).padStart(7, '0')}`;
}

async function postForm(url: string, fields: Record<string, string>): Promise<Response> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  if (!response.ok) throw new Error(`POST ${url} answered ${response.status}: ${await response.text()}`);
  return response;
}

/** Polls the Management API until the engine has recorded the call as completed. */
async function waitForCompletion(engineUrl: string, callSid: string, deadline: number): Promise<Record<string, unknown>> {
  for (;;) {
    const response = await fetch(`${engineUrl}/api/calls/${callSid}`);
    if (response.ok) {
      const record = (await response.json()) as Record<string, unknown>;
      if (record.status === 'completed') return record;
    }
    if (Date.now() > deadline) throw new Error(`call ${callSid} did not complete in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Places one call the way Twilio would: the voice webhook when the call connects (form-encoded,
 * with the fields Twilio sends), or only the status callback for an outbound attempt nobody
 * answered. Then waits until the engine has finished it.
 */
async function placeOne(options: PlaceCallsOptions, index: number): Promise<PlacedCall> {
  const callSid = newCallSid();
  const engineNumber = '+15550100000';
  const outbound = index < Math.round(options.calls * options.outboundShare);
  const base = { AccountSid: `AC${'0'.repeat(32)}`, ApiVersion: '2010-04-01', CallSid: callSid };
  const deadline = Date.now() + options.timeoutMillis;
  if (outbound) {
    const fields = { ...base, From: engineNumber, To: phoneNumber(), Direction: 'outbound-api' };
    const outboundCalls = Math.round(options.calls * options.outboundShare);
    if (index < Math.round(outboundCalls * options.noAnswerShare)) {
      await postForm(`${options.engineUrl}/twilio/status`, { ...fields, CallStatus: 'no-answer', CallDuration: '0' });
    } else {
      const query = options.scenario === undefined ? '' : `?scenario=${options.scenario}`;
      await postForm(`${options.engineUrl}/twilio/voice${query}`, { ...fields, CallStatus: 'in-progress', AnsweredBy: 'human' });
    }
    return { callSid, direction: 'outbound', record: await waitForCompletion(options.engineUrl, callSid, deadline) };
  }
  const query = options.scenario === undefined ? '' : `?scenario=${options.scenario}`;
  await postForm(`${options.engineUrl}/twilio/voice${query}`, { ...base, From: phoneNumber(), To: engineNumber, Direction: 'inbound', CallStatus: 'ringing' });
  return { callSid, direction: 'inbound', record: await waitForCompletion(options.engineUrl, callSid, deadline) };
}

/** Places `calls` calls, `concurrency` at a time, and returns them as the engine recorded them. */
export async function placeCalls(options: PlaceCallsOptions): Promise<PlacedCall[]> {
  const placed: PlacedCall[] = [];
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < options.calls) placed.push(await placeOne(options, next++));
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, options.calls)) }, lane));
  return placed;
}
