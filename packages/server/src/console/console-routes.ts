import { readFile, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** Paths that belong to the API or OTLP: an unknown one there is a JSON 404, never the console. */
const API_PREFIXES = ['/api/', '/v1/'];

/** The built console: $LUMAY_CONSOLE_DIR, else packages/console/dist/app next to this package. */
export function defaultConsoleDir(): string {
  const fromEnv = process.env.LUMAY_CONSOLE_DIR;
  if (fromEnv) return resolve(fromEnv);
  return fileURLToPath(new URL('../../../console/dist/app/', import.meta.url));
}

async function sendFile(reply: FastifyReply, file: string, immutable: boolean): Promise<FastifyReply> {
  const body = await readFile(file);
  return (
    reply
      .header('content-type', TYPES[extname(file)] ?? 'application/octet-stream')
      // Hashed asset names change with their content; index.html must always be revalidated.
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .send(body)
  );
}

/**
 * Serves the console (a single-page app) on the API port: files of the Vite build as they are,
 * and index.html for any other GET outside the API so deep links (/calls/:id) load the app.
 */
export function registerConsoleRoutes(app: FastifyInstance, dir = defaultConsoleDir()): void {
  const root = resolve(dir);
  const index = join(root, 'index.html');

  const serve = async (url: string, reply: FastifyReply): Promise<FastifyReply> => {
    let path: string;
    try {
      path = decodeURIComponent(url.split('?')[0] ?? '/');
    } catch {
      return reply.code(400).type('text/plain; charset=utf-8').send('malformed URL\n');
    }
    if (API_PREFIXES.some((p) => path.startsWith(p))) {
      return reply.code(404).send({ error: { status: 404, message: `no route GET ${path}` } });
    }
    if (!existsSync(index)) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(
          'The console is not built. Run `npm run build` (it builds packages/console), then reload.\nAPI: /api/v1/openapi.json\n',
        );
    }
    const candidate = normalize(join(root, path));
    if (candidate.startsWith(root + sep) && extname(candidate) !== '') {
      const info = await stat(candidate).catch(() => null);
      if (info?.isFile()) return sendFile(reply, candidate, path.startsWith('/assets/'));
      // A missing asset is a 404, not the app: a stale tab must not run HTML as a script.
      return reply.code(404).type('text/plain; charset=utf-8').send(`no file ${path}\n`);
    }
    return sendFile(reply, index, false);
  };

  app.get('/', { schema: { hide: true } }, (request, reply) => serve(request.url, reply));
  app.get('/*', { schema: { hide: true } }, (request, reply) => serve(request.url, reply));
}
