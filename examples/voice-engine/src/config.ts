/**
 * The engine's configuration: every `VOICE_ENGINE_*` variable (and the SDK's own `LUMAY_API_KEY`,
 * `OTEL_EXPORTER_OTLP_ENDPOINT`), read once at start-up, defaulted in one place, frozen.
 */
export interface EngineConfig {
  /** Webhooks, Management API and /metrics. 0 picks a free port. */
  readonly httpPort: number;
  /** The mock CRM / ticketing / calendar vendor. 0 picks a free port. */
  readonly mockCrmPort: number;
  readonly host: string;
  readonly postgresUrl: string;
  /** PostgreSQL schema holding the engine's tables (one per deployment or test run). */
  readonly pgSchema: string;
  readonly rabbitUrl: string;
  /** Prefix of the engine's RabbitMQ queues, so several engines can share a broker. */
  readonly queuePrefix: string;
  /** Multiplies every simulated latency: 1 is real time, 0.05 runs a call twenty times faster. */
  readonly timeScale: number;
  /** Share of mock vendor requests answered 503 (the engine retries once). */
  readonly connectorFailureRate: number;
  /** Share of mock vendor requests that hang past the engine's timeout. */
  readonly connectorTimeoutRate: number;
  /** The engine abandons a connector request after this long (before time scaling). */
  readonly connectorTimeoutMillis: number;
  /** Share of model requests that fail (overloaded provider): the call fails. About 5 requests a call. */
  readonly llmFailureRate: number;
  /** Salt of the caller-number hash (`lumay.call.caller.hash`). */
  readonly callerSalt: string;
  readonly agentId: string;
  readonly agentName: string;
  readonly agentVersion: string;
  readonly logLevel: string;
}

function numberFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, check: (n: number) => boolean, what: string): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || !check(value)) throw new RangeError(`${name} must be ${what}, got ${raw}`);
  return value;
}

const port = (n: number): boolean => Number.isInteger(n) && n >= 0 && n < 65536;
const share = (n: number): boolean => n >= 0 && n <= 1;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): EngineConfig {
  const pgSchema = env.VOICE_ENGINE_PG_SCHEMA ?? 'voice_engine';
  // The schema name is interpolated into DDL (identifiers cannot be query parameters).
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(pgSchema)) throw new TypeError(`VOICE_ENGINE_PG_SCHEMA must be a lower-case SQL identifier, got ${pgSchema}`);
  return Object.freeze({
    httpPort: numberFrom(env, 'VOICE_ENGINE_PORT', 3000, port, 'a TCP port'),
    mockCrmPort: numberFrom(env, 'VOICE_ENGINE_MOCK_CRM_PORT', 3001, port, 'a TCP port'),
    host: env.VOICE_ENGINE_HOST ?? '127.0.0.1',
    postgresUrl: env.VOICE_ENGINE_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    pgSchema,
    rabbitUrl: env.VOICE_ENGINE_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672',
    queuePrefix: env.VOICE_ENGINE_QUEUE_PREFIX ?? 'voice-engine',
    timeScale: numberFrom(env, 'VOICE_ENGINE_TIME_SCALE', 1, (n) => n > 0 && n <= 10, 'within (0, 10]'),
    connectorFailureRate: numberFrom(env, 'VOICE_ENGINE_CONNECTOR_FAILURE_RATE', 0.06, share, 'within 0..1'),
    connectorTimeoutRate: numberFrom(env, 'VOICE_ENGINE_CONNECTOR_TIMEOUT_RATE', 0.02, share, 'within 0..1'),
    connectorTimeoutMillis: numberFrom(env, 'VOICE_ENGINE_CONNECTOR_TIMEOUT_MS', 2000, (n) => n > 0, 'above 0'),
    llmFailureRate: numberFrom(env, 'VOICE_ENGINE_LLM_FAILURE_RATE', 0.005, share, 'within 0..1'),
    callerSalt: env.VOICE_ENGINE_CALLER_SALT ?? 'voice-engine-demo-salt',
    agentId: env.VOICE_ENGINE_AGENT_ID ?? 'support-line',
    agentName: env.VOICE_ENGINE_AGENT_NAME ?? 'Support line (reference engine)',
    agentVersion: env.VOICE_ENGINE_AGENT_VERSION ?? '1.0.0',
    logLevel: env.VOICE_ENGINE_LOG_LEVEL ?? 'info',
  });
}
