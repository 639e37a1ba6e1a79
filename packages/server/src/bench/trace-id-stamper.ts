/**
 * Re-sends one serialized request as new calls: overwrites every occurrence of each call's trace
 * id (16 raw bytes in each span) and of its hex form (inside `call-<trace id>` call ids) with a
 * fresh id. The plane deduplicates on trace id + span id, so an identical payload posted twice
 * would be stored once; stamping costs a few hundred byte copies instead of re-serializing.
 */
export class TraceIdStamper {
  private readonly rawOffsets: number[][];
  private readonly hexOffsets: number[][];

  constructor(template: Uint8Array, traceIds: readonly string[], spanCount: number) {
    const bytes = Buffer.from(template.buffer, template.byteOffset, template.byteLength);
    this.rawOffsets = traceIds.map((id) => offsetsOf(bytes, Buffer.from(id, 'hex')));
    this.hexOffsets = traceIds.map((id) => offsetsOf(bytes, Buffer.from(id, 'latin1')));
    const rawCount = this.rawOffsets.reduce((n, o) => n + o.length, 0);
    if (rawCount !== spanCount)
      throw new Error(`found ${rawCount} trace ids for ${spanCount} spans; the template is not what was expected`);
  }

  get calls(): number {
    return this.rawOffsets.length;
  }

  /** Writes ids `prefix ‖ (sequence × 256 + call index)` into `target`, a copy of the template. */
  stamp(target: Buffer, prefix: Buffer, sequence: number): void {
    const id = Buffer.alloc(16);
    prefix.copy(id, 0, 0, 8);
    for (let call = 0; call < this.rawOffsets.length; call++) {
      id.writeBigUInt64BE(BigInt(sequence) * 256n + BigInt(call), 8);
      for (const at of this.rawOffsets[call]) id.copy(target, at);
      const hex = id.toString('hex');
      for (const at of this.hexOffsets[call]) target.write(hex, at, 'latin1');
    }
  }
}

function offsetsOf(haystack: Buffer, needle: Buffer): number[] {
  const found: number[] = [];
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) found.push(at);
  return found;
}
