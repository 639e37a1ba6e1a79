import type { TimeInput } from '@opentelemetry/api';

/** Milliseconds since the epoch, with sub-millisecond precision; `undefined` means now. */
export function epochMillis(time: TimeInput | undefined): number {
  if (time === undefined) return performance.timeOrigin + performance.now();
  if (time instanceof Date) return time.getTime();
  if (Array.isArray(time)) return time[0] * 1000 + time[1] / 1e6;
  // The OpenTelemetry SDK reads small numbers as performance.now() offsets; do the same.
  return time < performance.timeOrigin ? performance.timeOrigin + time : time;
}
