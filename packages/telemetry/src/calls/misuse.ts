import { diag } from '@opentelemetry/api';
import type { EngineMetrics, ErrorKind } from '../metrics/engine-metrics.js';

/**
 * Where the call-session API reports a misuse (ending twice, no outcome, a span left open, a bad
 * argument). It never throws at run time (an instrumented engine must not fail because of its
 * telemetry): it warns through the OpenTelemetry `diag` logger, the first time per kind and then
 * every 1000th, and counts every occurrence in `lumay_engine_errors_total{kind}`.
 */
export class MisuseReporter {
  private readonly seen = new Map<ErrorKind, number>();

  constructor(private readonly metrics: EngineMetrics | undefined) {}

  report(kind: ErrorKind, message: string): void {
    const count = (this.seen.get(kind) ?? 0) + 1;
    this.seen.set(kind, count);
    this.metrics?.error(kind);
    if (count === 1 || count % 1000 === 0) diag.warn(`@lumay/telemetry: ${message} (${kind}, ${count} so far)`);
  }

  /** How many times each kind occurred in this process. */
  counts(): ReadonlyMap<ErrorKind, number> {
    return this.seen;
  }
}
