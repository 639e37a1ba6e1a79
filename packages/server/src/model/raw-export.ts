/**
 * An OTLP export request as it arrived (after transport decompression), as the store keeps it:
 * compressed again with raw DEFLATE at level 1 (about 6× smaller for OTLP protobuf, measured), so
 * the write-ahead log, the fsync and DuckDB's checkpoints move a sixth of the bytes, and large
 * values do not crowd DuckDB's buffer pool.
 */
export interface RawExport {
  encoding: 'protobuf' | 'json';
  /** 'gzip': the request came gzip-compressed and is kept as it came (no second compression). */
  compression: 'none' | 'deflate-raw' | 'gzip';
  body: Uint8Array;
}
