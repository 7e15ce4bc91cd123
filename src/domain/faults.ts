import { isKnownErrcode } from '../protocol/errcodes.js';

/** A failure the server injects on purpose, so clients can be tested against what WeCom really does. */
export type Fault =
  | { api: string; kind: 'errcode'; errcode: number; rate: number }
  | { api: string; kind: 'latency'; ms: number };

/**
 * Parses `API:ERRCODE:RATE` (e.g. `get_watch_stat:-1:0.1`) or `API:latency:DURATION`
 * (e.g. `gettoken:latency:200ms`). `*` as API means every API. Throws a one-line message.
 */
export function parseFault(spec: string): Fault {
  const parts = spec.split(':');
  const [api, what, value] = parts;
  if (parts.length !== 3 || !api || !what || !value) throw new Error(`invalid fault "${spec}": expected API:ERRCODE:RATE or API:latency:DURATION`);
  if (what === 'latency') {
    const m = /^(\d+)(ms|s)?$/.exec(value);
    if (!m) throw new Error(`invalid fault "${spec}": latency must look like 200ms or 2s`);
    return { api, kind: 'latency', ms: Number(m[1]) * (m[2] === 's' ? 1000 : 1) };
  }
  const errcode = Number(what);
  const rate = Number(value);
  if (!/^-?\d+$/.test(what) || !isKnownErrcode(errcode) || errcode === 0) throw new Error(`invalid fault "${spec}": ${what} is not an errcode livestat knows`);
  if (!(rate >= 0 && rate <= 1)) throw new Error(`invalid fault "${spec}": rate must be between 0 and 1`);
  return { api, kind: 'errcode', errcode, rate };
}
