/**
 * Counts of what ingest accepted, dropped as duplicate, and rejected by reason. Reasons come from
 * a closed set so the /metrics label stays bounded; exported by the metrics module.
 */
export type RejectReason = 'invalid' | 'malformed' | 'unauthorized' | 'too_large' | 'overloaded' | 'unsupported';
export type Signal = 'span' | 'log';

export class IngestCounters {
  readonly acceptedBySignal = new Map<Signal, number>();
  readonly duplicatesBySignal = new Map<Signal, number>();
  readonly rejectedByReason = new Map<string, number>();

  accepted(signal: Signal, count: number, duplicates: number): void {
    this.acceptedBySignal.set(signal, (this.acceptedBySignal.get(signal) ?? 0) + count);
    if (duplicates > 0) this.duplicatesBySignal.set(signal, (this.duplicatesBySignal.get(signal) ?? 0) + duplicates);
  }

  rejected(signal: Signal, reason: RejectReason, count: number): void {
    if (count <= 0) return;
    const key = `${signal}:${reason}`;
    this.rejectedByReason.set(key, (this.rejectedByReason.get(key) ?? 0) + count);
  }
}
