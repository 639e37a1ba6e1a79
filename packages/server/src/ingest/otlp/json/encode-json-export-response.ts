import type { OtlpSignal } from '../../otlp-format.js';

/**
 * An ExportTraceServiceResponse / ExportLogsServiceResponse in OTLP/JSON. `partialSuccess` is
 * omitted on full success (https://opentelemetry.io/docs/specs/otlp/#full-success) and the int64
 * count is a decimal string, as the proto3 JSON mapping writes 64-bit integers.
 */
export function encodeJsonExportResponse(signal: OtlpSignal, rejected: number, message: string): Buffer {
  if (rejected === 0 && message === '') return Buffer.from('{}');
  const partialSuccess: Record<string, string> = {};
  if (rejected !== 0) partialSuccess[signal === 'traces' ? 'rejectedSpans' : 'rejectedLogRecords'] = String(rejected);
  if (message !== '') partialSuccess.errorMessage = message;
  return Buffer.from(JSON.stringify({ partialSuccess }));
}
