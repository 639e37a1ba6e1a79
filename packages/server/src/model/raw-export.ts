/**
 * An OTLP export request as the store keeps it: compressed, so the write-ahead log, the fsync and
 * DuckDB's checkpoints move an eighth of the bytes (OTLP protobuf, Brotli quality 1, measured) and
 * large values do not crowd DuckDB's buffer pool. A request that came gzip-compressed is kept as it
 * came; any other is compressed with Brotli (quality 1) after its transport's decompression.
 */
export interface RawExport {
  encoding: 'protobuf' | 'json';
  /**
   * 'brotli': compressed by the plane (telemetry-codec.ts); 'deflate-raw': stored so by earlier
   * versions, still read; 'gzip': the request came gzip-compressed and is kept as it came.
   */
  compression: 'none' | 'brotli' | 'deflate-raw' | 'gzip';
  body: Uint8Array;
}
