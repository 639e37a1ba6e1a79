import type { Authenticator } from '../tenancy/authenticator.js';
import type { IngestPipeline } from './ingest-pipeline.js';
import type { OtlpFormat, OtlpSignal } from './otlp-format.js';
import type { PlaneMetrics } from '../metrics/plane-metrics.js';
import { storedExport } from './otlp/telemetry-codec.js';

export interface IngestOutcome {
  rejected: number;
  message: string;
  /** The tenant the key belongs to, for the transport's log lines (Loki's `tenant` label). */
  tenant: string;
}

/**
 * The transport-independent part of an export, shared by OTLP/HTTP and OTLP/gRPC:
 * authenticate (the tenant comes from the key only) → decode → validate → durable hand-over.
 * Throws PlaneError / the decoder's error; the transport maps them to its status codes.
 */
export class OtlpIngestHandler {
  constructor(
    private readonly auth: Authenticator,
    private readonly pipeline: IngestPipeline,
    private readonly metrics: PlaneMetrics,
  ) {}

  async handle(signal: OtlpSignal, format: OtlpFormat, body: Buffer, authorization: string | undefined): Promise<IngestOutcome> {
    const principal = await this.auth.authenticate(authorization, 'ingest');
    if (signal === 'traces') {
      const batch = format.decodeTraces(body);
      this.metrics.rejectedInBatch('span', batch.rejected);
      const result = await this.pipeline.submit(principal.tenantId, batch.records, [], await storedExport(format.name, body));
      this.metrics.accepted('span', result.accepted, result.duplicates);
      return { rejected: batch.rejected, message: summarize(batch.rejected, batch.errors, 'span'), tenant: principal.tenantId };
    }
    const batch = format.decodeLogs(body);
    this.metrics.rejectedInBatch('log', batch.rejected);
    const result = await this.pipeline.submit(principal.tenantId, [], batch.records, await storedExport(format.name, body));
    this.metrics.accepted('log', result.accepted, 0);
    return { rejected: batch.rejected, message: summarize(batch.rejected, batch.errors, 'log record'), tenant: principal.tenantId };
  }
}

function summarize(rejected: number, errors: string[], noun: string): string {
  if (rejected === 0) return '';
  return `${rejected} ${noun}${rejected === 1 ? '' : 's'} rejected: ${errors.join('; ')}`;
}
