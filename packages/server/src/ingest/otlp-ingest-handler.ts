import type { Authenticator } from '../tenancy/authenticator.js';
import type { PlaneIngest } from './plane-ingest.js';
import type { OtlpFormat, OtlpSignal } from './otlp-format.js';
import type { PlaneMetrics } from '../metrics/plane-metrics.js';

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
    private readonly ingest: PlaneIngest,
    private readonly metrics: PlaneMetrics,
  ) {}

  /** `gzipped`: the request as it came, when it came gzip-compressed (kept as the stored form). */
  async handle(signal: OtlpSignal, format: OtlpFormat, body: Buffer, authorization: string | undefined, gzipped?: Buffer): Promise<IngestOutcome> {
    const principal = await this.auth.authenticate(authorization, 'ingest');
    const result = await this.ingest.export(principal.tenantId, signal, format.name, body, gzipped);
    const kind = signal === 'traces' ? 'span' : 'log';
    this.metrics.rejectedInBatch(kind, result.rejected);
    this.metrics.accepted(kind, result.accepted, result.duplicates);
    const noun = signal === 'traces' ? 'span' : 'log record';
    return { rejected: result.rejected, message: summarize(result.rejected, result.errors, noun), tenant: principal.tenantId };
  }
}

function summarize(rejected: number, errors: string[], noun: string): string {
  if (rejected === 0) return '';
  return `${rejected} ${noun}${rejected === 1 ? '' : 's'} rejected: ${errors.join('; ')}`;
}
