import type { FastifyInstance } from 'fastify';

/** Marks a body that could not be parsed: routes answer it after their token check. */
export const UNPARSABLE = Symbol('unparsable body');
export interface UnparsableBody {
  [UNPARSABLE]: string;
}

export function isUnparsable(body: unknown): body is UnparsableBody {
  return typeof body === 'object' && body !== null && UNPARSABLE in body;
}

/**
 * WeCom parses the body as JSON whatever the Content-Type says (wechatpy sends none; others
 * send text/plain, form types or a charset). Parse failures do not throw here because WeCom
 * checks the token before the body: the route decides which error comes first.
 */
export function registerJsonEverywhere(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, text, done) => {
    const source = typeof text === 'string' ? text : text.toString('utf8');
    if (source.trim() === '') return done(null, undefined);
    try {
      done(null, JSON.parse(source));
    } catch {
      const body: UnparsableBody = { [UNPARSABLE]: 'invalid json' };
      done(null, body);
    }
  });
}
