import type { OtlpFormat } from './otlp-format.js';
import { protobufOtlpFormat } from './otlp/protobuf/protobuf-otlp-format.js';
import { jsonOtlpFormat } from './otlp/json/json-otlp-format.js';

/** The two OTLP encodings the plane speaks. */
export function otlpFormats(): { protobuf: OtlpFormat; json: OtlpFormat } {
  return { protobuf: protobufOtlpFormat, json: jsonOtlpFormat };
}
