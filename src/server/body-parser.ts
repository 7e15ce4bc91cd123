import type { FastifyInstance } from 'fastify';

/** Marks a body that could not be parsed: routes answer it after their token check. */
const UNPARSABLE = Symbol('unparsable body');
export interface UnparsableBody {
  [UNPARSABLE]: string;
}

export function isUnparsable(body: unknown): body is UnparsableBody {
  return typeof body === 'object' && body !== null && UNPARSABLE in body;
}

/** Why a body could not be used: `invalid json` or `request body too large` (the 40058 detail). */
export function unparsableReason(body: UnparsableBody): string {
  return body[UNPARSABLE];
}

/** What fastify itself accepts at most before refusing a body outright (livestat routes set their own limits). */
export const HARD_BODY_LIMIT = 8 * 1024 * 1024;

/**
 * WeCom parses the body as JSON whatever the Content-Type says (wechatpy sends none; others
 * send text/plain, form types or a charset). Parse failures do not throw here because WeCom
 * checks the token before the body: the route decides which error comes first. For the same
 * reason a WeCom body over `wecomLimit` bytes is marked, not refused: a caller with a bad token
 * must hear about the token (fastify still refuses anything over HARD_BODY_LIMIT outright).
 */
export function registerJsonEverywhere(app: FastifyInstance, wecomLimit: number): void {
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (request, text, done) => {
    const source = typeof text === 'string' ? text : text.toString('utf8');
    if (request.routeOptions.config.wire === 'wecom' && Buffer.byteLength(source) > wecomLimit) {
      const body: UnparsableBody = { [UNPARSABLE]: 'request body too large' };
      done(null, body); return;
    }
    if (source.trim() === '') { done(null, undefined); return; }
    try {
      done(null, JSON.parse(source));
    } catch {
      const body: UnparsableBody = { [UNPARSABLE]: 'invalid json' };
      done(null, body);
    }
  });
}
