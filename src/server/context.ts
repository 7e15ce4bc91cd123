import type { Clock } from '../domain/clock.js';
import type { RateLimits } from '../domain/rate-limit.js';
import type { Store } from '../store/store.js';
import type { FaultInjector } from './faults.js';
import type { ControlState } from './control/control-state.js';
import type { ControlSync } from './control/control-sync.js';

/** What every route needs, built once per server. */
export interface ServerContext {
  store: Store;
  clock: Clock;
  /** Viewers per get_watch_stat page (users and external_users together). */
  pageSize: number;
  rateLimits: RateLimits;
  /** In-flight calls of one API per corp before 45033. */
  maxConcurrentPerCorp: number;
  /** What an expired token answers: 40014 (the default, as the real service has lately been seen to) or 42001. */
  expiredTokenErrcode: 42001 | 40014;
  faults: FaultInjector;
  /** How long a session without a `leave` lasts after its last heartbeat. */
  graceMs: number;
  /** Wrong-secret gettoken calls from one IP in an hour before it is blocked from gettoken for an hour. */
  wrongSecretLimitPerHour: number;
  /** The run-time controls: settable clock, random source, fault plan, journals (control/). */
  control: ControlState;
  /** Shares `control` with the other processes on the database (control-sync.ts). */
  sync: ControlSync;
}
