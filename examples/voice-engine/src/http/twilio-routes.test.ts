import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { createTelemetry } from '@lumay/telemetry';
import Fastify, { type FastifyInstance } from 'fastify';
import pino from 'pino';
import { loadConfig } from '../config.js';
import type { EngineDeps } from '../conversation/engine-deps.js';
import { CallTracker } from './call-tracker.js';
import { acceptFormBodies } from './form-body.js';
import { registerTwilioRoutes } from './twilio-routes.js';

/**
 * The webhook edge's refusals, in-process (fastify.inject). These paths answer before any call
 * starts, so they need no database or broker; the accepted path runs in voice-engine.e2e.test.ts.
 */
function buildApp(exporter: InMemorySpanExporter): FastifyInstance {
  const telemetry = createTelemetry({ serviceName: 'test', exporter, simpleExport: true });
  const log = pino({ level: 'silent' });
  // Only `config` is read before a call starts; a refused webhook must touch nothing else.
  const deps = { config: loadConfig({}) } as EngineDeps;
  const app = Fastify();
  acceptFormBodies(app);
  registerTwilioRoutes(app, telemetry, deps, new CallTracker(log));
  return app;
}

const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
const headers = { 'content-type': 'application/x-www-form-urlencoded' };

describe('Twilio webhook routes', () => {
  const refused: [reason: string, url: string, body: Record<string, string>, status: number, message: RegExp][] = [
    ['a voice webhook without CallSid', '/twilio/voice', { From: '+15550001111' }, 400, /CallSid is required/],
    ['a CallSid with characters no platform uses', '/twilio/voice', { CallSid: 'CA 1; DROP' }, 400, /CallSid is required/],
    ['an unknown forced scenario', '/twilio/voice?scenario=alien_abduction', { CallSid: 'CA0123' }, 400, /scenario must be one of/],
    ['a status callback without CallSid', '/twilio/status', { CallStatus: 'busy' }, 400, /CallSid is required/],
  ];
  for (const [reason, url, body, status, message] of refused) {
    it(`refuses ${reason}, and starts no call`, async () => {
      const exporter = new InMemorySpanExporter();
      const response = await buildApp(exporter).inject({ method: 'POST', url, headers, payload: form(body) });
      assert.equal(response.statusCode, status);
      assert.match(response.body, message);
      assert.equal(exporter.getFinishedSpans().length, 0);
    });
  }

  it('ignores status callbacks of connected or inbound calls (the call itself reports them)', async () => {
    const exporter = new InMemorySpanExporter();
    const app = buildApp(exporter);
    for (const fields of [
      { CallSid: 'CA1', CallStatus: 'completed', Direction: 'outbound-api' },
      { CallSid: 'CA2', CallStatus: 'busy', Direction: 'inbound' },
    ]) {
      const response = await app.inject({ method: 'POST', url: '/twilio/status', headers, payload: form(fields) });
      assert.equal(response.statusCode, 204);
    }
    assert.equal(exporter.getFinishedSpans().length, 0);
  });
});
