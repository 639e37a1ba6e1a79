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

/** Shared by every unpacked span without events, as by the spans the assembler held before. */
const NO_EVENTS: SpanEventRecord[] = Object.freeze([]) as unknown as SpanEventRecord[];

/**
 * The spans of one call in flight, packed into bytes as they arrive and unpacked into
 * `SpanRecord`s when the call's session is built. A decoded span is about 600 bytes of V8 heap
 * (a dozen objects: the record, its attributes, their strings and numbers) and a call keeps it
 * for seconds, through several collections; packed, it is about a third of that in one buffer the
 * collector never walks (docs/performance.md). Unpacking gives back the same records: same
 * fields, values and order (packed-spans.test.ts).
 *
 * Every span of a PackedSpans belongs to the same trace (the call's): the trace id is kept once.
 */
export class PackedSpans {
  private readonly writer = new PackWriter();
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

  add(span: SpanRecord): void {
    const w = this.writer;
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
    this.spans++;
    if (span.startUs < this.earliestStartUs) this.earliestStartUs = span.startUs;
  }

  /** Gives up the room kept for more spans (PackWriter.trim); adding more afterwards is fine. */
  trim(): void {
    this.writer.trim();
  }

  /** The spans in the order they were added, as new records. */
  unpack(): SpanRecord[] {
    const r = new PackReader(this.writer.bytes, this.writer.length);
    const out: SpanRecord[] = new Array<SpanRecord>(this.spans);
    for (let i = 0; i < this.spans; i++) {
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
      out[i] = { traceId: this.traceId, spanId, parentSpanId, name, kind, startUs, endUs, statusCode, statusMessage, attributes, events, resource, scopeName };
    }
    return out;
  }

  /** Bytes held, for tests and the memory figures. */
  get byteLength(): number {
    return this.writer.capacity;
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
