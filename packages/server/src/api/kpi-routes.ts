import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { PlaneContext } from './plane-context.js';
import { principalOf } from './route-auth.js';
import { callFilterQuerySchema, parseCallFilter, type QueryParams } from './call-filter-params.js';
import { PlaneError } from '../errors/plane-error.js';
import type { Bucket, CallFilter } from '../kpis/kpi-types.js';
import { isoOfUs } from './iso-time.js';

async function humanCost(ctx: PlaneContext, tenantId: string): Promise<number | null> {
  const tenant = await ctx.store.getTenant(tenantId);
  return tenant?.humanCostPerCallUsd ?? null;
}

/** KPI summary, series and connector breakdown: every KPI of docs/kpis.md for a window and filters. */
export function registerKpiRoutes(app: FastifyInstance, ctx: PlaneContext): void {
  app.get(
    '/api/v1/kpis/summary',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Every KPI over a window (default: the last 24 hours)',
        tags: ['kpis'],
        querystring: { type: 'object', properties: callFilterQuerySchema },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const filter = parseCallFilter(principal, request.query as QueryParams, false, ctx.nowUs());
      const kpis = await ctx.store.kpiSummary(filter, await humanCost(ctx, filter.tenantId));
      return { window: windowOf(filter), filters: filtersOf(filter), kpis };
    },
  );

  app.get(
    '/api/v1/kpis/series',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Every KPI per hour or day bucket (session start, UTC)',
        tags: ['kpis'],
        querystring: seriesQuerySchema('hour'),
      },
    },
    async (request) => {
      const { filter, bucket } = seriesRequest(ctx, request, 'hour');
      const points = await ctx.store.kpiSeries(filter, bucket, await humanCost(ctx, filter.tenantId));
      return { window: windowOf(filter), filters: filtersOf(filter), bucket, points };
    },
  );

  app.get(
    '/api/v1/kpis/overview',
    {
      config: { scope: 'read' },
      schema: {
        summary: "A window's KPIs, the previous window's (as long, just before it) and the window's series, in one request",
        tags: ['kpis'],
        querystring: seriesQuerySchema('day'),
      },
    },
    async (request) => {
      const { filter, bucket } = seriesRequest(ctx, request, 'day');
      const previous = { ...filter, fromUs: filter.fromUs - (filter.toUs - filter.fromUs), toUs: filter.fromUs };
      const cost = await humanCost(ctx, filter.tenantId);
      // The window's summary comes with its series (one read); the previous window's beside it.
      const [current, before] = await Promise.all([ctx.store.kpiSeriesWithTotal(filter, bucket, cost), ctx.store.kpiSummary(previous, cost)]);
      return {
        window: windowOf(filter),
        filters: filtersOf(filter),
        kpis: current.total,
        previous: { window: windowOf(previous), kpis: before },
        bucket,
        points: current.points,
      };
    },
  );

  app.get(
    '/api/v1/connectors',
    {
      config: { scope: 'read' },
      schema: {
        summary: 'Connector health: calls, success rate, p50/p95 latency, failures by error',
        tags: ['kpis'],
        querystring: { type: 'object', properties: callFilterQuerySchema },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const filter = parseCallFilter(principal, request.query as QueryParams, false, ctx.nowUs());
      return { window: windowOf(filter), filters: filtersOf(filter), connectors: await ctx.store.connectorBreakdown(filter) };
    },
  );
}

function seriesQuerySchema(defaultBucket: Bucket): Record<string, unknown> {
  return { type: 'object', properties: { ...callFilterQuerySchema, bucket: { type: 'string', enum: ['hour', 'day'], default: defaultBucket } } };
}

/** A series request's filter (the tenant from the key) and bucket; more than 2000 buckets are refused. */
function seriesRequest(ctx: PlaneContext, request: FastifyRequest, defaultBucket: Bucket): { filter: CallFilter; bucket: Bucket } {
  const q = request.query as QueryParams;
  const filter = parseCallFilter(principalOf(request), q, false, ctx.nowUs());
  const bucket: Bucket = q.bucket === 'hour' || q.bucket === 'day' ? q.bucket : defaultBucket;
  const buckets = (filter.toUs - filter.fromUs) / (bucket === 'day' ? 86_400e6 : 3_600e6);
  if (buckets > 2000) throw PlaneError.badRequest(`window spans ${Math.ceil(buckets)} ${bucket}s; the limit is 2000 buckets`);
  return { filter, bucket };
}

export function windowOf(filter: { fromUs: number; toUs: number }): { from: string; to: string } {
  return { from: isoOfUs(filter.fromUs), to: isoOfUs(filter.toUs) };
}

function filtersOf(filter: CallFilter): Omit<CallFilter, 'fromUs' | 'toUs'> {
  const { fromUs: _from, toUs: _to, ...rest } = filter;
  return rest;
}
