import { EventEmitter } from 'node:events';
import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { PlaneConfig } from '../../config.js';
import type { PriceBookVersion } from '../../cost/price-book.js';
import type { LiveCall } from '../../sessions/in-flight-call.js';
import type { Store } from '../../store/store.js';
import { PlaneError } from '../../errors/plane-error.js';
import type { OtlpFormat, OtlpSignal } from '../otlp-format.js';
import type { ExportResult, IngestEvents, IngestStatus, PlaneIngest } from '../plane-ingest.js';
import type { ObserveWrite } from '../local-ingest.js';
import { RpcPeer } from './rpc-peer.js';
import { NOTE, type IngestStoreApi, type IngestWorkerApi, type IngestWorkerData } from './ingest-worker-api.js';

/** A copy the worker can own (transferred, not cloned): a received buffer may share its memory with others. */
function ownedCopy(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  const owned = new Uint8Array(bytes.byteLength);
  owned.set(bytes);
  return owned;
}

const WORKER_MODULE = new URL('./ingest-worker-main.js', import.meta.url);
/** A worker that died is started again after this long (it restores its calls from the store). */
const RESTART_DELAY_MILLIS = 1000;

interface Running {
  worker: Worker;
  peer: RpcPeer<IngestStoreApi, IngestWorkerApi>;
}

/**
 * Ingest on a worker thread of its own (ingest-worker-main.ts runs a LocalIngest there). The main
 * thread keeps HTTP, the API and DuckDB, which cannot be shared across threads (a second
 * instance on the same file in a worker is a separate database), so the worker's store calls
 * come back here. What crosses per export is the request body (transferred, not copied), its
 * counts back, the exports to append (the compressed body and its traces' start times) and, once
 * a call, its session.
 *
 * If the worker dies, the exports waiting on it fail with 503 (their senders retry) and a new
 * worker restores the calls in flight from the store, as a restart of the plane would.
 */
export class WorkerIngest extends EventEmitter<IngestEvents> implements PlaneIngest {
  private running: Promise<Running>;
  private last: IngestStatus = { inFlight: 0, inFlightByTenant: new Map(), pendingSpans: 0, notCallTraces: 0, workerHeapBytes: null };
  private stopping = false;

  private constructor(
    private readonly store: Store,
    private readonly data: IngestWorkerData,
    private readonly logger: Logger,
    private readonly observeWrite: ObserveWrite | undefined,
  ) {
    super();
    this.running = this.spawn();
  }

  /** Resolves once the worker has restored the calls in flight and serves. */
  static async start(store: Store, config: Readonly<PlaneConfig>, logger: Logger, observeWrite?: ObserveWrite): Promise<WorkerIngest> {
    const ingest = new WorkerIngest(store, { config, logLevel: logger.level }, logger, observeWrite);
    await ingest.running;
    return ingest;
  }

  private spawn(): Promise<Running> {
    const worker = new Worker(WORKER_MODULE, {
      workerData: this.data,
      name: 'lumay-ingest',
      // A heap limit under 2 GB also makes V8 let the heap grow to at most about twice what it
      // keeps between collections, not four times: under 100k spans/s the worker's heap peaked at
      // 200 MB instead of 470 MB, the same throughput (docs/performance.md).
      resourceLimits: { maxOldGenerationSizeMb: this.data.config.ingestHeapMb },
    });
    const store = this.store;
    const local: IngestStoreApi = {
      appendExports: (exports) => store.appendExports(exports),
      saveSessions: async (sessions, options) => {
        await store.saveSessions(sessions, options);
        this.emit('sessions', sessions);
      },
      spansOfTrace: (tenantId, traceId) => store.spansOfTrace(tenantId, traceId),
      sessionOfTrace: (tenantId, traceId) => store.sessionOfTrace(tenantId, traceId),
      logsOfTrace: (tenantId, traceId) => store.logsOfTrace(tenantId, traceId),
      storedTraces: (traces) => store.storedTraces(traces),
      loadOpenTraces: (sinceUs) => store.loadOpenTraces(sinceUs),
      recentCompletedTraces: (sinceUs) => store.recentCompletedTraces(sinceUs),
      listPriceBookVersions: () => store.listPriceBookVersions(),
    };
    return new Promise<Running>((resolve, reject) => {
      let ready = false;
      const peer = new RpcPeer<IngestStoreApi, IngestWorkerApi>(worker, local, (name, payload) => {
        if (name === NOTE.status) this.last = payload as IngestStatus;
        else if (name === NOTE.write) {
          const { operation, seconds } = payload as { operation: 'append' | 'sessions'; seconds: number };
          this.observeWrite?.(operation, seconds);
        } else if (name === NOTE.ready) {
          ready = true;
          resolve({ worker, peer });
        } else if (name === NOTE.failed) reject(new Error(`the ingest worker could not start: ${String(payload)}`));
      });
      worker.on('error', (error) => this.logger.error({ err: error }, 'the ingest worker failed'));
      worker.on('exit', (code) => {
        peer.failAll(PlaneError.unavailable('ingest is restarting; retry after the indicated delay', 2));
        if (!ready) reject(new Error(`the ingest worker exited (${code}) while starting`));
        else if (!this.stopping) this.restartAfterExit(code);
      });
    });
  }

  private restartAfterExit(code: number): void {
    this.logger.error({ code }, 'the ingest worker exited; starting a new one, which restores the calls in flight');
    this.running = new Promise<void>((r) => setTimeout(r, RESTART_DELAY_MILLIS)).then(() => this.spawn());
    this.running.catch((error: unknown) => this.logger.error({ err: error }, 'the ingest worker could not be restarted'));
  }

  private async call<K extends keyof IngestWorkerApi>(
    method: K,
    args: Parameters<IngestWorkerApi[K]>,
    transfer?: ArrayBuffer[],
  ): Promise<Awaited<ReturnType<IngestWorkerApi[K]>>> {
    const { peer } = await this.running.catch(() => {
      throw PlaneError.unavailable('ingest is not running; retry after the indicated delay', 2);
    });
    return peer.call(method, args, transfer);
  }

  export(tenantId: string, signal: OtlpSignal, encoding: OtlpFormat['name'], body: Uint8Array, gzipped?: Uint8Array): Promise<ExportResult> {
    const owned = ownedCopy(body);
    if (!gzipped) return this.call('export', [tenantId, signal, encoding, owned], [owned.buffer]);
    const ownedGzipped = ownedCopy(gzipped);
    return this.call('export', [tenantId, signal, encoding, owned, ownedGzipped], [owned.buffer, ownedGzipped.buffer]);
  }

  liveCalls(tenantId: string, limit: number): Promise<LiveCall[]> {
    return this.call('liveCalls', [tenantId, limit]);
  }

  status(): IngestStatus {
    return this.last;
  }

  priceBookChanged(version: PriceBookVersion): void {
    this.call('priceBookChanged', [version]).catch((error: unknown) =>
      this.logger.error({ err: error }, 'the ingest worker did not take the new price book version'),
    );
  }

  flush(): Promise<void> {
    return this.call('flush', []);
  }

  async tick(): Promise<void> {
    await this.call('tick', []);
    this.last = await this.call('status', []);
  }

  sessionWritesSettled(): Promise<void> {
    return this.call('sessionWritesSettled', []);
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const { worker } = await this.running;
    await this.call('stop', []);
    await worker.terminate();
  }
}
