import { PriceBooks } from './cost/price-books.js';
import { PriceBookAdmin } from './cost/price-book-admin.js';
import { DEFAULT_PRICE_BOOK } from './cost/default-price-book.js';
import { mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createLogger } from './logging/create-logger.js';
import type { PlaneConfig } from './config.js';
import type { Store } from './store/store.js';
import { openDuckDbStore } from './store/duckdb/open-duckdb-store.js';
import type { PlaneIngest } from './ingest/plane-ingest.js';
import { LocalIngest } from './ingest/local-ingest.js';
import { WorkerIngest } from './ingest/worker/worker-ingest.js';
import { PlaneMetrics } from './metrics/plane-metrics.js';
import { OtlpIngestHandler } from './ingest/otlp-ingest-handler.js';
import { otlpFormats } from './ingest/otlp-formats.js';
import { startOtlpGrpcServer } from './ingest/grpc/otlp-grpc-server.js';
import { Authenticator } from './tenancy/authenticator.js';
import { TenantAdmin } from './tenancy/tenant-admin.js';
import { buildApp } from './api/build-app.js';
import { toPlaneError } from './api/error-handler.js';
import type { PlaneContext } from './api/plane-context.js';

export interface RunningPlane {
  /** Base URL of the HTTP port: OTLP/HTTP (/v1/traces, /v1/logs), the REST API and the console. */
  httpUrl: string;
  /** host:port of OTLP/gRPC, or null when disabled. */
  grpcAddress: string | null;
  config: Readonly<PlaneConfig>;
  store: Store;
  admin: TenantAdmin;
  ingest: PlaneIngest;
  app: FastifyInstance;
  close(): Promise<void>;
}

const HOUR_MILLIS = 3_600_000;
const ROLLUP_COMPACTION_MILLIS = 10 * 60_000;

/**
 * The composition root: opens the store, starts ingest (which restores the calls that were in
 * flight at the last stop: their spans were acknowledged, so they are durable), and starts the
 * HTTP and gRPC receivers.
 */
export async function startPlane(config: Readonly<PlaneConfig>, logger: Logger = createLogger(config.logLevel)): Promise<RunningPlane> {
  mkdirSync(config.dataDir, { recursive: true });
  const store = await openDuckDbStore({
    dataDir: config.dataDir,
    memoryLimitMb: config.duckDbMemoryLimitMb,
    threads: config.duckDbThreads,
    checkpointWalMb: config.checkpointWalMb > 0 ? config.checkpointWalMb : undefined,
    maxCallSeconds: config.maxCallSeconds,
  });
  const nowUs = (): number => Date.now() * 1000;
  const priceBooks = new PriceBooks([config.planePrices, DEFAULT_PRICE_BOOK], await store.listPriceBookVersions());
  // The metrics read ingest lazily (at scrape time), so they can be made before it.
  const metrics = new PlaneMetrics(() => ingest.status());
  const observeWrite = (operation: 'append' | 'sessions', seconds: number): void => metrics.storeWriteSeconds.observe({ operation }, seconds);
  // Restores the calls that were in flight at the last stop, then starts finalising.
  const ingest: PlaneIngest = config.ingestWorker
    ? await WorkerIngest.start(store, config, logger, observeWrite)
    : await LocalIngest.open(store, priceBooks, config, logger, { observeWrite, nowUs });
  ingest.on('sessions', (sessions) => metrics.recordSessions(sessions));
  metrics.exportTenantKpis(async () => {
    const toUs = nowUs();
    const kpis = await store.listCustomKpis(null);
    return Promise.all(
      kpis.map(async (k) => ({
        tenantId: k.tenantId,
        kpiId: k.definition.id,
        value: await store.customKpiValue(k.definition, { tenantId: k.tenantId, fromUs: toUs - 86_400_000_000, toUs }),
      })),
    );
  }, config.tenantKpiRefreshSeconds * 1000);
  metrics.exportStoreMemory(() => store.memoryUsage());
  const auth = new Authenticator(store);
  const admin = new TenantAdmin(store);
  const handler = new OtlpIngestHandler(auth, ingest, metrics);
  const priceBookAdmin = new PriceBookAdmin(store, priceBooks, nowUs, (version) => ingest.priceBookChanged(version));
  const ctx: PlaneContext = { config, store, auth, admin, ingest, metrics, priceBooks, priceBookAdmin, nowUs };
  const formats = otlpFormats();
  const app = await buildApp(ctx, logger, { handler, formats });
  await app.listen({ host: config.httpHost, port: config.httpPort });
  const address = app.server.address();
  const httpPort = typeof address === 'object' && address ? address.port : config.httpPort;
  const urlHost = config.httpHost.includes(':') ? `[${config.httpHost}]` : config.httpHost;

  const grpc =
    config.grpcPort < 0
      ? null
      : await startOtlpGrpcServer({
          host: config.httpHost,
          port: config.grpcPort,
          maxReceiveMessageBytes: config.maxBodyBytes,
          handle: (signal, authorization, body) =>
            handler.handle(signal, formats.protobuf, body, authorization).catch((error: unknown) => {
              metrics.rejectedRequest('grpc', toPlaneError(error).statusCode);
              throw error;
            }),
        });

  const prune = setInterval(() => {
    store
      .pruneRawTelemetry(nowUs() - config.rawRetentionDays * 86_400e6)
      .then((rows) => rows > 0 && logger.info({ rows }, 'pruned raw telemetry past retention'))
      .catch((error: unknown) => logger.error({ err: error }, 'pruning raw telemetry failed'));
  }, HOUR_MILLIS);
  prune.unref();
  // Rollup deltas pile up one row per key and write; merging them keeps KPI reads small.
  const compact = setInterval(() => {
    store.compactRollups(0).catch((error: unknown) => logger.error({ err: error }, 'compacting KPI rollups failed'));
  }, ROLLUP_COMPACTION_MILLIS);
  compact.unref();

  return {
    httpUrl: `http://${urlHost}:${httpPort}`,
    grpcAddress: grpc ? `${urlHost}:${grpc.port}` : null,
    config,
    store,
    admin,
    ingest,
    app,
    async close() {
      clearInterval(prune);
      clearInterval(compact);
      await grpc?.close();
      await app.close();
      // Acknowledged data is already durable; this only writes what is queued and not yet acknowledged.
      await ingest.stop();
      await store.close();
    },
  };
}
