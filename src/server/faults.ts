import { setTimeout as delay } from 'node:timers/promises';
import type { FastifyRequest } from 'fastify';
import type { FaultPlan, FaultSubject, TransportFaultKind } from '../domain/fault-plan.js';
import type { KnownErrcode } from '../protocol/errcodes.js';
import { WeComReplyError } from './wecom-error.js';

/** Thrown to replace a reply by a transport failure; rendered by control/transport-faults.ts. */
export class TransportFaultError extends Error {
  constructor(readonly kind: TransportFaultKind) {
    super(`injected transport fault ${kind}`);
    this.name = 'TransportFaultError';
  }
}

function livingidOf(request: FastifyRequest): string | undefined {
  const body = request.body as { livingid?: unknown } | undefined;
  if (body && typeof body === 'object' && typeof body.livingid === 'string') return body.livingid;
  const query = request.query as { livingid?: unknown } | undefined;
  return typeof query?.livingid === 'string' ? query.livingid : undefined;
}

/**
 * Applies the run-time fault plan to an API call: added latency, then maybe an injected errcode
 * or transport failure. With the request, faults can match its corp, app and live.
 */
export class FaultInjector {
  constructor(
    readonly plan: FaultPlan,
    private readonly random: () => number,
  ) {}

  get active(): boolean {
    return this.plan.size > 0;
  }

  async apply(api: string, request?: FastifyRequest): Promise<void> {
    if (this.plan.size === 0) return;
    const caller = request?.livestatCaller;
    const subject: FaultSubject = { api, corpid: caller?.corpid, agentid: caller?.agentid, livingid: request && livingidOf(request) };
    const outcome = this.plan.take(subject, this.random);
    if (outcome.latencyMs > 0) await delay(outcome.latencyMs);
    if (!outcome.failure) return;
    if ('kind' in outcome.failure) throw new TransportFaultError(outcome.failure.kind);
    throw new WeComReplyError(outcome.failure.errcode as KnownErrcode);
  }
}
