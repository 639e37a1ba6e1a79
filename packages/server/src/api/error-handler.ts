import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PlaneError } from '../errors/plane-error.js';
import type { OtlpFormat } from '../ingest/otlp-format.js';
import { pickFormat } from '../ingest/http/otlp-http-routes.js';
import { grpcCodeForHttpStatus } from '../ingest/grpc/grpc-error-response.js';

/** Normalises anything thrown on a request path to a status, a message and an optional Retry-After. */
export function toPlaneError(error: unknown): PlaneError {
  if (error instanceof PlaneError) return error;
  const status = (error as FastifyError).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new PlaneError(status, (error as Error).message);
  }
  return new PlaneError(500, 'internal error; the plane logged the cause');
}

/**
 * The one error handler: maps errors to responses and picks the log level (4xx info/warn, 5xx error).
 * OTLP routes answer with google.rpc.Status in the request's encoding
 * (https://opentelemetry.io/docs/specs/otlp/#failures-1); the REST API with a JSON error object.
 */
export function installErrorHandler(
  app: FastifyInstance,
  formats: { protobuf: OtlpFormat; json: OtlpFormat },
  onOtlpRejected: (status: number) => void,
): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const planeError = toPlaneError(error);
    const status = planeError.statusCode;
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    else if (status === 429 || status === 503) request.log.warn({ status, reason: planeError.message }, 'shedding load');
    else request.log.info({ status, reason: planeError.message }, 'request rejected');
    if (planeError.retryAfterSeconds !== undefined) reply.header('retry-after', String(planeError.retryAfterSeconds));
    if (request.url.startsWith('/v1/')) {
      onOtlpRejected(status);
      let format = formats.json;
      try {
        format = pickFormat(request.headers['content-type'], formats);
      } catch {
        // An unsupported content type is itself the error; answer it in JSON.
      }
      return reply
        .code(status)
        .header('content-type', format.contentType)
        .send(format.encodeStatus(grpcCodeForHttpStatus(status), planeError.message, planeError.retryAfterSeconds));
    }
    return reply.code(status).send({ error: { status, message: planeError.message } });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: { status: 404, message: `no route ${request.method} ${request.url.split('?')[0]}` } }),
  );
}
