import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as grpc from '@grpc/grpc-js';
import { CallAttr } from '@lumay/conventions';
import type { CallPlan } from '@lumay/simulator/call-plan';
import { makeConnector, makePlan, makeTurn, makeUnanswered } from '@lumay/simulator/plan-fixture';
import { otlpTargets, sendCalls, type OtlpProtocol } from './send-calls.js';

const PLANS: CallPlan[] = [
  makePlan({ callId: 'CA-1', turns: [makeTurn(), makeTurn({ number: 2, startOffsetMs: 8000, connectors: [makeConnector()] })] }),
  makePlan({ callId: 'CA-2', outcome: 'escalated', escalationReason: 'complaint', transfer: { offsetMs: 9000, durationMs: 1000 } }),
  makeUnanswered('no_answer', { callId: 'CA-3' }),
];
/** CA-1: root, telephony, 2 turns × (turn, stt, llm, tts), a connector = 11 spans, 4 lines; CA-2: root, telephony, 4, transfer = 7, 2 lines; CA-3: root, telephony. */
const EXPECTED = { calls: 3, spans: 20, logRecords: 6 };

interface Recorded {
  path: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

/** An OTLP/HTTP receiver on a real socket that records requests and answers with `status`. */
class RecordingReceiver {
  readonly requests: Recorded[] = [];
  status = 200;
  private readonly server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      this.requests.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) });
      const json = req.headers['content-type'] === 'application/json';
      // An empty protobuf message and `{}` are both a full-success Export response.
      res.writeHead(this.status, { 'content-type': json ? 'application/json' : 'application/x-protobuf' });
      res.end(json ? '{}' : '');
    });
  });

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  take(): Recorded[] {
    return this.requests.splice(0);
  }
}

describe('sendCalls over OTLP/HTTP', () => {
  const receiver = new RecordingReceiver();
  let endpoint = '';
  before(async () => {
    endpoint = await receiver.start();
  });
  after(async () => receiver.stop());

  for (const [protocol, contentType] of [
    ['http/protobuf', 'application/x-protobuf'],
    ['http/json', 'application/json'],
  ] as const) {
    it(`${protocol}: sends traces to /v1/traces and logs to /v1/logs with the bearer key`, async () => {
      receiver.status = 200;
      const result = await sendCalls({ endpoint: `${endpoint}/`, apiKey: 'k-123', protocol, plans: PLANS });
      assert.deepEqual(result, EXPECTED, 'the exporters reported every span and log record delivered');
      const requests = receiver.take();
      assert.deepEqual([...new Set(requests.map((r) => r.path))].sort(), ['/v1/logs', '/v1/traces']);
      for (const r of requests) {
        assert.equal(r.headers.authorization, 'Bearer k-123');
        assert.equal(r.headers['content-type'], contentType);
        assert.ok(r.body.length > 0, 'non-empty body');
      }
    });
  }

  it('http/json: the bodies hold every span and transcript line, in the calls\' traces', async () => {
    receiver.status = 200;
    await sendCalls({ endpoint, apiKey: 'k', protocol: 'http/json', plans: PLANS, serviceName: 'engine-under-test' });
    const requests = receiver.take();
    const bodies = (path: string): unknown[] => requests.filter((r) => r.path === path).map((r) => JSON.parse(r.body.toString('utf8')) as unknown);
    const spans = bodies('/v1/traces').flatMap((b) => at(b, 'resourceSpans').flatMap((rs) => at(rs, 'scopeSpans').flatMap((ss) => at(ss, 'spans'))));
    const logs = bodies('/v1/logs').flatMap((b) => at(b, 'resourceLogs').flatMap((rl) => at(rl, 'scopeLogs').flatMap((sl) => at(sl, 'logRecords'))));
    assert.equal(spans.length, EXPECTED.spans);
    assert.equal(logs.length, EXPECTED.logRecords);
    const roots = spans.filter((s) => !field(s, 'parentSpanId'));
    assert.deepEqual(roots.map((s) => attribute(s, CallAttr.id)).sort(), ['CA-1', 'CA-2', 'CA-3']);
    const rootTraces = new Set(roots.map((s) => field(s, 'traceId')));
    assert.ok(logs.every((l) => rootTraces.has(field(l, 'traceId'))), 'log records carry a call trace id');
    const serviceNames = bodies('/v1/traces').flatMap((b) => at(b, 'resourceSpans').map((rs) => attribute(field(rs, 'resource'), 'service.name')));
    assert.deepEqual([...new Set(serviceNames)], ['engine-under-test']);
  });

  it('rejects, saying what was lost, when the plane refuses the key', async () => {
    receiver.status = 401;
    await assert.rejects(sendCalls({ endpoint, apiKey: 'wrong', protocol: 'http/protobuf', plans: PLANS }), /20 of 20 spans not accepted/);
    receiver.take();
  });
});

describe('sendCalls over OTLP/gRPC', () => {
  const received: { path: string; authorization: grpc.MetadataValue[]; bytes: number }[] = [];
  const server = new grpc.Server();
  let address = '';
  const raw = (b: Buffer): Buffer => b;
  for (const path of ['/opentelemetry.proto.collector.trace.v1.TraceService/Export', '/opentelemetry.proto.collector.logs.v1.LogsService/Export']) {
    const definition = { path, requestStream: false, responseStream: false, requestSerialize: raw, requestDeserialize: raw, responseSerialize: raw, responseDeserialize: raw };
    const handler: grpc.handleUnaryCall<Buffer, Buffer> = (call, callback) => {
      received.push({ path, authorization: call.metadata.get('authorization'), bytes: call.request.length });
      callback(null, Buffer.alloc(0));
    };
    server.addService({ Export: definition }, { Export: handler });
  }
  before(async () => {
    const port = await new Promise<number>((resolve, reject) =>
      server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (error, bound) => (error ? reject(error) : resolve(bound))),
    );
    address = `127.0.0.1:${port}`;
  });
  after(() => server.forceShutdown());

  it('sends both signals to host:port with `authorization` metadata', async () => {
    const result = await sendCalls({ endpoint: address, apiKey: 'k-grpc', protocol: 'grpc', plans: PLANS });
    assert.deepEqual(result, EXPECTED);
    assert.deepEqual([...new Set(received.map((r) => r.path.split('/')[1]))].sort(), [
      'opentelemetry.proto.collector.logs.v1.LogsService',
      'opentelemetry.proto.collector.trace.v1.TraceService',
    ]);
    assert.ok(received.every((r) => r.authorization.length === 1 && r.authorization[0] === 'Bearer k-grpc' && r.bytes > 0));
  });
});

describe('otlpTargets', () => {
  const cases: { reason: string; endpoint: string; protocol: OtlpProtocol; traces: string; logs: string }[] = [
    { reason: 'HTTP appends the signal paths', endpoint: 'http://127.0.0.1:4318', protocol: 'http/protobuf', traces: 'http://127.0.0.1:4318/v1/traces', logs: 'http://127.0.0.1:4318/v1/logs' },
    { reason: 'a trailing slash does not double', endpoint: 'http://plane:4318/', protocol: 'http/json', traces: 'http://plane:4318/v1/traces', logs: 'http://plane:4318/v1/logs' },
    { reason: 'a path prefix (behind a proxy) is kept', endpoint: 'https://otel.example.com/lumay', protocol: 'http/protobuf', traces: 'https://otel.example.com/lumay/v1/traces', logs: 'https://otel.example.com/lumay/v1/logs' },
    { reason: 'gRPC takes bare host:port as plaintext', endpoint: '127.0.0.1:4317', protocol: 'grpc', traces: 'http://127.0.0.1:4317', logs: 'http://127.0.0.1:4317' },
    { reason: 'gRPC keeps an explicit scheme and drops any path', endpoint: 'https://plane:4317/', protocol: 'grpc', traces: 'https://plane:4317', logs: 'https://plane:4317' },
  ];
  for (const c of cases) {
    it(c.reason, () => assert.deepEqual(otlpTargets(c.endpoint, c.protocol), { traces: c.traces, logs: c.logs }));
  }

  it('throws on an endpoint that is not a URL, before sending anything', () => {
    assert.throws(() => otlpTargets('not a url', 'http/protobuf'), TypeError);
  });
});

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}

function at(value: unknown, key: string): unknown[] {
  const list = field(value, key);
  return Array.isArray(list) ? (list as unknown[]) : [];
}

/** The string value of an OTLP/JSON KeyValue attribute. */
function attribute(value: unknown, key: string): unknown {
  const entry = at(value, 'attributes').find((a) => field(a, 'key') === key);
  return field(field(entry, 'value'), 'stringValue');
}
