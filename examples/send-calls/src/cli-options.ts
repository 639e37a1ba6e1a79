import { parseArgs } from 'node:util';
import { isOneOf } from '@lumay/conventions';
import { OTLP_PROTOCOLS, type OtlpProtocol } from './otlp-exporters.js';

export interface CliOptions {
  endpoint: string;
  apiKey: string;
  calls: number;
  seed: number;
  protocol: OtlpProtocol;
  spreadMinutes: number;
  serviceName: string;
  /** Where to write the ground truth JSON; null to skip. */
  groundTruthPath: string | null;
}

export const USAGE = `usage: node examples/send-calls/dist/main.js --endpoint URL --key API_KEY [options]

  --endpoint URL          OTLP endpoint: http://127.0.0.1:4318 (HTTP) or 127.0.0.1:4317 (gRPC)
  --key API_KEY           plane API key with ingest scope (sent as Authorization: Bearer)
  --calls N               number of calls (default 200)
  --seed N                seed of the generator; same seed, same calls (default 42)
  --protocol P            http/protobuf | http/json | grpc (default http/protobuf)
  --spread-minutes N      calls start within the last N minutes (default 360)
  --service-name NAME     resource service.name (default voice-engine)
  --ground-truth FILE     write the KPIs the plane must report to FILE (JSON)
  --help                  show this text`;

/** A bad command line; the message says what to fix, and main prints the usage after it. */
export class UsageError extends Error {
  override name = 'UsageError';
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (raw === undefined) return fallback;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new UsageError(`--${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** Parses argv (without node and the script); null when help was asked for. */
export function parseCliOptions(argv: readonly string[]): CliOptions | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        endpoint: { type: 'string' },
        key: { type: 'string' },
        calls: { type: 'string' },
        seed: { type: 'string' },
        protocol: { type: 'string' },
        'spread-minutes': { type: 'string' },
        'service-name': { type: 'string' },
        'ground-truth': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error: unknown) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help === true) return null;
  if (!values.endpoint) throw new UsageError('--endpoint is required');
  if (!values.key) throw new UsageError('--key is required');
  const protocol = values.protocol ?? 'http/protobuf';
  if (!isOneOf(OTLP_PROTOCOLS, protocol)) throw new UsageError(`--protocol must be one of ${OTLP_PROTOCOLS.join(', ')}, got "${protocol}"`);
  return {
    endpoint: values.endpoint,
    apiKey: values.key,
    calls: integer('calls', values.calls, 200, 1),
    // The generator's state is 32 bits: larger seeds would silently alias smaller ones.
    seed: integer('seed', values.seed, 42, 0, 0xffff_ffff),
    protocol,
    spreadMinutes: integer('spread-minutes', values['spread-minutes'], 360, 15),
    serviceName: values['service-name'] ?? 'voice-engine',
    groundTruthPath: values['ground-truth'] ?? null,
  };
}
