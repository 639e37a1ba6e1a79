import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

/** What one export call did: how many spans it carried and whether the receiver accepted them. */
export interface ExportOutcome {
  spans: number;
  ok: boolean;
  error?: Error;
}

/**
 * Reports every export's outcome to a listener, so a sender can tell that everything it emitted
 * was accepted (the simulator fails loudly rather than pass off a partial send as complete).
 */
export class ListenedExporter implements SpanExporter {
  constructor(
    private readonly inner: SpanExporter,
    private readonly listener: (outcome: ExportOutcome) => void,
  ) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      try {
        this.listener({ spans: spans.length, ok: result.code === ExportResultCode.SUCCESS, error: result.error });
      } finally {
        resultCallback(result);
      }
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
