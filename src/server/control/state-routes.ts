import type { FastifyInstance } from 'fastify';
import { StateQuerySchema } from '../../protocol/control/world.js';
import type { Scenario } from '../../scenario/scenario-schema.js';
import { snapshotWorld } from '../../scenario/scenario-snapshot.js';
import type { ServerContext } from '../context.js';
import { LivestatHttpError } from '../wecom-error.js';
import { bodyChecker } from './control-body.js';
import { cursorSecret } from './cursor-secret.js';

const stateQuery = bodyChecker(StateQuerySchema);

declare module 'fastify' {
  interface FastifyInstance {
    /** The world (or one corp) as a snapshot document, as `GET /livestat/admin/state` returns it; undefined for a corp that does not exist. */
    livestatSnapshot(corpid?: string): Promise<Scenario | undefined>;
  }
}

/** The snapshot of the world served by `ctx`, signed next_keys' key included. */
export async function worldSnapshot(ctx: ServerContext, corpid?: string): Promise<Scenario | undefined> {
  return snapshotWorld(ctx.store, { corpid, cursorKey: await cursorSecret(ctx) });
}

/**
 * `GET /state` (optionally `?corpid=`): the world as a scenario document — the snapshot that
 * `POST /scenario`, `serve --scenario` and `serve --export-on-exit` speak. Credentials appear
 * only as the hashes the store keeps.
 */
export function registerStateRoutes(admin: FastifyInstance, ctx: ServerContext): void {
  admin.get('/state', { config: { wire: 'livestat' } }, async (request) => {
    const { corpid } = stateQuery({ ...(request.query as object) });
    const snapshot = await worldSnapshot(ctx, corpid);
    if (!snapshot) throw new LivestatHttpError(404, 'not_found', 'no such corp');
    return snapshot;
  });
}
