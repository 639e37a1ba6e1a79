import { randomInt } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { RandomSource } from '../providers/random-source.js';
import { sleepScaled } from '../providers/simulated-time.js';

export interface MockCrmOptions {
  timeScale: number;
  /** Share of requests answered 503 Service Unavailable. */
  failureRate: number;
  /** Share of requests that hang for `hangMillis` before answering (the engine times out first). */
  timeoutRate: number;
  hangMillis: number;
}

/** Typical latencies of each vendor API, milliseconds (median, log-normal spread). */
const LATENCY = { crm: [120, 0.4], ticketing: [260, 0.35], calendar: [180, 0.35] } as const;

/**
 * The business systems the engine calls, as one small HTTP service: a CRM (customers, orders,
 * activity log), a ticketing system and a calendar. This stands in for vendors that cannot run
 * here (Salesforce, Zendesk, a booking system); its latencies, 503s and hangs are what the
 * engine's connector spans measure.
 */
export function buildMockCrmApp(options: MockCrmOptions): FastifyInstance {
  // A vendor going away drops its connections, mid-request ones included: close never waits on them.
  const app = Fastify({ logger: false, forceCloseConnections: true });
  const random = new RandomSource(randomInt(2 ** 31));

  /** Vendor behaviour shared by every route: latency, then maybe a hang or a 503. False when answered already. */
  async function behave(system: keyof typeof LATENCY, reply: FastifyReply): Promise<boolean> {
    const [median, sigma] = LATENCY[system];
    if (random.chance(options.timeoutRate)) {
      await sleepScaled(options.hangMillis, options.timeScale);
      await reply.code(504).send({ error: 'upstream timeout' });
      return false;
    }
    await sleepScaled(random.logNormal(median, sigma), options.timeScale);
    if (random.chance(options.failureRate)) {
      await reply.code(503).header('retry-after', '1').send({ error: `${system} temporarily unavailable` });
      return false;
    }
    return true;
  }

  app.get<{ Querystring: { caller?: string } }>('/crm/customers', async (request, reply) => {
    if (!(await behave('crm', reply))) return reply;
    const caller = request.query.caller ?? '';
    return { id: `CUST-${caller.slice(-6) || '000000'}`, name: 'Alex Doe', tier: 'gold' };
  });

  app.get<{ Params: { id: string } }>('/crm/orders/:id', async (request, reply) => {
    if (!(await behave('crm', reply))) return reply;
    return { id: request.params.id, status: 'shipped', eta: 'Thursday' };
  });

  app.post('/crm/activities', async (_request, reply) => {
    if (!(await behave('crm', reply))) return reply;
    return reply.code(201).send({ id: `ACT-${random.integer(100000, 999999)}` });
  });

  app.post('/ticketing/tickets', async (_request, reply) => {
    if (!(await behave('ticketing', reply))) return reply;
    return reply.code(201).send({ id: `TCK-${random.integer(10000, 99999)}` });
  });

  app.post('/calendar/appointments', async (_request, reply) => {
    if (!(await behave('calendar', reply))) return reply;
    return reply.code(201).send({ id: `APT-${random.integer(10000, 99999)}`, slot: 'tuesday-09:00' });
  });

  return app;
}
