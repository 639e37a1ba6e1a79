/**
 * `node --import @lumay/telemetry/register your-engine.js`: installs the ES-module loader hook so
 * that instrumentations can patch libraries published as ES modules. The ones this SDK enables
 * (pg, amqplib, fastify, express, undici) are CommonJS and are patched without it, `import`
 * included. `initTelemetry` must still run before the libraries are first loaded.
 */
import { register } from 'node:module';

register('@opentelemetry/instrumentation/hook.mjs', import.meta.url);
