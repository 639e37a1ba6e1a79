import { ExportResultCode, type ExportResult } from '@opentelemetry/core';

/** The shape shared by SpanExporter and LogRecordExporter. */
export interface BatchExporter<T> {
  export(items: T[], resultCallback: (result: ExportResult) => void): void;
  shutdown(): Promise<void>;
  forceFlush?(): Promise<void>;
}

/**
 * Wraps an exporter and counts what it delivered and what it lost. Batch processors report a
 * failed scheduled export only to the global error handler, so without this a sender could not
 * tell "sent" from "dropped".
 */
export class ExportTally<T> implements BatchExporter<T> {
  exported = 0;
  failed = 0;
  firstError: string | null = null;

  constructor(private readonly inner: BatchExporter<T>) {}

  export(items: T[], resultCallback: (result: ExportResult) => void): void {
    this.inner.export(items, (result) => {
      if (result.code === ExportResultCode.SUCCESS) {
        this.exported += items.length;
      } else {
        this.failed += items.length;
        this.firstError ??= result.error?.message ?? 'export failed';
      }
      resultCallback(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}
