/**
 * Internal records decoded from OTLP. Decoders (protobuf, JSON) produce exactly these, so every
 * later step is independent of the wire format.
 *
 * Times are microseconds since the Unix epoch as plain numbers: nanoseconds do not fit a double
 * (2^53 ≈ 9.0e15 < 1.7e18) and bigint arithmetic is several times slower; DuckDB timestamps are
 * microsecond precision anyway.
 */

/** An attribute value as OTLP AnyValue, flattened to JSON-compatible values. int64 becomes number. */
export type AttributeValue =
  | string
  | number
  | boolean
  | null
  | AttributeValue[]
  | { [key: string]: AttributeValue };

export type Attributes = Record<string, AttributeValue>;

/** Shared by every span/log of one ResourceSpans/ResourceLogs block; never copied per record. */
export interface ResourceInfo {
  attributes: Attributes;
  /** `service.name`, or '' when absent. */
  serviceName: string;
}

export interface SpanEventRecord {
  name: string;
  timeUs: number;
  attributes: Attributes;
}

export interface SpanRecord {
  /** 32 lowercase hex characters. */
  traceId: string;
  /** 16 lowercase hex characters. */
  spanId: string;
  /** 16 lowercase hex characters, or '' for a root span. */
  parentSpanId: string;
  name: string;
  /** OTLP SpanKind enum value (0 unspecified … 5 consumer). */
  kind: number;
  startUs: number;
  endUs: number;
  /** OTLP StatusCode: 0 unset, 1 ok, 2 error. */
  statusCode: number;
  statusMessage: string;
  attributes: Attributes;
  events: SpanEventRecord[];
  resource: ResourceInfo;
  scopeName: string;
}

export interface LogRecordEntry {
  /** '' when the record belongs to no trace. */
  traceId: string;
  spanId: string;
  /** time_unix_nano, or observed_time_unix_nano when the former is 0. */
  timeUs: number;
  severityNumber: number;
  severityText: string;
  /** String bodies as is; structured bodies as their JSON text. */
  body: string;
  attributes: Attributes;
  resource: ResourceInfo;
}

/** What a decoder returns: the accepted records and what it had to reject (OTLP partial success). */
export interface DecodedBatch<T> {
  records: T[];
  rejected: number;
  /** First few rejection reasons, for the partial_success message. */
  errors: string[];
}
