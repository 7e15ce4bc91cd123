import { setTimeout as delay } from 'node:timers/promises';
import type { Fault } from '../domain/faults.js';
import type { KnownErrcode } from '../protocol/errcodes.js';
import { WeComReplyError } from './wecom-error.js';

/** Applies configured faults to an API call: added latency, then maybe an injected errcode. */
export class FaultInjector {
  constructor(
    private readonly faults: readonly Fault[],
    private readonly random: () => number = Math.random,
  ) {}

  get active(): boolean {
    return this.faults.length > 0;
  }

  async apply(api: string): Promise<void> {
    for (const fault of this.faults) {
      if (fault.api !== api && fault.api !== '*') continue;
      if (fault.kind === 'latency') {
        await delay(fault.ms);
      } else if (this.random() < fault.rate) {
        throw new WeComReplyError(fault.errcode as KnownErrcode);
      }
    }
  }
}
