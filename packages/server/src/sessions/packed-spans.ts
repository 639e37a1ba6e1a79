import type { AttributeValue, Attributes, ResourceInfo, SpanEventRecord, SpanRecord } from '../model/telemetry-records.js';
import { setAttribute } from '../model/set-attribute.js';
import { PackReader, PackWriter } from './pack-bytes.js';

// Value tags of the packed form.
const NULL = 0;
const FALSE = 1;
const TRUE = 2;
/** An integer of magnitude under 2^52, zigzag varint. */
const INTEGER = 3;
const FLOAT = 4;
const STRING = 5;
const EMPTY_STRING = 6;
const ARRAY = 7;
const KEY_VALUES = 8;

/**
 * Attribute keys repeat in every span ("lumay.stage", "gen_ai.request.model"): packed spans
 * write a key as its number in this process-wide table. Bounded, because keys come from senders;
 * past the bound a new key is written out in full (KEY_INLINE).
 */
const MAX_KEY_IDS = 16_384;
const KEY_INLINE = 0;
const keyIds = new Map<string, number>();
const keysById: string[] = [''];

function keyId(key: string): number {
  const known = keyIds.get(key);
  if (known !== undefined) return known;
  if (keysById.length >= MAX_KEY_IDS) return KEY_INLINE;
  const id = keysById.length;
  keysById.push(key);
  keyIds.set(key, id);
  return id;
}

const MAX_ZIGZAG = 2 ** 52;

/**
 * Shared by every span held in flight without events (most: 30 bytes a span), decoded or
 * unpacked; frozen, so nothing can add to it.
 */
export const NO_EVENTS: SpanEventRecord[] = Object.freeze([]) as unknown as SpanEventRecord[];

/** Where each batch is written before it is copied out at its exact size; dropped when a huge batch grew it. */
let scratch = new PackWriter();
const MAX_KEPT_SCRATCH_BYTES = 4 * 1024 * 1024;

/**
 * The spans of one call in flight, packed into bytes and unpacked into `SpanRecord`s when the
 * call's session is built. A decoded span is about 600 bytes of V8 heap (a dozen objects: the
 * record, its attributes, their strings and numbers) and a call in progress keeps it for minutes,
 * through many collections; packed, it is about a third of that, in buffers the collector never
 * walks (docs/performance.md). Unpacking gives back the same records: same fields, values and
 * order (packed-spans.test.ts).
 *
 * Each pack() is one chunk at its exact size. Chunks merge when the newest is at least half the
 * size of the one before it, so a long call keeps a handful of chunks and each byte is copied a
 * logarithmic number of times, where one growing buffer trimmed after each batch would copy all
 * of it every time.
 *
 * Every span of a PackedSpans belongs to the same trace (the call's): the trace id is kept once.
 */
export class PackedSpans {
  private readonly chunks: Buffer[] = [];
  /** Resources by identity: the spans of one export share theirs. */
  private readonly resources: ResourceInfo[] = [];
  private spans = 0;
  private earliestStartUs = Infinity;

  constructor(private readonly traceId: string) {}

  get count(): number {
    return this.spans;
  }

  /** The earliest start time of the spans packed so far (Infinity when there are none). */
  get minStartUs(): number {
    return this.earliestStartUs;
  }

  /** Bytes held, for tests and the memory figures. */
  get byteLength(): number {
    let bytes = 0;
    for (const chunk of this.chunks) bytes += chunk.length;
    return bytes;
  }

  /** Buffers the spans are held in (for tests: a logarithmic number of pack() calls). */
  get chunkCount(): number {
    return this.chunks.length;
  }

  /** Packs a batch of spans after those packed before. */
  pack(spans: readonly SpanRecord[]): void {
    if (spans.length === 0) return;
    const w = scratch;
    w.reset();
    for (const span of spans) this.write(w, span);
    this.chunks.push(w.copyOut());
    if (w.capacity > MAX_KEPT_SCRATCH_BYTES) scratch = new PackWriter();
    this.spans += spans.length;
    for (let n = this.chunks.length; n >= 2 && this.chunks[n - 2].length <= 2 * this.chunks[n - 1].length; n--) {
      const last = this.chunks.pop() as Buffer;
      const before = this.chunks.pop() as Buffer;
      const merged = Buffer.allocUnsafeSlow(before.length + last.length);
      before.copy(merged, 0);
      last.copy(merged, before.length);
      this.chunks.push(merged);
    }
  }

  private write(w: PackWriter, span: SpanRecord): void {
    let resource = this.resources.lastIndexOf(span.resource);
    if (resource < 0) resource = this.resources.push(span.resource) - 1;
    w.varint(resource);
    w.hexOrText(span.spanId);
    w.hexOrText(span.parentSpanId);
    w.string(span.name);
    w.varint(span.kind);
    w.float64(span.startUs);
    w.float64(span.endUs);
    w.varint(span.statusCode);
    w.string(span.statusMessage);
    w.string(span.scopeName);
    writeAttributes(w, span.attributes);
    w.varint(span.events.length);
    for (const event of span.events) {
      w.string(event.name);
      w.float64(event.timeUs);
      writeAttributes(w, event.attributes);
    }
    if (span.startUs < this.earliestStartUs) this.earliestStartUs = span.startUs;
  }

  /** The spans in the order they were packed, as new records. */
  unpack(): SpanRecord[] {
    const out: SpanRecord[] = [];
    for (const chunk of this.chunks) {
      const r = new PackReader(chunk, chunk.length);
      while (!r.atEnd()) out.push(this.read(r));
    }
    if (out.length !== this.spans) throw new Error(`packed spans: read ${out.length} spans of ${this.spans}`);
    return out;
  }

  private read(r: PackReader): SpanRecord {
    const resource = this.resources[r.varint()];
    const spanId = r.hexOrText();
    const parentSpanId = r.hexOrText();
    const name = r.string();
    const kind = r.varint();
    const startUs = r.float64();
    const endUs = r.float64();
    const statusCode = r.varint();
    const statusMessage = r.string();
    const scopeName = r.string();
    const attributes = readAttributes(r);
    const eventCount = r.varint();
    let events = NO_EVENTS;
    if (eventCount > 0) {
      events = [];
      for (let e = 0; e < eventCount; e++) events.push({ name: r.string(), timeUs: r.float64(), attributes: readAttributes(r) });
    }
    return { traceId: this.traceId, spanId, parentSpanId, name, kind, startUs, endUs, statusCode, statusMessage, attributes, events, resource, scopeName };
  }
}

function writeAttributes(w: PackWriter, attributes: Attributes): void {
  const keys = Object.keys(attributes);
  w.varint(keys.length);
  for (const key of keys) {
    const id = keyId(key);
    w.varint(id);
    if (id === KEY_INLINE) w.string(key);
    writeValue(w, attributes[key]);
  }
}

function readAttributes(r: PackReader): Attributes {
  const attributes: Attributes = {};
  const count = r.varint();
  for (let i = 0; i < count; i++) {
    const id = r.varint();
    const key = id === KEY_INLINE ? r.string() : keysById[id];
    setAttribute(attributes, key, readValue(r));
  }
  return attributes;
}

function writeValue(w: PackWriter, value: AttributeValue): void {
  switch (typeof value) {
    case 'string':
      if (value === '') w.byte(EMPTY_STRING);
      else {
        w.byte(STRING);
        w.string(value);
      }
      return;
    case 'number':
      // Zigzag doubles the magnitude, so only integers under 2^52 stay exact; -0 is no integer to it.
      if (Number.isInteger(value) && Math.abs(value) < MAX_ZIGZAG && !Object.is(value, -0)) {
        w.byte(INTEGER);
        w.zigzag(value);
      } else {
        w.byte(FLOAT);
        w.float64(value);
      }
      return;
    case 'boolean':
      w.byte(value ? TRUE : FALSE);
      return;
    default:
      if (value === null) w.byte(NULL);
      else if (Array.isArray(value)) {
        w.byte(ARRAY);
        w.varint(value.length);
        for (const item of value) writeValue(w, item);
      } else {
        w.byte(KEY_VALUES);
        writeAttributes(w, value);
      }
  }
}

function readValue(r: PackReader): AttributeValue {
  const tag = r.byte();
  switch (tag) {
    case STRING:
      return r.string();
    case EMPTY_STRING:
      return '';
    case INTEGER:
      return r.zigzag();
    case FLOAT:
      return r.float64();
    case TRUE:
      return true;
    case FALSE:
      return false;
    case NULL:
      return null;
    case ARRAY: {
      const items: AttributeValue[] = [];
      for (let n = r.varint(); n > 0; n--) items.push(readValue(r));
      return items;
    }
    case KEY_VALUES:
      return readAttributes(r);
    default:
      throw new Error(`packed spans: unknown value tag ${tag}`);
  }
}
