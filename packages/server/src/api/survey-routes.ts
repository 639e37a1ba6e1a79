import type { FastifyInstance } from 'fastify';
import type { PlaneContext } from './plane-context.js';
import { principalOf } from './route-auth.js';
import { parseTime } from './call-filter-params.js';
import { PlaneError } from '../errors/plane-error.js';
import { SURVEY_SCALES, type SurveyResponse } from '../kpis/survey-types.js';

interface SurveyBody {
  callId?: string;
  correlationId?: string;
  csat?: number;
  nps?: number;
  respondedAt?: string;
  source?: string;
}

const KNOWN_FIELDS = new Set(['callId', 'correlationId', 'csat', 'nps', 'respondedAt', 'source']);

function score(kind: 'csat' | 'nps', value: number | undefined): number | null {
  if (value === undefined) return null;
  const { min, max } = SURVEY_SCALES[kind];
  if (!Number.isInteger(value) || value < min || value > max) throw PlaneError.badRequest(`${kind} must be a whole number from ${min} to ${max}`);
  return value;
}

/**
 * Survey results from a survey tool or IVR (docs/api.md, "Surveys"): CSAT and NPS keyed by the
 * call's id or correlation id, minutes or days after the call. Sent with an ingest key: the tenant
 * is the key's, as for telemetry.
 */
export function registerSurveyRoutes(app: FastifyInstance, ctx: PlaneContext): void {
  app.post(
    '/api/v1/surveys',
    {
      config: { scope: 'ingest' },
      schema: {
        summary: 'Post a CSAT and/or NPS result for one call',
        tags: ['surveys'],
        body: {
          type: 'object',
          properties: {
            callId: { type: 'string', minLength: 1, maxLength: 256, description: 'The call id (lumay.call.id), e.g. the Twilio CallSid.' },
            correlationId: { type: 'string', minLength: 1, maxLength: 256, description: 'Or the call’s X-Correlation-ID.' },
            csat: { type: 'number', description: 'Customer satisfaction, 1 (very dissatisfied) to 5 (very satisfied).' },
            nps: { type: 'number', description: 'Likelihood to recommend, 0 to 10.' },
            respondedAt: { type: 'string', description: 'When the caller answered (ISO 8601). Default: now.' },
            source: { type: 'string', maxLength: 100, description: 'The survey tool.' },
          },
        },
      },
    },
    async (request, reply) => {
      const tenantId = principalOf(request).tenantId;
      const body = request.body as SurveyBody;
      // Refused rather than stripped: a misspelt score (`rating`) must not look accepted.
      const unknown = Object.keys(body).filter((key) => !KNOWN_FIELDS.has(key));
      if (unknown.length > 0) throw PlaneError.badRequest(`unknown field ${unknown.join(', ')}; known: ${[...KNOWN_FIELDS].join(', ')}`);
      if ((body.callId === undefined) === (body.correlationId === undefined)) {
        throw PlaneError.badRequest('name the call by exactly one of callId or correlationId');
      }
      const csat = score('csat', body.csat);
      const nps = score('nps', body.nps);
      if (csat === null && nps === null) throw PlaneError.badRequest('give a csat (1–5) or an nps (0–10) score, or both');
      const nowUs = ctx.nowUs();
      const base = {
        tenantId,
        matchOn: body.callId !== undefined ? ('call_id' as const) : ('correlation_id' as const),
        matchKey: body.callId ?? body.correlationId ?? '',
        respondedAtUs: body.respondedAt ? parseTime('respondedAt', body.respondedAt) : nowUs,
        receivedAtUs: nowUs,
        source: body.source ?? '',
      };
      const results: SurveyResponse[] = [];
      if (csat !== null) results.push({ ...base, kind: 'csat', score: csat });
      if (nps !== null) results.push({ ...base, kind: 'nps', score: nps });
      for (const result of results) await ctx.store.saveSurvey(result);
      reply.code(202);
      return { matchOn: base.matchOn, matchKey: base.matchKey, stored: results.map((r) => r.kind) };
    },
  );
}
