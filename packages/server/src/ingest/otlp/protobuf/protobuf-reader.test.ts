import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OtlpDecodeError } from '../otlp-decode-error.js';
import { ProtobufReader } from './protobuf-reader.js';

const reader = (...bytes: number[]): ProtobufReader => new ProtobufReader(Uint8Array.from(bytes));

/** Little-endian bytes of a fixed64. */
const fixed64Bytes = (value: bigint): number[] => Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(8 * i)) & 0xffn));

describe('ProtobufReader.uint32', () => {
  const cases: { reason: string; bytes: number[]; value: number }[] = [
    { reason: 'one byte', bytes: [0x7f], value: 127 },
    { reason: 'two bytes', bytes: [0x96, 0x01], value: 150 },
    { reason: 'four bytes, the largest without the fifth', bytes: [0xff, 0xff, 0xff, 0x7f], value: 2 ** 28 - 1 },
    { reason: 'five bytes up to 2^32 - 1', bytes: [0xff, 0xff, 0xff, 0xff, 0x0f], value: 2 ** 32 - 1 },
    { reason: 'a redundant zero continuation is still the same number', bytes: [0x81, 0x00], value: 1 },
  ];
  for (const { reason, bytes, value } of cases) {
    it(reason, () => {
      const r = reader(...bytes);
      assert.equal(r.uint32(r.length, 'test'), value);
      assert.equal(r.pos, bytes.length);
    });
  }

  it('rejects a value of 2^32 or more', () => {
    const r = reader(0x80, 0x80, 0x80, 0x80, 0x10);
    assert.throws(() => r.uint32(r.length, 'X.y'), /^OtlpDecodeError: varint at byte 0 in X\.y does not fit 32 bits$/);
  });
});

describe('ProtobufReader.int64', () => {
  const cases: { reason: string; bytes: number[]; value: number }[] = [
    { reason: 'zero', bytes: [0x00], value: 0 },
    { reason: 'a value crossing the 32-bit boundary', bytes: [0x80, 0x80, 0x80, 0x80, 0x10], value: 2 ** 32 },
    { reason: '2^53 - 1, the largest exact number', bytes: [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0f], value: 2 ** 53 - 1 },
    { reason: '-1 as ten bytes', bytes: [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], value: -1 },
    {
      reason: 'the smallest int64 (precision beyond 2^53 is not kept, the magnitude is)',
      bytes: [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01],
      value: -(2 ** 63),
    },
    { reason: 'a negative int32 enum written sign-extended', bytes: [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], value: -2 },
  ];
  for (const { reason, bytes, value } of cases) {
    it(reason, () => {
      const r = reader(...bytes);
      assert.equal(r.int64(r.length, 'test'), value);
      assert.equal(r.pos, bytes.length);
    });
  }

  it('rejects an eleventh byte', () => {
    const r = reader(...new Array<number>(10).fill(0xff), 0x01);
    assert.throws(() => r.int64(r.length, 'test'), OtlpDecodeError);
  });
});

describe('ProtobufReader.fixed64Micros', () => {
  const cases: { reason: string; nanos: bigint }[] = [
    { reason: 'zero', nanos: 0n },
    { reason: 'below one microsecond truncates to 0', nanos: 999n },
    { reason: 'a 2023 timestamp with every digit significant', nanos: 1_700_000_000_123_456_789n },
    { reason: 'a low word that carries into the microseconds of the high word', nanos: 2n ** 32n * 1_000_000n + 2n ** 32n - 1n },
    { reason: 'the year 2100', nanos: 4_102_444_800_999_999_999n },
    { reason: 'the last exact microsecond (2^53 µs, year 2255)', nanos: 2n ** 53n * 1000n + 999n },
  ];
  for (const { reason, nanos } of cases) {
    it(reason, () => {
      const r = reader(...fixed64Bytes(nanos));
      assert.equal(r.fixed64Micros(r.length, 'test'), Number(nanos / 1000n));
    });
  }

  it('fails on fewer than 8 bytes left in the message', () => {
    const r = reader(1, 2, 3, 4, 5, 6, 7, 8);
    assert.throws(() => r.fixed64Micros(7, 'Span.start_time_unix_nano'), /^OtlpDecodeError: truncated fixed64 at byte 0 in Span\.start_time_unix_nano$/);
  });
});

describe('ProtobufReader.sharedHex', () => {
  it('gives the same string for repeated bytes and the right one for bytes that differ anywhere', () => {
    // Three 4-byte ids: the first repeated, then one differing only in its last byte.
    const r = reader(0xab, 0, 0, 1, 0xab, 0, 0, 1, 0xab, 0, 0, 2, 0xab, 0, 0);
    const memo = r.lastTraceId;
    const first = r.sharedHex(0, 4, memo);
    assert.equal(first, 'ab000001');
    assert.equal(r.sharedHex(4, 4, memo), 'ab000001');
    assert.equal(r.sharedHex(8, 4, memo), 'ab000002');
    assert.equal(r.sharedHex(0, 4, memo), 'ab000001');
    assert.equal(r.sharedHex(12, 3, memo), 'ab0000', 'a shorter range is never the memo’s');
  });
});
