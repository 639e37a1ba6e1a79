#!/usr/bin/env node
/**
 * `node examples/voice-engine/dist/main.js` (or `npm run engine -w @lumay/example-voice-engine`):
 * runs the reference voice engine until SIGINT/SIGTERM. Configuration is environment variables
 * (config.ts; README), the plane's endpoint and key are the SDK's own (`OTEL_EXPORTER_OTLP_ENDPOINT`,
 * `LUMAY_API_KEY`). The first line on stdout is `{"url", "mockCrmUrl"}` once it listens.
 */
import { telemetry } from './telemetry.js'; // first: it instruments the libraries imported below
import { correlationLogFields } from '@lumay/telemetry';
import pino from 'pino';
import { loadConfig } from './config.js';
import { startEngine } from './engine.js';

async function main(): Promise<void> {
  const config = loadConfig();
  // Logs go to stderr; every line carries correlation_id, trace_id and span_id when known.
  const log = pino({ level: config.logLevel, mixin: correlationLogFields }, pino.destination(2));
  const engine = await startEngine(config, telemetry, log);
  console.log(JSON.stringify({ url: engine.url, mockCrmUrl: engine.mockCrmUrl }));
  const stop = (): void => {
    log.info('shutting down: finishing running calls');
    void engine
      .close()
      .then(() => telemetry.shutdown())
      .then(
        () => process.exit(0),
        (error: unknown) => {
          log.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await telemetry.shutdown();
  process.exit(1);
});
