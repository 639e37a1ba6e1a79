import type { Telemetry } from '@lumay/telemetry';
import Fastify, { type FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import type { Logger } from 'pino';
import type { EngineConfig } from './config.js';
import { VendorClient } from './connectors/vendor-client.js';
import type { EngineDeps } from './conversation/engine-deps.js';
import { CallTracker } from './http/call-tracker.js';
import { acceptFormBodies } from './http/form-body.js';
import { registerManagementRoutes } from './http/management-routes.js';
import { registerTwilioRoutes } from './http/twilio-routes.js';
import { buildMockCrmApp } from './mock-crm/mock-crm-app.js';
import { SimulatedLlm } from './providers/simulated-llm.js';
import { SimulatedStt } from './providers/simulated-stt.js';
import { SimulatedTts } from './providers/simulated-tts.js';
import { CallStore } from './state/call-store.js';
import { WorkQueue } from './work/work-queue.js';
import { Worker } from './work/worker.js';

export interface RunningEngine {
  /** Webhooks, Management API and /metrics. */
  url: string;
  mockCrmUrl: string;
  /** Stops taking calls, lets the running ones finish, then closes everything. */
  close(): Promise<void>;
}

/**
 * Starts the engine: PostgreSQL schema, the mock vendor service, RabbitMQ (the engine's side and
 * the worker), then the HTTP server. Everything is instrumented by the SDK `telemetry` set up
 * before these libraries were loaded.
 */
export async function startEngine(config: EngineConfig, telemetry: Telemetry, log: Logger): Promise<RunningEngine> {
  const pool = new pg.Pool({ connectionString: config.postgresUrl, max: 10 });
  const store = new CallStore(pool, config.pgSchema);
  await store.migrate();

  const mockCrm = buildMockCrmApp({
    timeScale: config.timeScale,
    failureRate: config.connectorFailureRate,
    timeoutRate: config.connectorTimeoutRate,
    hangMillis: config.connectorTimeoutMillis * 1.5,
  });
  const mockCrmUrl = await mockCrm.listen({ host: config.host, port: config.mockCrmPort });
  const vendor = new VendorClient(mockCrmUrl, config.connectorTimeoutMillis * config.timeScale);

  const work = await WorkQueue.connect(config.rabbitUrl, config.queuePrefix);
  const worker = await Worker.start(config.rabbitUrl, config.queuePrefix, store, vendor, log);

  const deps: EngineDeps = {
    config,
    store,
    vendor,
    work,
    stt: new SimulatedStt(config.timeScale),
    llm: new SimulatedLlm(config.timeScale, config.llmFailureRate),
    tts: new SimulatedTts(config.timeScale),
    log,
  };
  const calls = new CallTracker(log);
  // Request lines at info would repeat what the spans and the HTTP histogram already record.
  const appLog: FastifyBaseLogger = log.child({}, { level: 'warn' });
  const app = Fastify({ loggerInstance: appLog });
  acceptFormBodies(app);
  registerTwilioRoutes(app, telemetry, deps, calls);
  registerManagementRoutes(app, telemetry, store, calls);
  const url = await app.listen({ host: config.host, port: config.httpPort });

  let closing: Promise<void> | undefined;
  return {
    url,
    mockCrmUrl,
    close: () => {
      closing ??= (async () => {
        await app.close();
        await calls.drain();
        // Late worker messages (post-call summaries) get a moment to be handled.
        await new Promise((resolve) => setTimeout(resolve, 200));
        await worker.close();
        await work.close();
        await mockCrm.close();
        await pool.end();
      })();
      return closing;
    },
  };
}
