/**
 * The ingest worker thread: decoding, group commit and call assembly (LocalIngest) beside the
 * main thread, which keeps HTTP and the database. Its store is the main thread's, reached over
 * RPC; its price books are a copy kept current by the main thread.
 */
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { PriceBooks } from '../../cost/price-books.js';
import { DEFAULT_PRICE_BOOK } from '../../cost/default-price-book.js';
import { createLogger } from '../../logging/create-logger.js';
import { LocalIngest } from '../local-ingest.js';
import type { IngestStatus } from '../plane-ingest.js';
import { RpcPeer, type RpcPort } from './rpc-peer.js';
import { HeapWatch } from './heap-watch.js';
import { NOTE, type IngestStoreApi, type IngestWorkerApi, type IngestWorkerData } from './ingest-worker-api.js';

const STATUS_EVERY_MILLIS = 100;
/**
 * New calls are refused (429) once the calls in flight keep this share of the worker's heap limit
 * (LUMAY_INGEST_HEAP_MB) after a full collection: the rest is room for the garbage of decoding
 * and building between collections, which a heap this full collects often.
 */
const HEAP_FULL_SHARE = 0.7;

async function main(port: RpcPort, data: IngestWorkerData): Promise<void> {
  let ingest: LocalIngest | null = null;
  /** Request bodies of the exports being handled: memory the heap watch does not count as calls'. */
  let bodyBytesHeld = 0;
  const started = (): LocalIngest => {
    if (!ingest) throw new Error('the ingest worker is starting');
    return ingest;
  };
  const api: IngestWorkerApi = {
    export: async (tenantId, signal, encoding, body, gzipped) => {
      const bytes = body.byteLength + (gzipped?.byteLength ?? 0);
      bodyBytesHeld += bytes;
      try {
        return await started().export(tenantId, signal, encoding, body, gzipped);
      } finally {
        bodyBytesHeld -= bytes;
      }
    },
    liveCalls: (tenantId, limit) => started().liveCalls(tenantId, limit),
    status: () => statusOf(started()),
    priceBookChanged: (version) => started().priceBookChanged(version),
    flush: () => started().flush(),
    tick: () => started().tick(),
    sessionWritesSettled: () => started().sessionWritesSettled(),
    stop: async () => {
      await started().stop();
      clearInterval(status);
      heap.stop();
    },
  };
  const peer = new RpcPeer<IngestWorkerApi, IngestStoreApi>(port, api);
  const store: IngestStoreApi = {
    appendExports: (exports) => peer.call('appendExports', [exports]),
    saveSessions: (sessions, options) => peer.call('saveSessions', [sessions, options]),
    spansOfTrace: (tenantId, traceId) => peer.call('spansOfTrace', [tenantId, traceId]),
    sessionOfTrace: (tenantId, traceId) => peer.call('sessionOfTrace', [tenantId, traceId]),
    logsOfTrace: (tenantId, traceId) => peer.call('logsOfTrace', [tenantId, traceId]),
    storedTraces: (traces) => peer.call('storedTraces', [traces]),
    loadOpenTraces: (sinceUs) => peer.call('loadOpenTraces', [sinceUs]),
    recentCompletedTraces: (sinceUs) => peer.call('recentCompletedTraces', [sinceUs]),
    listPriceBookVersions: () => peer.call('listPriceBookVersions', []),
  };
  const heap = new HeapWatch(data.config.ingestHeapMb * 2 ** 20, HEAP_FULL_SHARE, () => bodyBytesHeld);
  const status = setInterval(() => ingest && peer.note(NOTE.status, statusOf(ingest)), STATUS_EVERY_MILLIS);
  status.unref();
  try {
    const priceBooks = new PriceBooks([data.config.planePrices, DEFAULT_PRICE_BOOK], await store.listPriceBookVersions());
    ingest = await LocalIngest.open(store, priceBooks, data.config, createLogger(data.logLevel, { thread: 'ingest' }), {
      observeWrite: (operation, seconds) => peer.note(NOTE.write, { operation, seconds }),
      memoryFull: () => heap.full,
    });
    peer.note(NOTE.status, statusOf(ingest));
    peer.note(NOTE.ready, null);
  } catch (error) {
    peer.note(NOTE.failed, error instanceof Error ? (error.stack ?? error.message) : String(error));
  }
}

/** The ingest's status with this thread's heap (its own isolate's, not the process's). */
function statusOf(ingest: LocalIngest): IngestStatus {
  return { ...ingest.status(), workerHeapBytes: getHeapStatistics().used_heap_size };
}

if (parentPort) void main(parentPort, workerData as IngestWorkerData);
