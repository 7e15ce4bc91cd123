import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

// The page holds the admin key: no foreign script, no framing, no referrer.
const SECURITY_HEADERS = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

/** dist/ui of the livestat package, found from this file whether it runs from src/ or from the dist/ bundle. */
export function defaultUiDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return join(dir, 'dist', 'ui');
}

/** The built files, read once at start; undefined when the bundle was not built. */
function readBundle(dir: string): Map<string, { body: Buffer; type: string }> | undefined {
  if (!existsSync(join(dir, 'index.html'))) return undefined;
  const files = new Map<string, { body: Buffer; type: string }>();
  for (const name of readdirSync(dir)) {
    const type = TYPES[extname(name)];
    if (type) files.set(name, { body: readFileSync(join(dir, name)), type });
  }
  return files;
}

/**
 * The dashboard page at `/ui/`, served from the esbuild bundle (`npm run build:ui`). Without a
 * bundle it answers 503 saying how to build one, so a source checkout fails loudly, not blankly.
 */
export function registerUi(app: FastifyInstance, dir: string): void {
  const files = readBundle(dir);
  const config = { wire: 'livestat' } as const;
  app.get('/ui', { config }, async (_request, reply) => reply.redirect('/ui/'));
  // Two routes, not '/ui/:file?': find-my-way expands an optional last param to '/ui' too,
  // which clashes with the redirect above.
  const page = async (request: FastifyRequest<{ Params: { file?: string } }>, reply: FastifyReply) => {
    if (!files) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send(`The dashboard is not built (no ${join(dir, 'index.html')}). Run: npm run build:ui\n`);
    }
    const file = files.get(request.params.file || 'index.html');
    if (!file) return reply.code(404).type('text/plain; charset=utf-8').send('not found\n');
    // The bundle's names do not change between builds; revalidating each load keeps it fresh.
    return reply.headers(SECURITY_HEADERS).header('cache-control', 'no-cache').type(file.type).send(file.body);
  };
  app.get('/ui/', { config }, page);
  app.get<{ Params: { file?: string } }>('/ui/:file', { config }, page);
}
