import { randomUUID } from 'node:crypto';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import type { PlaneContext } from './plane-context.js';
import type { OtlpIngestHandler } from '../ingest/otlp-ingest-handler.js';
import type { OtlpFormat } from '../ingest/otlp-format.js';
import { registerOtlpHttpRoutes } from '../ingest/http/otlp-http-routes.js';
import { installErrorHandler } from './error-handler.js';
import { installRouteAuth } from './route-auth.js';
import { registerKpiRoutes } from './kpi-routes.js';
import { registerCallRoutes } from './call-routes.js';
import { registerAdminRoutes } from './admin-routes.js';
import { registerLiveStreamRoutes } from './live-stream-routes.js';
import { registerHealthRoutes } from './health-routes.js';
import { registerMetricsRoute } from './metrics-route.js';
import { registerPriceBookRoutes } from './price-book-routes.js';
import { registerSurveyRoutes } from './survey-routes.js';
import { registerCustomKpiRoutes } from './custom-kpi-routes.js';
import { registerInsightRoutes } from './insight-routes.js';
import { registerConsoleLinksRoutes } from './console-links-routes.js';
import { registerConsoleRoutes } from '../console/console-routes.js';

const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** A caller's X-Correlation-ID when it is sane, else a new one; it names every log line of the request. */
function correlationId(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && CORRELATION_ID.test(value) ? value : randomUUID();
}

export async function buildApp(
  ctx: PlaneContext,
  logger: FastifyBaseLogger,
  ingest: { handler: OtlpIngestHandler; formats: { protobuf: OtlpFormat; json: OtlpFormat } },
): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: logger,
    requestIdHeader: false,
    logController: new LogController({ requestIdLogLabel: 'correlation_id' }),
    genReqId: (req) => correlationId(req.headers['x-correlation-id']),
    // Tenant admin bodies are tiny; OTLP routes read their own bodies with their own limit.
    bodyLimit: 1024 * 1024,
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-correlation-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    // The route pattern, never the raw URL, keeps the label bounded.
    const route = request.routeOptions.url ?? 'unmatched';
    ctx.metrics.httpSeconds.observe(
      { route, method: request.method, status_class: `${Math.floor(reply.statusCode / 100)}xx` },
      reply.elapsedTime / 1000,
    );
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'LuMay measurement plane API',
        version: '1',
        description: 'KPIs, calls and traces of AI voice agents. Authenticate with "Authorization: Bearer <key>".',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearer: [] }],
    },
  });
  installErrorHandler(app, ingest.formats, (status) => ctx.metrics.rejectedRequest('http', status));
  installRouteAuth(app, ctx.auth);
  registerOtlpHttpRoutes(app, {
    handler: ingest.handler,
    formats: ingest.formats,
    maxBodyBytes: ctx.config.maxBodyBytes,
    maxBufferedBodyBytes: ctx.config.maxBufferedBodyBytes,
  });
  registerHealthRoutes(app, ctx);
  registerKpiRoutes(app, ctx);
  registerCallRoutes(app, ctx);
  registerAdminRoutes(app, ctx);
  registerPriceBookRoutes(app, ctx);
  registerSurveyRoutes(app, ctx);
  registerCustomKpiRoutes(app, ctx);
  registerLiveStreamRoutes(app, ctx);
  registerMetricsRoute(app, ctx);
  registerInsightRoutes(app, ctx);
  registerConsoleLinksRoutes(app, ctx);
  app.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  // Last: the console answers `/` and every other GET outside the API (deep links).
  registerConsoleRoutes(app);
  return app;
}
