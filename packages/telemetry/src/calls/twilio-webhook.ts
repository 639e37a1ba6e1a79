import type { AgentInfo, StartCallOptions, TwilioAnsweredBy } from './call-options.js';
import { hashCaller } from './hash-caller.js';

/**
 * The fields of Twilio's voice webhook (`application/x-www-form-urlencoded`) that describe a call
 * (https://www.twilio.com/docs/voice/twiml#request-parameters).
 */
export interface TwilioVoiceWebhook {
  CallSid: string;
  From?: string;
  To?: string;
  /** `inbound`, `outbound-api` or `outbound-dial`. */
  Direction?: string;
  CallStatus?: string;
  /** Present when answering-machine detection ran. */
  AnsweredBy?: string;
}

const KNOWN_ANSWERED_BY = new Set(['human', 'machine_start', 'machine_end_beep', 'machine_end_silence', 'machine_end_other', 'fax', 'unknown']);

/**
 * Start options for a call from Twilio's webhook: the CallSid as call id, the direction, the
 * remote party's number hashed with `salt` (the caller for inbound calls, the callee for outbound
 * ones; the number itself never leaves the engine), and who answered when AMD reported it.
 */
export function twilioCallOptions(webhook: TwilioVoiceWebhook, options: { salt: string; agent?: AgentInfo; campaignId?: string }): StartCallOptions {
  const direction = webhook.Direction?.startsWith('outbound') === true ? 'outbound' : 'inbound';
  const remote = direction === 'inbound' ? webhook.From : webhook.To;
  const start: StartCallOptions = { callId: webhook.CallSid, direction, agent: options.agent, campaignId: options.campaignId };
  if (remote !== undefined && remote !== '') start.callerHash = hashCaller(remote, options.salt);
  if (direction === 'outbound' && webhook.AnsweredBy !== undefined && KNOWN_ANSWERED_BY.has(webhook.AnsweredBy)) {
    start.answeredBy = webhook.AnsweredBy as TwilioAnsweredBy | 'human';
  }
  return start;
}
