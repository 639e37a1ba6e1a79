import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OtlpIngestHandler } from '../otlp-ingest-handler.js';
import type { OtlpFormat, OtlpSignal } from '../otlp-format.js';
import { PlaneError } from '../../errors/plane-error.js';
import { contentEncodingOf, decompressBody, readLimitedBody } from './read-body.js';
import { BodyBudget } from './body-budget.js';

export interface OtlpHttpOptions {
  handler: OtlpIngestHandler;
  formats: { protobuf: OtlpFormat; json: OtlpFormat };
  maxBodyBytes: number;
  /** Sum of body bytes (raw + decompressed) held at once across requests. */
  maxBufferedBodyBytes: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Bytes this request holds in the body budget, given back when it is answered. */
    budgetBytes: number;
  }
}

/**
 * OTLP/HTTP receiver (https://opentelemetry.io/docs/specs/otlp/#otlphttp): POST /v1/traces and
 * /v1/logs, binary protobuf or JSON, optionally gzip. The pipeline of named steps is:
 * read with a size limit → decompress → pick the format by Content-Type → decode and validate →
 * durable hand-over (OtlpIngestHandler) → Export*ServiceResponse in the same encoding.
 */
export function registerOtlpHttpRoutes(app: FastifyInstance, options: OtlpHttpOptions): void {
  const budget = new BodyBudget(options.maxBufferedBodyBytes);
  void app.register(async (scope) => {
    scope.decorateRequest('budgetBytes', 0);
    scope.addHook('onResponse', async (request) => budget.release(request.budgetBytes));
    // The body stays a stream here: the route reads it itself so the size limit and gzip apply
    // before anything is parsed, whatever the content type.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (request, payload, done) => {
      const declared = Number(request.headers['content-length']);
      readLimitedBody(payload, options.maxBodyBytes, Number.isFinite(declared) ? declared : undefined).then(
        (body) => {
          try {
            budget.reserve(body.length);
            request.budgetBytes += body.length;
            done(null, body);
          } catch (error) {
            done(error as Error, undefined);
          }
        },
        (error: unknown) => done(error as Error, undefined),
      );
    });
    for (const signal of ['traces', 'logs'] as const) {
      scope.post(`/v1/${signal}`, { schema: { hide: true } }, (request, reply) => receive(signal, request, reply, options, budget));
    }
  });
}

/** Step 3: the encoding named by Content-Type (parameters such as charset are ignored). */
export function pickFormat(contentType: string | undefined, formats: OtlpHttpOptions['formats']): OtlpFormat {
  const mime = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (mime === 'application/x-protobuf' || mime === 'application/protobuf') return formats.protobuf;
  if (mime === 'application/json') return formats.json;
  throw PlaneError.unsupportedMediaType(
    `Content-Type "${contentType ?? ''}" is not OTLP; use application/x-protobuf or application/json`,
  );
}

async function receive(
  signal: OtlpSignal,
  request: FastifyRequest,
  reply: FastifyReply,
  options: OtlpHttpOptions,
  budget: BodyBudget,
): Promise<FastifyReply> {
  const format = pickFormat(request.headers['content-type'], options.formats);
  const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  const body = await decompressBody(raw, request.headers['content-encoding'], options.maxBodyBytes);
  if (body !== raw) {
    budget.reserve(body.length);
    request.budgetBytes += body.length;
  }
  // A gzip request is stored as it came (telemetry-codec.ts): its bytes go along with the decoded body.
  const gzipped = contentEncodingOf(request.headers['content-encoding']) === 'gzip' ? raw : undefined;
  const outcome = await options.handler.handle(signal, format, body, request.headers.authorization, gzipped);
  // The rest of this request's lines (the completion line included) carry the key's tenant.
  // (Fastify writes the completion line with reply.log.)
  request.log = reply.log = request.log.child({ tenant: outcome.tenant });
  if (outcome.rejected > 0) request.log.warn({ rejected: outcome.rejected, reason: outcome.message }, 'partial success');
  return reply
    .code(200)
    .header('content-type', format.contentType)
    .send(format.encodeResponse(signal, outcome.rejected, outcome.message));
}
