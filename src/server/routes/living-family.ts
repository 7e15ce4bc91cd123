import type { FastifyInstance } from 'fastify';
import type { ServerContext } from '../context.js';
import { registerLivingCode, registerLivingShareInfo } from './living-code.js';
import { registerLivingCreate } from './living-create.js';
import { registerLivingInfo } from './living-info.js';
import { registerLivingModify } from './living-modify.js';
import { registerLivingReplay } from './living-replay.js';
import { registerLivingUserList } from './living-user-list.js';
import { registerOpenApi } from './openapi.js';
import { registerSuiteTokens } from './suite-token.js';

/** The live-stream endpoints beyond get_watch_stat, third-party suite tokens, and the OpenAPI document. */
export function registerLivingFamily(app: FastifyInstance, ctx: ServerContext): void {
  registerLivingCreate(app, ctx);
  registerLivingModify(app, ctx);
  registerLivingInfo(app, ctx);
  registerLivingUserList(app, ctx);
  registerLivingReplay(app, ctx);
  registerLivingCode(app, ctx);
  registerLivingShareInfo(app, ctx);
  registerSuiteTokens(app, ctx);
  registerOpenApi(app);
}
