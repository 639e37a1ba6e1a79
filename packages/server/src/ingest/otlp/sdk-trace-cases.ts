/**
 * Test support shared by the protobuf and JSON decoder tests: spans made by the official
 * OpenTelemetry SDK, and the SpanRecords both decoders must produce from the official
 * serializers' bytes. Ids come from a deterministic generator so expectations can be written out.
 */
import { SpanKind, SpanStatusCode, context, trace, type Tracer } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  InMemorySpanExporter,
  SimpleSpanProcessor,
  TracerProvider,
  type IdGenerator,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace';
import type { Attributes, SpanRecord } from '../../model/telemetry-records.js';

/** The k-th trace id the generator hands out: 32 hex digits. */
export const traceIdNumber = (k: number): string => k.toString(16).padStart(4, '0').repeat(8);
/** The k-th span id the generator hands out: 16 hex digits. */
export const spanIdNumber = (k: number): string => (0xf0 + k).toString(16).repeat(8);

export interface SpanCase {
  reason: string;
  /** Resource attributes of each provider; `tracer(scope, i)` uses the i-th. */
  resources?: Attributes[];
  record(tracer: (scope: string, resource?: number) => Tracer): void;
  expected: SpanRecord[];
}

const T0 = 1_700_000_000;
const DEFAULT_RESOURCE = { 'service.name': 'agent' };

/** The record of a span made by `simpleSpan`, with the given differences. */
export function expectedSpan(overrides: Partial<SpanRecord>): SpanRecord {
  return {
    traceId: traceIdNumber(1),
    spanId: spanIdNumber(1),
    parentSpanId: '',
    name: 'op',
    kind: 1,
    startUs: T0 * 1e6 + 1,
    endUs: T0 * 1e6 + 2,
    statusCode: 0,
    statusMessage: '',
    attributes: {},
    events: [],
    resource: { attributes: DEFAULT_RESOURCE, serviceName: 'agent' },
    scopeName: 'scope',
    ...overrides,
  };
}

/** Starts and ends a span at T0 + 1 µs … T0 + 2 µs (plus sub-microsecond noise that must be truncated). */
function simpleSpan(tracer: Tracer, name: string, options: Parameters<Tracer['startSpan']>[1] = {}): void {
  tracer.startSpan(name, { startTime: [T0, 1_999], ...options }).end([T0, 2_500]);
}

export const SPAN_CASES: SpanCase[] = [
  {
    reason: 'every attribute type the SDK can set on a span',
    record: (tracer) =>
      simpleSpan(tracer('scope'), 'op', {
        attributes: {
          'str': 'hello ünïcode ☎',
          'int': 42,
          'negative': -7,
          'big': 2 ** 40,
          'double': 0.25,
          'bool': false,
          'strings': ['a', 'b'],
          'numbers': [1, 2.5],
          'bools': [true, false],
          'empty': '',
        },
      }),
    expected: [
      expectedSpan({
        attributes: {
          'str': 'hello ünïcode ☎',
          'int': 42,
          'negative': -7,
          'big': 2 ** 40,
          'double': 0.25,
          'bool': false,
          'strings': ['a', 'b'],
          'numbers': [1, 2.5],
          'bools': [true, false],
          'empty': '',
        },
      }),
    ],
  },
  {
    reason: 'events keep their order, names, attributes and microsecond times',
    record: (tracer) => {
      const span = tracer('scope').startSpan('op', { startTime: [T0, 1_000] });
      span.addEvent('first', { 'turn.number': 1 }, [T0, 1_500_999]);
      span.addEvent('', {}, [T0 + 1, 0]);
      span.end([T0, 2_000]);
    },
    expected: [
      expectedSpan({
        events: [
          { name: 'first', timeUs: T0 * 1e6 + 1_500, attributes: { 'turn.number': 1 } },
          { name: '', timeUs: (T0 + 1) * 1e6, attributes: {} },
        ],
      }),
    ],
  },
  {
    reason: 'status code and message',
    record: (tracer) => {
      const span = tracer('scope').startSpan('op', { startTime: [T0, 1_000] });
      span.setStatus({ code: SpanStatusCode.ERROR, message: 'upstream timed out' });
      span.end([T0, 2_000]);
    },
    expected: [expectedSpan({ statusCode: 2, statusMessage: 'upstream timed out' })],
  },
  {
    reason: 'API span kinds map to OTLP kinds (API enum + 1)',
    record: (tracer) => {
      for (const kind of [SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.CONSUMER]) {
        simpleSpan(tracer('scope'), `kind-${kind}`, { kind });
      }
    },
    expected: [1, 2, 3, 4, 5].map((kind, i) =>
      expectedSpan({ traceId: traceIdNumber(i + 1), spanId: spanIdNumber(i + 1), name: `kind-${kind - 1}`, kind }),
    ),
  },
  {
    reason: 'a child span carries its parent span id and the root an empty one',
    record: (tracer) => {
      const root = tracer('scope').startSpan('root', { startTime: [T0, 1_000] });
      const child = tracer('scope').startSpan('child', { startTime: [T0, 1_000] }, trace.setSpan(context.active(), root));
      child.end([T0, 2_000]);
      root.end([T0, 2_000]);
    },
    expected: [
      expectedSpan({ spanId: spanIdNumber(2), parentSpanId: spanIdNumber(1), name: 'child' }),
      expectedSpan({ name: 'root' }),
    ],
  },
  {
    reason: 'spans of several resources and scopes keep their own resource and scope name',
    resources: [{ 'service.name': 'voice-engine', 'deployment.environment': 'prod' }, { 'host.name': 'no-service' }],
    record: (tracer) => {
      simpleSpan(tracer('stt', 0), 'a');
      simpleSpan(tracer('llm', 0), 'b');
      simpleSpan(tracer('stt', 1), 'c');
    },
    expected: [
      expectedSpan({
        name: 'a',
        scopeName: 'stt',
        resource: { attributes: { 'service.name': 'voice-engine', 'deployment.environment': 'prod' }, serviceName: 'voice-engine' },
      }),
      expectedSpan({
        traceId: traceIdNumber(2),
        spanId: spanIdNumber(2),
        name: 'b',
        scopeName: 'llm',
        resource: { attributes: { 'service.name': 'voice-engine', 'deployment.environment': 'prod' }, serviceName: 'voice-engine' },
      }),
      expectedSpan({
        traceId: traceIdNumber(3),
        spanId: spanIdNumber(3),
        name: 'c',
        scopeName: 'stt',
        resource: { attributes: { 'host.name': 'no-service' }, serviceName: '' },
      }),
    ],
  },
  {
    reason: 'timestamps far beyond 2^53 ns keep microsecond precision (truncated, not rounded)',
    record: (tracer) => tracer('scope').startSpan('op', { startTime: [4_102_444_800, 999_999_999] }).end([4_102_444_801, 1_999]),
    expected: [expectedSpan({ startUs: 4_102_444_800_999_999, endUs: 4_102_444_801_000_001 })],
  },
  {
    reason: 'an empty span name is kept as the empty string',
    record: (tracer) => simpleSpan(tracer('scope'), ''),
    expected: [expectedSpan({ name: '' })],
  },
];

/** Runs a case's recording against fresh SDK providers and returns the finished spans in end order. */
export async function recordCase(testCase: SpanCase): Promise<ReadableSpan[]> {
  let traces = 0;
  let spans = 0;
  const idGenerator: IdGenerator = {
    generateTraceId: () => traceIdNumber(++traces),
    generateSpanId: () => spanIdNumber(++spans),
  };
  const exporter = new InMemorySpanExporter();
  const providers = (testCase.resources ?? [DEFAULT_RESOURCE]).map(
    (attributes) =>
      new TracerProvider({
        resource: resourceFromAttributes(attributes),
        idGenerator,
        spanProcessors: [new SimpleSpanProcessor({ exporter })],
      }),
  );
  testCase.record((scope, resource = 0) => providers[resource].getTracer(scope));
  await Promise.all(providers.map((provider) => provider.forceFlush()));
  return exporter.getFinishedSpans();
}
