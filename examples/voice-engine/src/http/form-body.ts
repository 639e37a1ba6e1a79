import type { FastifyInstance } from 'fastify';

/**
 * Twilio posts its webhooks as `application/x-www-form-urlencoded`
 * (https://www.twilio.com/docs/usage/webhooks/webhooks-overview). Fields are flat strings; a
 * repeated field keeps its first value.
 */
export function acceptFormBodies(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) => {
    const fields: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(String(body))) if (!(key in fields)) fields[key] = value;
    done(null, fields);
  });
}
