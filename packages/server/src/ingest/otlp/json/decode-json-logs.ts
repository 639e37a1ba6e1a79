import type { DecodedBatch, LogRecordEntry, ResourceInfo } from '../../../model/telemetry-records.js';
import { emptyBatch, rejectRecord } from '../decoded-batch.js';
import { decodeJsonAttributes, decodeJsonLogBody } from './decode-json-any-value.js';
import { decodeJsonResource } from './decode-json-resource.js';
import { type JsonObject, enumNumber, expectObject, member, optionalArray, optionalString, unixNanosToMicros } from './json-fields.js';
import { badIdReason, jsonIdHex } from './json-id-hex.js';
import { atPath, toDecodeError } from './json-shape-error.js';
import { parseJsonBody } from './parse-json-body.js';

/** SeverityNumber names (logs.proto: each level has four steps, TRACE = 1 … FATAL4 = 24). */
const SEVERITY_NUMBERS: Readonly<Record<string, number>> = severityNumberNames();

/**
 * Decodes an OTLP/JSON ExportLogsServiceRequest into the same LogRecordEntries as the protobuf
 * decoder. Throws OtlpDecodeError (naming the JSON path) when the body is not such a request;
 * records whose ids are unreadable are counted in `rejected`.
 */
export function decodeJsonLogs(body: Uint8Array | string): DecodedBatch<LogRecordEntry> {
  const request = parseJsonBody(body, 'an ExportLogsServiceRequest');
  const batch = emptyBatch<LogRecordEntry>();
  try {
    const resourceLogs = optionalArray(member(request, 'resourceLogs', 'resource_logs'), 'resourceLogs');
    for (let i = 0; i < resourceLogs.length; i++) {
      try {
        decodeResourceLogs(resourceLogs[i], batch, i);
      } catch (error) {
        throw atPath(error, `resourceLogs[${i}]`);
      }
    }
  } catch (error) {
    throw toDecodeError(error);
  }
  return batch;
}

function decodeResourceLogs(value: unknown, batch: DecodedBatch<LogRecordEntry>, resourceIndex: number): void {
  const resourceLogs = expectObject(value);
  const resource = decodeJsonResource(resourceLogs.resource);
  const scopeLogs = optionalArray(member(resourceLogs, 'scopeLogs', 'scope_logs'), 'scopeLogs');
  for (let i = 0; i < scopeLogs.length; i++) {
    try {
      const logRecords = optionalArray(member(expectObject(scopeLogs[i]), 'logRecords', 'log_records'), 'logRecords');
      for (let j = 0; j < logRecords.length; j++) {
        try {
          const log = decodeLogRecord(expectObject(logRecords[j]), resource);
          if (typeof log === 'string') rejectRecord(batch, `resourceLogs[${resourceIndex}].scopeLogs[${i}].logRecords[${j}]: ${log}`);
          else batch.records.push(log);
        } catch (error) {
          throw atPath(error, `logRecords[${j}]`);
        }
      }
    } catch (error) {
      throw atPath(error, `scopeLogs[${i}]`);
    }
  }
}

/** Returns the record, or the reason it is rejected when an id is unreadable. */
function decodeLogRecord(log: JsonObject, resource: ResourceInfo): LogRecordEntry | string {
  const rawTraceId = member(log, 'traceId', 'trace_id');
  const traceId = jsonIdHex(rawTraceId, 16, 'traceId');
  const rawSpanId = member(log, 'spanId', 'span_id');
  const spanId = jsonIdHex(rawSpanId, 8, 'spanId');
  const timeUs = unixNanosToMicros(member(log, 'timeUnixNano', 'time_unix_nano'), 'timeUnixNano');
  const record: LogRecordEntry = {
    // Both ids are optional on a log record; all-zero ids are how some SDKs write "no trace".
    traceId: traceId === undefined || traceId === '00000000000000000000000000000000' ? '' : traceId,
    spanId: spanId === undefined || spanId === '0000000000000000' ? '' : spanId,
    timeUs:
      timeUs !== 0 ? timeUs : unixNanosToMicros(member(log, 'observedTimeUnixNano', 'observed_time_unix_nano'), 'observedTimeUnixNano'),
    severityNumber: enumNumber(member(log, 'severityNumber', 'severity_number'), SEVERITY_NUMBERS, 'severityNumber'),
    severityText: optionalString(member(log, 'severityText', 'severity_text'), 'severityText'),
    body: decodeJsonLogBody(log.body, 'body'),
    attributes: {},
    resource,
  };
  decodeJsonAttributes(log.attributes, record.attributes, 'attributes');
  if (traceId === undefined) return badIdReason('traceId', rawTraceId, 16);
  if (spanId === undefined) return badIdReason('spanId', rawSpanId, 8);
  return record;
}

function severityNumberNames(): Record<string, number> {
  const names: Record<string, number> = { SEVERITY_NUMBER_UNSPECIFIED: 0 };
  const levels = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL'];
  for (let level = 0; level < levels.length; level++) {
    for (let step = 0; step < 4; step++) {
      names[`SEVERITY_NUMBER_${levels[level]}${step === 0 ? '' : step + 1}`] = level * 4 + step + 1;
    }
  }
  return names;
}
