import type { CallPlan } from './plan/call-plan.js';
import { createTelemetry, type Telemetry } from '@lumay/telemetry';
import { replayCall } from './replay-call.js';

/**
 * One tenant's connection to the plane: an SDK pipeline (OTLP/protobuf, batched) with the
 * tenant's ingest key. Tallies what the plane accepted, so a partial send is never mistaken for
 * a complete one.
 */
export class TenantSender {
  private readonly telemetry: Telemetry;
  private calls = 0;
  private emitted = 0;
  private accepted = 0;
  private firstError: string | undefined;

  /** Emitted calls are synchronous and faster than any exporter: flush every this many spans. */
  private static readonly FLUSH_EVERY_SPANS = 4096;
  private pending = 0;

  constructor(endpoint: string, apiKey: string, serviceName: string) {
    this.telemetry = createTelemetry({
      serviceName,
      endpoint,
      apiKey,
      batch: { maxQueueSize: 4 * TenantSender.FLUSH_EVERY_SPANS, maxExportBatchSize: 1024, scheduledDelayMillis: 200 },
      exportListener: (outcome) => {
        if (outcome.ok) this.accepted += outcome.spans;
        else this.firstError ??= outcome.error?.message ?? 'export failed';
      },
    });
  }

  async send(plans: readonly CallPlan[]): Promise<void> {
    for (const plan of plans) {
      const spans = replayCall(plan, this.telemetry.calls);
      this.calls++;
      this.emitted += spans;
      this.pending += spans;
      if (this.pending >= TenantSender.FLUSH_EVERY_SPANS) await this.flush();
    }
  }

  async flush(): Promise<void> {
    this.pending = 0;
    await this.telemetry.forceFlush();
  }

  /** Calls and spans emitted, spans accepted so far, and the first export error if any. */
  tally(): { calls: number; emitted: number; accepted: number; firstError: string | undefined } {
    return { calls: this.calls, emitted: this.emitted, accepted: this.accepted, firstError: this.firstError };
  }

  shutdown(): Promise<void> {
    return this.telemetry.shutdown();
  }
}
