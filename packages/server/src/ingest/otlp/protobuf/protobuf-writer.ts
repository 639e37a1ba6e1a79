/**
 * Builds the few small messages the server sends (export responses, google.rpc.Status). Not a
 * hot path: clarity over speed, bytes collected in a plain array.
 */
export class ProtobufWriter {
  private readonly bytes: number[] = [];

  /** A varint field with a non-negative integer up to 2^53 (int32/int64/uint64/enum). */
  varint(fieldNumber: number, value: number): this {
    this.rawVarint(fieldNumber * 8);
    this.rawVarint(value);
    return this;
  }

  string(fieldNumber: number, value: string): this {
    return this.bytesField(fieldNumber, Buffer.from(value, 'utf8'));
  }

  bytesField(fieldNumber: number, value: Uint8Array): this {
    this.rawVarint(fieldNumber * 8 + 2);
    this.rawVarint(value.length);
    for (const byte of value) this.bytes.push(byte);
    return this;
  }

  message(fieldNumber: number, nested: ProtobufWriter): this {
    return this.bytesField(fieldNumber, nested.finish());
  }

  finish(): Buffer {
    return Buffer.from(this.bytes);
  }

  private rawVarint(value: number): void {
    let rest = value;
    while (rest >= 0x80) {
      this.bytes.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    this.bytes.push(rest);
  }
}
