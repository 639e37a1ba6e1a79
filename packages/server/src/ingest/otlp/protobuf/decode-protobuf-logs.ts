import type { DecodedBatch, LogRecordEntry, ResourceInfo } from '../../../model/telemetry-records.js';
import { emptyBatch, rejectRecord } from '../decoded-batch.js';
import { newResourceInfo } from '../resource-info.js';
import { decodeProtobufKeyValue, decodeProtobufLogBody } from './decode-protobuf-any-value.js';
import { decodeProtobufResource } from './decode-protobuf-resource.js';
import { ProtobufReader, WIRE_FIXED32, WIRE_FIXED64, WIRE_LEN, WIRE_VARINT } from './protobuf-reader.js';

/**
 * Decodes an ExportLogsServiceRequest (opentelemetry/proto/collector/logs/v1/logs_service.proto)
 * straight into LogRecordEntries. Throws OtlpDecodeError when the bytes are not such a message;
 * records whose trace/span ids have an impossible length are counted in `rejected`.
 */
export function decodeProtobufLogs(body: Uint8Array): DecodedBatch<LogRecordEntry> {
  const r = new ProtobufReader(body);
  const batch = emptyBatch<LogRecordEntry>();
  const end = r.length;
  let resourceIndex = 0;
  while (r.pos < end) {
    const tag = r.tag(end, 'ExportLogsServiceRequest');
    if (tag >>> 3 === 1) {
      r.expectWireType(tag, WIRE_LEN, 'ExportLogsServiceRequest.resource_logs');
      const stop = r.lengthEnd(end, 'ExportLogsServiceRequest.resource_logs');
      decodeResourceLogs(r, stop, batch, resourceIndex++);
    } else {
      r.skip(tag, end, 'ExportLogsServiceRequest');
    }
  }
  return batch;
}

function decodeResourceLogs(r: ProtobufReader, end: number, batch: DecodedBatch<LogRecordEntry>, resourceIndex: number): void {
  const resource = newResourceInfo();
  let scopeIndex = 0;
  while (r.pos < end) {
    const tag = r.tag(end, 'ResourceLogs');
    switch (tag >>> 3) {
      case 1:
        r.expectWireType(tag, WIRE_LEN, 'ResourceLogs.resource');
        decodeProtobufResource(r, end, resource, 'ResourceLogs.resource');
        break;
      case 2: {
        r.expectWireType(tag, WIRE_LEN, 'ResourceLogs.scope_logs');
        const stop = r.lengthEnd(end, 'ResourceLogs.scope_logs');
        const where = `resource_logs[${resourceIndex}].scope_logs[${scopeIndex++}]`;
        let logIndex = 0;
        while (r.pos < stop) {
          const scopeTag = r.tag(stop, 'ScopeLogs');
          if (scopeTag >>> 3 === 2) {
            r.expectWireType(scopeTag, WIRE_LEN, 'ScopeLogs.log_records');
            const log = decodeLogRecord(r, r.lengthEnd(stop, 'ScopeLogs.log_records'), resource);
            if (typeof log === 'string') rejectRecord(batch, `${where}.log_records[${logIndex}]: ${log}`);
            else batch.records.push(log);
            logIndex++;
          } else {
            // 1 = scope (LogRecordEntry keeps no scope), 3 = schema_url
            r.skip(scopeTag, stop, 'ScopeLogs');
          }
        }
        break;
      }
      default:
        // 3 = schema_url; 1000 = instrumentation_library_logs, removed in OTLP 1.0.
        r.skip(tag, end, 'ResourceLogs');
    }
  }
}

/** opentelemetry/proto/logs/v1/logs.proto LogRecord; returns the rejection reason instead when ids are unusable. */
function decodeLogRecord(r: ProtobufReader, end: number, resource: ResourceInfo): LogRecordEntry | string {
  let traceStart = 0;
  let traceLength = 0;
  let spanStart = 0;
  let spanLength = 0;
  let observedUs = 0;
  const log: LogRecordEntry = {
    traceId: '',
    spanId: '',
    timeUs: 0,
    severityNumber: 0,
    severityText: '',
    body: '',
    attributes: {},
    resource,
  };
  while (r.pos < end) {
    const tag = r.tag(end, 'LogRecord');
    switch (tag >>> 3) {
      case 1:
        r.expectWireType(tag, WIRE_FIXED64, 'LogRecord.time_unix_nano');
        log.timeUs = r.fixed64Micros(end, 'LogRecord.time_unix_nano');
        break;
      case 11:
        r.expectWireType(tag, WIRE_FIXED64, 'LogRecord.observed_time_unix_nano');
        observedUs = r.fixed64Micros(end, 'LogRecord.observed_time_unix_nano');
        break;
      case 2:
        r.expectWireType(tag, WIRE_VARINT, 'LogRecord.severity_number');
        log.severityNumber = r.int64(end, 'LogRecord.severity_number');
        break;
      case 3:
        r.expectWireType(tag, WIRE_LEN, 'LogRecord.severity_text');
        log.severityText = r.string(end, 'LogRecord.severity_text');
        break;
      case 5:
        r.expectWireType(tag, WIRE_LEN, 'LogRecord.body');
        log.body = decodeProtobufLogBody(r, end, 'LogRecord.body');
        break;
      case 6:
        r.expectWireType(tag, WIRE_LEN, 'LogRecord.attributes');
        decodeProtobufKeyValue(r, end, log.attributes, 'LogRecord.attributes');
        break;
      case 9: {
        r.expectWireType(tag, WIRE_LEN, 'LogRecord.trace_id');
        const stop = r.lengthEnd(end, 'LogRecord.trace_id');
        traceStart = r.pos;
        traceLength = stop - traceStart;
        r.pos = stop;
        break;
      }
      case 10: {
        r.expectWireType(tag, WIRE_LEN, 'LogRecord.span_id');
        const stop = r.lengthEnd(end, 'LogRecord.span_id');
        spanStart = r.pos;
        spanLength = stop - spanStart;
        r.pos = stop;
        break;
      }
      case 7:
        r.expectWireType(tag, WIRE_VARINT, 'LogRecord.dropped_attributes_count');
        r.skip(tag, end, 'LogRecord');
        break;
      case 8:
        r.expectWireType(tag, WIRE_FIXED32, 'LogRecord.flags');
        r.skip(tag, end, 'LogRecord');
        break;
      default:
        // 4 is reserved (removed field); 12 = event_name, not kept in LogRecordEntry.
        r.skip(tag, end, 'LogRecord');
    }
  }
  if (log.timeUs === 0) log.timeUs = observedUs;

  // Both ids are optional on a log record; all-zero ids are how some SDKs write "no trace".
  if (traceLength !== 0 && traceLength !== 16) return `trace_id is ${traceLength} bytes, expected 0 or 16`;
  if (spanLength !== 0 && spanLength !== 8) return `span_id is ${spanLength} bytes, expected 0 or 8`;
  if (traceLength !== 0 && !r.isAllZero(traceStart, traceLength)) {
    log.traceId = r.sharedHex(traceStart, traceLength, r.lastTraceId);
  }
  if (spanLength !== 0 && !r.isAllZero(spanStart, spanLength)) {
    log.spanId = r.hex(spanStart, spanLength);
  }
  return log;
}
