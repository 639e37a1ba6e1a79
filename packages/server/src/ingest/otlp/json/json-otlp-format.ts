import type { OtlpFormat } from '../../otlp-format.js';
import { decodeJsonLogs } from './decode-json-logs.js';
import { decodeJsonTraces } from './decode-json-traces.js';
import { encodeJsonExportResponse } from './encode-json-export-response.js';
import { encodeJsonStatus } from './encode-json-status.js';

/** OTLP/JSON (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding). */
export const jsonOtlpFormat: OtlpFormat = {
  name: 'json',
  contentType: 'application/json',
  decodeTraces: decodeJsonTraces,
  decodeLogs: decodeJsonLogs,
  encodeResponse: encodeJsonExportResponse,
  encodeStatus: encodeJsonStatus,
};
