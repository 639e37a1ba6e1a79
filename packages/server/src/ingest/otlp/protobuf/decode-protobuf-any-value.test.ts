import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AttributeValue, Attributes } from '../../../model/telemetry-records.js';
import { decodeProtobufAnyValue, decodeProtobufKeyValue } from './decode-protobuf-any-value.js';
import { type Field, bytes, double, encode, keyValue, message, string, unknownFields, varint } from './protobuf-test-builder.js';
import { ProtobufReader } from './protobuf-reader.js';

/** Decodes an AnyValue made of `fields`, written as field 1 of an outer message. */
function anyValue(...fields: Field[]): AttributeValue {
  const r = new ProtobufReader(encode(message(1, ...fields)));
  r.tag(r.length, 'test');
  return decodeProtobufAnyValue(r, r.length, 'test');
}

const array = (...values: Field[][]): Field => message(5, ...values.map((value) => message(1, ...value)));
const kvlist = (...entries: [string, Field[]][]): Field => message(6, ...entries.map(([key, value]) => keyValue(1, key, ...value)));

describe('decodeProtobufAnyValue', () => {
  const cases: { reason: string; fields: Field[]; value: AttributeValue }[] = [
    { reason: 'string_value', fields: [string(1, 'voice ☎')], value: 'voice ☎' },
    { reason: 'an empty string_value is "" (set), not null', fields: [string(1, '')], value: '' },
    { reason: 'bool_value true', fields: [varint(2, 1)], value: true },
    { reason: 'bool_value false', fields: [varint(2, 0)], value: false },
    { reason: 'int_value', fields: [varint(3, 1234567)], value: 1234567 },
    { reason: 'a negative int_value is a 10-byte two-complement varint', fields: [varint(3, -5)], value: -5 },
    { reason: 'int_value at 2^53 - 1 is exact', fields: [varint(3, Number.MAX_SAFE_INTEGER)], value: Number.MAX_SAFE_INTEGER },
    { reason: 'the most negative safe int_value', fields: [varint(3, -Number.MAX_SAFE_INTEGER)], value: -Number.MAX_SAFE_INTEGER },
    { reason: 'double_value', fields: [double(4, -0.5)], value: -0.5 },
    { reason: 'a NaN double_value stays NaN', fields: [double(4, Number.NaN)], value: Number.NaN },
    { reason: 'bytes_value becomes base64 text', fields: [bytes(7, '00ff10')], value: 'AP8Q' },
    { reason: 'an empty AnyValue (no variant set) is null', fields: [], value: null },
    { reason: 'string_value_strindex (profiles only) is skipped', fields: [varint(8, 3)], value: null },
    { reason: 'unknown fields around a variant are skipped', fields: [...unknownFields(), string(1, 'kept'), ...unknownFields()], value: 'kept' },
    { reason: 'when a sender repeats the oneof, the last variant wins', fields: [string(1, 'first'), varint(3, 2)], value: 2 },
    {
      reason: 'array_value of mixed kinds, including a nested array and an empty element',
      fields: [array([string(1, 'a')], [varint(3, 1)], [array([varint(2, 1)])], [])],
      value: ['a', 1, [true], null],
    },
    { reason: 'an empty array_value', fields: [message(5)], value: [] },
    {
      reason: 'kvlist_value becomes an object, nested kvlists too',
      fields: [kvlist(['name', [string(1, 'crm')]], ['meta', [kvlist(['retries', [varint(3, 2)]])]], ['none', []])],
      value: { name: 'crm', meta: { retries: 2 }, none: null },
    },
  ];
  for (const { reason, fields, value } of cases) {
    it(reason, () => {
      assert.deepStrictEqual(anyValue(...fields), value);
    });
  }
});

describe('decodeProtobufKeyValue', () => {
  /** Decodes KeyValue entries written as repeated field 1 into one object. */
  function attributes(...entries: Field[]): Attributes {
    const r = new ProtobufReader(encode(...entries));
    const out: Attributes = {};
    while (r.pos < r.length) {
      r.tag(r.length, 'test');
      decodeProtobufKeyValue(r, r.length, out, 'test');
    }
    return out;
  }

  const cases: { reason: string; entries: Field[]; expected: Attributes }[] = [
    { reason: 'a KeyValue without value stores null', entries: [message(1, string(1, 'k'))], expected: { k: null } },
    { reason: 'a KeyValue without key stores under ""', entries: [message(1, message(2, string(1, 'v')))], expected: { '': 'v' } },
    {
      reason: 'a repeated key keeps the last value',
      entries: [keyValue(1, 'k', string(1, 'a')), keyValue(1, 'k', string(1, 'b'))],
      expected: { k: 'b' },
    },
    {
      reason: 'key_strindex (profiles only) is skipped',
      entries: [message(1, string(1, 'k'), varint(3, 4), message(2, varint(2, 1)))],
      expected: { k: true },
    },
  ];
  for (const { reason, entries, expected } of cases) {
    it(reason, () => {
      assert.deepStrictEqual(attributes(...entries), expected);
    });
  }

  it('stores the key "__proto__" as an own property instead of replacing the prototype', () => {
    const decoded = attributes(keyValue(1, '__proto__', string(1, 'x')), keyValue(1, 'ok', varint(2, 1)));
    assert.equal(Object.getPrototypeOf(decoded), Object.prototype);
    assert.deepStrictEqual(Object.entries(decoded), [
      ['__proto__', 'x'],
      ['ok', true],
    ]);
  });
});
