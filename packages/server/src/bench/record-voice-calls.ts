import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Tracer,
} from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider, type ReadableSpan } from '@opentelemetry/sdk-trace';
import {
  CallAttr,
  ConnectorAttr,
  CostAttr,
  EventName,
  StageAttr,
  TurnAttr,
  UsageAttr,
  WorkItemAttr,
} from '@lumay/conventions';
import { SeededRandom } from './seeded-random.js';

/*
 * Calls shaped like production traffic (docs/semantic-conventions.md): a `call` root, a telephony
 * stage, 3–10 turns of stt → llm → (connector) → tts, a transfer when escalated; outbound attempts
 * that nobody answers are just root + telephony. Beside our own attributes, spans carry what real
 * instrumentations add (server.address, http.*, gen_ai.response.*), about ten a span, because
 * attribute count dominates decoding cost. Every call is recorded by the official SDK.
 */

const AGENTS = [
  { id: 'support-bot', name: 'Support line', versions: ['2.3.0', '2.4.0'] },
  { id: 'billing-bot', name: 'Billing desk', versions: ['1.8.1', '1.9.0'] },
  { id: 'sales-dialer', name: 'Renewals campaign', versions: ['0.9.2', '1.0.0'] },
] as const;
const CONNECTORS = [
  {
    name: 'salesforce',
    kind: 'crm',
    host: 'acme.my.salesforce.com',
    operation: 'update_contact',
    workItem: 'crm_update',
  },
  { name: 'zendesk', kind: 'ticketing', host: 'acme.zendesk.com', operation: 'create_ticket', workItem: 'ticket' },
  {
    name: 'google-calendar',
    kind: 'calendar',
    host: 'www.googleapis.com',
    operation: 'book_slot',
    workItem: 'appointment',
  },
] as const;
const USER_LINES = [
  'Hi, I was charged twice for my subscription this month.',
  'Can you move my appointment to Thursday afternoon?',
  'I need to update the address on my account.',
  'My internet has been dropping every evening since Monday.',
  'Yes, that works for me, thank you.',
];
const AGENT_LINES = [
  'I can help with that. Let me pull up your account first.',
  'Thanks, I have found the duplicate charge and started a refund.',
  'Thursday at 3 pm is available. Shall I book it?',
  'Done. You will receive a confirmation by text message shortly.',
  'Is there anything else I can help you with today?',
];

/** Records `count` calls starting within the hour before `nowMs`; returns each call's spans, root last. */
export async function recordVoiceCalls(count: number, seed: number, nowMs: number): Promise<ReadableSpan[][]> {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({
      'service.name': 'voice-engine',
      'service.version': '4.12.0',
      'service.instance.id': 'voice-engine-7f9c',
      'deployment.environment.name': 'production',
      'host.name': 'ip-10-0-3-17',
    }),
    spanProcessors: [new SimpleSpanProcessor({ exporter })],
  });
  const tracer = provider.getTracer('@acme/voice-engine', '4.12.0');
  const random = new SeededRandom(seed);
  const traceOrder: string[] = [];
  for (let i = 0; i < count; i++) {
    traceOrder.push(recordCall(tracer, random, nowMs - 3_600_000 + random.int(0, 3_000_000)));
  }
  await provider.forceFlush();
  const byTrace = new Map<string, ReadableSpan[]>(traceOrder.map((t) => [t, []]));
  for (const span of exporter.getFinishedSpans()) byTrace.get(span.spanContext().traceId)?.push(span);
  await provider.shutdown();
  return traceOrder.map((t) => byTrace.get(t) ?? []);
}

function recordCall(tracer: Tracer, random: SeededRandom, startMs: number): string {
  const agent = random.pick(AGENTS);
  const outbound = agent.id === 'sales-dialer' || random.chance(0.1);
  const answeredBy = outbound
    ? random.weighted([
        ['human', 60],
        ['machine', 20],
        ['no_answer', 15],
        ['busy', 5],
      ] as const)
    : null;
  const handled = answeredBy === null || answeredBy === 'human';
  const outcome = handled
    ? random.weighted([
        ['resolved', 65],
        ['escalated', 20],
        ['abandoned', 10],
        ['failed', 5],
      ] as const)
    : 'unanswered';
  const root = tracer.startSpan('call', { kind: SpanKind.SERVER, root: true, startTime: startMs });
  const traceId = root.spanContext().traceId;
  // The call id embeds the trace id so a benchmark that re-sends a payload under new trace ids
  // can keep call ids unique too.
  const callId = `call-${traceId}`;
  const rootContext = trace.setSpan(ROOT_CONTEXT, root);
  let at = startMs;
  const telephonyMs = handled ? random.int(300, 900) : random.int(8000, 25000);
  stage(tracer, rootContext, 'telephony', at, telephonyMs, {
    [StageAttr.stage]: 'telephony',
    [StageAttr.provider]: 'twilio',
    [StageAttr.ttfbSeconds]: random.int(40, 160) / 1000,
    'server.address': 'api.twilio.com',
    'server.port': 443,
    'network.protocol.name': 'sip',
    'network.transport': 'udp',
    'twilio.call_sid': `CA${random.hex(32)}`,
  });
  at += telephonyMs;
  if (handled) {
    const turns = random.int(3, 10);
    for (let n = 1; n <= turns; n++)
      at = recordTurn(tracer, random, rootContext, callId, n, at, outcome === 'resolved' && n === turns);
    if (outcome === 'escalated') {
      stage(tracer, rootContext, 'transfer', at, random.int(2000, 9000), {
        [StageAttr.stage]: 'transfer',
        [CallAttr.escalationReason]: random.pick(['caller_request', 'policy', 'low_confidence']),
        [StageAttr.provider]: 'twilio',
        'server.address': 'api.twilio.com',
      });
    }
  }
  const durationMs = at - startMs + random.int(1000, 4000);
  root.setAttributes(rootAttributes(random, agent, callId, outbound, answeredBy, outcome, durationMs));
  if (outcome === 'failed') root.setStatus({ code: SpanStatusCode.ERROR, message: 'tts_unavailable' });
  root.end(startMs + durationMs);
  return traceId;
}

function rootAttributes(
  random: SeededRandom,
  agent: (typeof AGENTS)[number],
  callId: string,
  outbound: boolean,
  answeredBy: string | null,
  outcome: string,
  durationMs: number,
): Attributes {
  const attributes: Attributes = {
    [CallAttr.id]: callId,
    [CallAttr.conversationId]: callId,
    [CallAttr.direction]: outbound ? 'outbound' : 'inbound',
    [CallAttr.agentId]: agent.id,
    [CallAttr.agentName]: agent.name,
    [CallAttr.agentVersion]: random.pick(agent.versions),
    [CallAttr.callerHash]: random.hex(64),
    [CallAttr.correlationId]: `req-${random.hex(20)}`,
    [CallAttr.endReason]: outcome === 'abandoned' ? 'caller_hangup' : 'completed',
    [UsageAttr.telephonySeconds]: Math.round(durationMs / 1000),
  };
  // One engine in five leaves the outcome to the plane's inference.
  if (random.chance(0.8)) attributes[CallAttr.outcome] = outcome;
  if (outbound) attributes[CallAttr.campaignId] = 'spring-renewals';
  if (answeredBy !== null) attributes[CallAttr.answeredBy] = answeredBy;
  if (outcome !== 'unanswered') {
    const sentiment = random.weighted([
      ['positive', 50],
      ['neutral', 35],
      ['negative', 15],
    ] as const);
    attributes[CallAttr.sentiment] = sentiment;
    attributes[CallAttr.sentimentScore] = sentiment === 'positive' ? 0.7 : sentiment === 'neutral' ? 0.05 : -0.6;
    attributes[CostAttr.usd] = Math.round(durationMs * 0.0025) / 1000;
  }
  return attributes;
}

function recordTurn(
  tracer: Tracer,
  random: SeededRandom,
  parent: Context,
  callId: string,
  n: number,
  startMs: number,
  books: boolean,
): number {
  const turn = tracer.startSpan('turn', { startTime: startMs }, parent);
  const context = trace.setSpan(parent, turn);
  const userText = random.pick(USER_LINES);
  const agentText = random.pick(AGENT_LINES);
  let at = startMs + random.int(1200, 4000);
  const sttMs = random.int(120, 400);
  stage(tracer, context, 'stt', at, sttMs, {
    [StageAttr.stage]: 'stt',
    [StageAttr.provider]: 'deepgram',
    [StageAttr.genAiProvider]: 'deepgram',
    [StageAttr.genAiOperation]: 'speech_to_text',
    [StageAttr.model]: 'nova-3',
    [UsageAttr.sttAudioSeconds]: Math.round(random.int(1200, 4000) / 100) / 10,
    [StageAttr.ttfbSeconds]: random.int(80, 250) / 1000,
    [TurnAttr.number]: n,
    'server.address': 'api.deepgram.com',
    'server.port': 443,
  });
  at += sttMs;
  const llmMs = random.int(350, 1800);
  const inputTokens = 800 + n * random.int(120, 260);
  stage(tracer, context, 'llm', at, llmMs, {
    [StageAttr.stage]: 'llm',
    [StageAttr.genAiProvider]: 'openai',
    [StageAttr.genAiOperation]: 'chat',
    [StageAttr.model]: 'gpt-4o-mini',
    [StageAttr.responseModel]: 'gpt-4o-mini-2024-07-18',
    [UsageAttr.inputTokens]: inputTokens,
    [UsageAttr.cachedInputTokens]: Math.floor(inputTokens * 0.6),
    [UsageAttr.outputTokens]: random.int(20, 160),
    'gen_ai.request.temperature': 0.3,
    'gen_ai.response.finish_reasons': ['stop'],
    'gen_ai.response.id': `chatcmpl-${random.hex(24)}`,
    [StageAttr.ttfbSeconds]: random.int(180, 700) / 1000,
    'server.address': 'api.openai.com',
  });
  at += llmMs;
  if (books || random.chance(0.3)) at = recordConnector(tracer, random, context, at, books);
  const ttsMs = random.int(90, 300);
  stage(tracer, context, 'tts', at, ttsMs, {
    [StageAttr.stage]: 'tts',
    [StageAttr.provider]: 'elevenlabs',
    [StageAttr.genAiProvider]: 'elevenlabs',
    [StageAttr.genAiOperation]: 'text_to_speech',
    [StageAttr.model]: 'eleven_flash_v2_5',
    [UsageAttr.ttsCharacters]: agentText.length,
    [StageAttr.ttfbSeconds]: random.int(70, 220) / 1000,
    [TurnAttr.number]: n,
    'server.address': 'api.elevenlabs.io',
    'server.port': 443,
  });
  at += ttsMs;
  const speechMs = random.int(1500, 5000);
  turn.setAttributes({
    [TurnAttr.number]: n,
    [TurnAttr.interrupted]: random.chance(0.1),
    [TurnAttr.userText]: userText,
    [TurnAttr.agentText]: agentText,
    [TurnAttr.sentimentScore]: Math.round((random.next() * 2 - 1) * 100) / 100,
    [CallAttr.id]: callId,
    [CallAttr.conversationId]: callId,
    // Pipecat's name for the same measurement; engines built on it send both.
    'turn.user_bot_latency_seconds': (at - startMs) / 1000,
  });
  turn.end(at + speechMs);
  return at + speechMs;
}

function recordConnector(
  tracer: Tracer,
  random: SeededRandom,
  parent: Context,
  startMs: number,
  books: boolean,
): number {
  const connector = random.pick(CONNECTORS);
  const success = books || random.chance(0.93);
  const durationMs = random.int(60, success ? 600 : 5000);
  const attributes: Attributes = {
    [StageAttr.stage]: 'connector',
    [ConnectorAttr.name]: connector.name,
    [ConnectorAttr.kind]: connector.kind,
    [ConnectorAttr.operation]: connector.operation,
    [ConnectorAttr.success]: success,
    [ConnectorAttr.retries]: success ? 0 : random.int(0, 2),
    [ConnectorAttr.timedOut]: !success && durationMs > 4000,
    [ConnectorAttr.toolName]: connector.operation,
    'http.request.method': 'POST',
    'http.response.status_code': success ? 200 : 503,
    'server.address': connector.host,
  };
  if (!success) attributes[StageAttr.errorType] = durationMs > 4000 ? 'timeout' : 'http_503';
  const span = tracer.startSpan(
    `${connector.name} ${connector.operation}`,
    { kind: SpanKind.CLIENT, startTime: startMs, attributes },
    parent,
  );
  if (success) {
    span.addEvent(
      EventName.workItem,
      {
        [WorkItemAttr.type]: connector.workItem,
        [WorkItemAttr.id]: random.hex(12),
        [WorkItemAttr.system]: connector.name,
      },
      startMs + durationMs,
    );
  } else {
    span.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream 503' });
  }
  span.end(startMs + durationMs);
  return startMs + durationMs;
}

function stage(
  tracer: Tracer,
  parent: Context,
  name: string,
  startMs: number,
  durationMs: number,
  attributes: Attributes,
): void {
  const kind = name === 'transfer' ? SpanKind.INTERNAL : SpanKind.CLIENT;
  tracer.startSpan(name, { kind, startTime: startMs, attributes }, parent).end(startMs + durationMs);
}
