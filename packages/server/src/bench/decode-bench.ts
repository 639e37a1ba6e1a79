import { decodeJsonTraces } from '../ingest/otlp/json/decode-json-traces.js';
import { decodeProtobufTraces } from '../ingest/otlp/protobuf/decode-protobuf-traces.js';
import { exportTraceRequestType } from './otlp-trace-descriptor.js';
import { median } from './stats.js';
import type { PayloadSet } from './trace-payloads.js';

export type DecoderName = 'protobufjs' | 'JSON.parse' | 'lumay protobuf' | 'lumay JSON';

export interface DecoderFigure {
  decoder: DecoderName;
  /** Median over the rounds. */
  spansPerSecond: number;
  roundsSpansPerSecond: number[];
}

interface Decoder {
  name: DecoderName;
  input: 'protobuf' | 'json';
  /** Decodes one request and returns the spans it found, so the work cannot be optimised away and is checked. */
  decode(body: Uint8Array): number;
}

interface Spans {
  spans?: unknown[];
  scopeSpans?: Spans[];
  resourceSpans?: Spans[];
}

/** Spans in a decoded ExportTraceServiceRequest, whichever library built the object tree. */
function countSpans(request: Spans): number {
  let n = 0;
  for (const rs of request.resourceSpans ?? []) for (const ss of rs.scopeSpans ?? []) n += ss.spans?.length ?? 0;
  return n;
}

function decoders(only: readonly DecoderName[]): Decoder[] {
  const all: Decoder[] = [
    {
      name: 'protobufjs',
      input: 'protobuf',
      decode: (() => {
        const type = exportTraceRequestType();
        return (body: Uint8Array) => countSpans(type.decode(body) as Spans);
      })(),
    },
    // The UTF-8 decoding is part of the baseline: a JSON body arrives as bytes too.
    {
      name: 'JSON.parse',
      input: 'json',
      decode: (body) => countSpans(JSON.parse(Buffer.from(body).toString('utf8')) as Spans),
    },
    { name: 'lumay protobuf', input: 'protobuf', decode: (body) => decodeProtobufTraces(body).records.length },
    { name: 'lumay JSON', input: 'json', decode: (body) => decodeJsonTraces(body).records.length },
  ];
  return all.filter((d) => only.includes(d.name));
}

/** Decodes the payloads round-robin for `millis`; returns spans per second. */
function round(decoder: Decoder, set: PayloadSet, millis: number): number {
  const bodies = set.payloads.map((p) => (decoder.input === 'protobuf' ? p.protobuf : p.json));
  let spans = 0;
  const started = process.hrtime.bigint();
  const budget = BigInt(Math.round(millis * 1e6));
  let elapsed = 0n;
  for (let i = 0; elapsed < budget; i++) {
    const k = i % bodies.length;
    const found = decoder.decode(bodies[k]);
    if (found !== set.payloads[k].spanCount) {
      throw new Error(`${decoder.name} found ${found} spans in request ${k}, which holds ${set.payloads[k].spanCount}`);
    }
    spans += found;
    if (k === bodies.length - 1 || i % 4 === 3) elapsed = process.hrtime.bigint() - started;
  }
  return spans / (Number(elapsed) / 1e9);
}

/**
 * Throughput of each decoder on the same requests, on this thread. Rounds are interleaved
 * (a round of each decoder, then the next), so a slow patch of the machine hits all of them;
 * the first round is a warm-up (JIT, protobufjs code generation) and is not counted.
 */
export function measureDecoders(
  set: PayloadSet,
  only: readonly DecoderName[] = ['protobufjs', 'JSON.parse', 'lumay protobuf', 'lumay JSON'],
  rounds = 7,
  roundMillis = 700,
): DecoderFigure[] {
  const list = decoders(only);
  const perDecoder = new Map<DecoderName, number[]>(list.map((d) => [d.name, []]));
  for (let r = 0; r <= rounds; r++) {
    for (const decoder of list) {
      const rate = round(decoder, set, r === 0 ? roundMillis / 2 : roundMillis);
      if (r > 0) perDecoder.get(decoder.name)?.push(rate);
    }
  }
  return list.map((d) => {
    const rates = perDecoder.get(d.name) ?? [];
    return { decoder: d.name, spansPerSecond: median(rates), roundsSpansPerSecond: rates };
  });
}
