import { twilioCallOptions, type Telemetry, type TwilioVoiceWebhook } from '@lumay/telemetry';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { runCall } from '../conversation/call-loop.js';
import type { EngineDeps } from '../conversation/engine-deps.js';
import { chooseScenario, isScenarioName } from '../conversation/scenarios.js';
import { RandomSource } from '../providers/random-source.js';
import type { CallTracker } from './call-tracker.js';

/** Twilio's CallSid: "CA" and 32 hex digits; anything reasonable is accepted for other platforms. */
const CALL_SID = /^[A-Za-z0-9_-]{1,64}$/;
/** Final statuses of an outbound attempt that never reached the voice URL. */
const NOT_CONNECTED = new Set(['busy', 'no-answer', 'failed', 'canceled']);

type Fields = Partial<Record<string, string>>;

function twiml(reply: FastifyReply, body: string): FastifyReply {
  return reply.type('text/xml; charset=utf-8').send(`<?xml version="1.0" encoding="UTF-8"?>\n<Response>${body}</Response>`);
}

function badRequest(reply: FastifyReply, message: string): FastifyReply {
  return reply.code(400).send({ error: { status: 400, message } });
}

/**
 * The telephony edge, in Twilio's format: `POST /twilio/voice` when a call connects (answered
 * with TwiML that opens the media stream) and `POST /twilio/status`, the status callback, which
 * is all an outbound attempt nobody picked up ever produces. Each call is one trace: the SDK
 * starts its root span here, fresh, and the webhook's own work is its first span.
 */
export function registerTwilioRoutes(app: FastifyInstance, telemetry: Telemetry, deps: EngineDeps, calls: CallTracker): void {
  const agent = { id: deps.config.agentId, name: deps.config.agentName, version: deps.config.agentVersion };

  app.post<{ Body: Fields; Querystring: { scenario?: string } }>('/twilio/voice', async (request, reply) => {
    const body = request.body ?? {};
    const callSid = body.CallSid;
    if (callSid === undefined || !CALL_SID.test(callSid)) return badRequest(reply, 'CallSid is required (Twilio posts it with every voice webhook)');
    const forced = request.query.scenario;
    if (forced !== undefined && !isScenarioName(forced)) return badRequest(reply, `scenario must be one of the engine's scenarios, got ${forced}`);
    const stream = `<Connect><Stream url="wss://${request.hostname}/twilio/media/${callSid}"/></Connect>`;
    // Twilio retries a webhook it got no answer to; the call is already running.
    if (calls.has(callSid)) return twiml(reply, stream);

    const random = new RandomSource(callSid);
    const scenario = chooseScenario(random, forced);
    const options = twilioCallOptions(body as unknown as TwilioVoiceWebhook, { salt: deps.config.callerSalt, agent });
    const call = telemetry.startCall({ ...options, attributes: { 'voice_engine.scenario': scenario.name } });
    const webhook = call.startTelephony({ name: 'webhook twilio.voice', provider: 'twilio' });
    const inserted = await webhook.run(() =>
      deps.store.insertCall({ callSid, traceId: call.traceId, correlationId: call.correlationId, direction: options.direction ?? 'inbound', callerHash: options.callerHash, scenario: scenario.name }),
    );
    webhook.end();
    if (!inserted) {
      // A retried webhook that raced the first one, or a CallSid reused: not a second call.
      call.end({ outcome: 'failed', errorType: 'duplicate_call_sid' });
      return twiml(reply, stream);
    }
    calls.track(callSid, runCall(call, scenario, random, deps, options.callerHash ?? ''));
    return twiml(reply, stream);
  });

  app.post<{ Body: Fields }>('/twilio/status', async (request, reply) => {
    const body = request.body ?? {};
    const callSid = body.CallSid;
    if (callSid === undefined || !CALL_SID.test(callSid)) return badRequest(reply, 'CallSid is required');
    const status = body.CallStatus ?? '';
    if (!NOT_CONNECTED.has(status) || calls.has(callSid) || !body.Direction?.startsWith('outbound')) return reply.code(204).send();
    // An outbound attempt nobody answered: a call for the plane (not handled), with who "answered".
    const options = twilioCallOptions(body as unknown as TwilioVoiceWebhook, { salt: deps.config.callerSalt, agent });
    const call = telemetry.startCall({ ...options, attributes: { 'voice_engine.scenario': 'unanswered' } });
    call.setAnsweredBy(status === 'no-answer' || status === 'canceled' ? status : (status as 'busy' | 'failed'));
    await call.run(async () => {
      const dial = call.startTelephony({ name: 'webhook twilio.status', provider: 'twilio' });
      const inserted = await dial.run(() =>
        deps.store.insertCall({ callSid, traceId: call.traceId, correlationId: call.correlationId, direction: 'outbound', callerHash: options.callerHash, scenario: 'unanswered' }),
      );
      dial.end({ billedSeconds: 0 });
      if (inserted) await deps.store.endCall(callSid, { outcome: 'unanswered', endReason: status, turns: 0 });
    });
    call.end({ outcome: 'unanswered', endReason: status });
    return reply.code(204).send();
  });
}
