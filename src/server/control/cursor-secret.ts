import type { ServerContext } from '../context.js';

/** The next_key secret: derived from the seed when the server is seeded, else the store's own. */
export async function cursorSecret(ctx: ServerContext): Promise<Buffer> {
  return ctx.control.random.cursorSecret ?? (await ctx.store.serverSecret());
}
