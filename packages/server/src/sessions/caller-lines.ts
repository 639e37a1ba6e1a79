import { LogAttr } from '@lumay/conventions';
import type { LogRecordEntry } from '../model/telemetry-records.js';
import { asToken, attributeOf } from './attribute-readers.js';
import type { CallerLine } from './in-flight-call.js';

/** The caller's transcript line a log record carries, or null for any other record. */
export function callerLineOf(log: LogRecordEntry): CallerLine | null {
  if (log.traceId === '' || log.body.trim() === '') return null;
  if (asToken(attributeOf(log.attributes, LogAttr.transcriptRole)) !== 'caller') return null;
  return { timeUs: log.timeUs, text: log.body };
}
