import type { FastifyInstance } from 'fastify';
import { lookupHash } from '../../domain/credentials.js';
import { LIVING_CODE_TTL_MS, newCode, type PartyRef } from '../../domain/living-codes.js';
import { LivingCodeLookupRequestSchema, ShareCodeRequestSchema, type LivingCodeLookupReply, type ShareCodeReply } from '../../protocol/control/codes.js';
import type { ServerContext } from '../context.js';
import { LivestatHttpError } from '../wecom-error.js';
import { bodyChecker } from './control-body.js';

const shareBody = bodyChecker(ShareCodeRequestSchema);
const lookupBody = bodyChecker(LivingCodeLookupRequestSchema);

const party = (p: { userid: string } | { external_userid: string }): PartyRef => ('userid' in p ? { kind: 0, id: p.userid } : { kind: 1, id: p.external_userid });

interface CorpParams {
  corpid: string;
}

/**
 * The test's side of the 直播 family's codes: make a ww_share_code as a viewer's entry through
 * a share would carry it, and look a living_code up as the live mini-program would. Both follow
 * the corp's clock; 404 for a live that is not the corp's and for a code unknown or expired.
 */
export function registerCodeRoutes(admin: FastifyInstance, ctx: ServerContext): void {
  const config = { wire: 'livestat' } as const;

  admin.post<{ Params: CorpParams }>('/corps/:corpid/share-codes', { config }, async (request, reply) => {
    const { corpid } = request.params;
    const body = shareBody(request.body);
    const now = ctx.clock.now(corpid);
    const { code, hash } = newCode(ctx.control.random);
    const expiresAt = now + LIVING_CODE_TTL_MS;
    const saved = await ctx.store.saveShareCodes([{ hash, corpid, livingid: body.livingid, viewer: party(body.viewer), invitor: party(body.invitor), expiresAt }], now);
    if (saved === 0) throw new LivestatHttpError(404, 'not_found', 'no such live in this corp');
    const out: ShareCodeReply = { ww_share_code: code, expires_at: Math.floor(expiresAt / 1000) };
    return reply.code(201).send(out);
  });

  admin.post<{ Params: CorpParams }>('/corps/:corpid/living-codes/resolve', { config }, async (request) => {
    const { corpid } = request.params;
    const body = lookupBody(request.body);
    const found = await ctx.store.findLivingCode(corpid, lookupHash(body.living_code), ctx.clock.now(corpid));
    if (!found) throw new LivestatHttpError(404, 'not_found', 'no such living_code in this corp, or it has expired (codes last 5 minutes)');
    const out: LivingCodeLookupReply = { livingid: found.livingid, openid: found.openid, expires_at: Math.floor(found.expiresAt / 1000) };
    return out;
  });
}
