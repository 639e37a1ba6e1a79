import type { FastifyInstance } from 'fastify';
import { OUTCOMES, isOneOf } from '@lumay/conventions';
import type { PlaneContext } from './plane-context.js';
import { principalOf } from './route-auth.js';
import { callFilterQuerySchema, parseCallFilter, resolveTenant, type QueryParams } from './call-filter-params.js';
import { PlaneError } from '../errors/plane-error.js';
import { callerLineOf } from '../sessions/caller-lines.js';
import { utteranceScore } from '../sentiment/transcript-sentiment.js';
import { labelOfScore } from '../sentiment/sentiment-scale.js';
import { toWaterfall } from './waterfall.js';
import { CALL_SORTS, type CallListQuery } from '../kpis/kpi-types.js';
import { isoOfUs } from './iso-time.js';

const MAX_PAGE = 500;

/** Call list (window required, cursor pagination), one call with its waterfall, and calls in flight. */
export function registerCallRoutes(app: FastifyInstance, ctx: PlaneContext): void {
  app.get(
    '/api/v1/calls',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Completed calls in a window, newest first or by duration or cost, with cursor pagination',
        tags: ['calls'],
        querystring: {
          type: 'object',
          // from/to are required, but checked in the handler so the message can say how to give them.
          properties: {
            ...callFilterQuerySchema,
            outcome: { type: 'string', enum: [...OUTCOMES] },
            search: { type: 'string', description: 'Exact call id, trace id or correlation id.' },
            limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE, default: 50 },
            cursor: { type: 'string', description: 'nextCursor of the previous page (issued for the same sort and order).' },
            sort: { type: 'string', enum: [...CALL_SORTS], default: 'start', description: 'Order by call start, duration or total cost.' },
            order: { type: 'string', enum: ['desc', 'asc'], default: 'desc' },
            reason: { type: 'string', description: 'Exact escalation reason.' },
          },
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query as QueryParams & { limit?: number };
      const query: CallListQuery = { ...parseCallFilter(principal, q, true, ctx.nowUs()), limit: Number(q.limit ?? 50) };
      if (q.outcome !== undefined) {
        if (!isOneOf(OUTCOMES, q.outcome)) throw PlaneError.badRequest(`outcome must be one of: ${OUTCOMES.join(', ')}`);
        query.outcome = q.outcome;
      }
      if (q.search) query.search = q.search;
      if (q.reason) query.escalationReason = q.reason;
      query.sort = CALL_SORTS.find((s) => s === q.sort) ?? 'start';
      query.order = q.order === 'asc' ? 'asc' : 'desc';
      if (q.cursor) query.cursor = q.cursor;
      return ctx.store.listCalls(query);
    },
  );

  app.get(
    '/api/v1/calls/live',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Calls still in flight (not yet counted in KPIs)',
        tags: ['calls'],
        querystring: {
          type: 'object',
          properties: { tenant: { type: 'string' }, limit: { type: 'integer', minimum: 1, maximum: 1000, default: 100 } },
        },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query as QueryParams & { limit?: number };
      const tenantId = resolveTenant(principal, q.tenant);
      const calls = await ctx.ingest.liveCalls(tenantId, Number(q.limit ?? 100));
      return { inFlight: ctx.ingest.status().inFlightByTenant.get(tenantId) ?? 0, calls };
    },
  );

  app.get(
    '/api/v1/calls/:id',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'One call (by call id or trace id): its session, span waterfall, bottleneck and logs',
        tags: ['calls'],
        params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        querystring: { type: 'object', properties: { tenant: { type: 'string' } } },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const tenantId = resolveTenant(principal, (request.query as QueryParams).tenant);
      const { id } = request.params as { id: string };
      const detail = await ctx.store.getCall(tenantId, id);
      if (!detail) throw PlaneError.notFound(`no completed call "${id}" for this tenant (calls in flight: /api/v1/calls/live)`);
      const waterfall = toWaterfall(detail.session, detail.spans);
      return {
        session: detail.session,
        bottleneck: {
          stage: detail.session.bottleneckStage,
          spanId: waterfall.find((row) => row.bottleneck)?.spanId ?? null,
        },
        waterfall,
        logs: detail.logs.map((log) => {
          // Each caller line with its own score: the per-utterance view behind the call's sentiment.
          const caller = callerLineOf(log);
          const score = caller ? utteranceScore(caller.text) : null;
          return {
            offsetMs: (log.timeUs - detail.session.startUs) / 1000,
            time: isoOfUs(log.timeUs),
            severity: log.severityText,
            body: log.body,
            spanId: log.spanId,
            attributes: log.attributes,
            sentiment: score === null ? null : { score: Math.round(score * 1000) / 1000, label: labelOfScore(score) },
          };
        }),
      };
    },
  );
}
