import { describe, expect, it } from 'vitest';
import { parseFault } from './faults.js';

describe('parseFault', () => {
  it('reads errcode and latency faults', () => {
    expect(parseFault('get_watch_stat:-1:0.1')).toEqual({ api: 'get_watch_stat', kind: 'errcode', errcode: -1, rate: 0.1 });
    expect(parseFault('get_watch_stat:45009:0.05')).toEqual({ api: 'get_watch_stat', kind: 'errcode', errcode: 45009, rate: 0.05 });
    expect(parseFault('gettoken:latency:200ms')).toEqual({ api: 'gettoken', kind: 'latency', ms: 200 });
    expect(parseFault('*:latency:2s')).toEqual({ api: '*', kind: 'latency', ms: 2000 });
  });
  it.each(['nope', 'a:b', 'x:99999:0.1', 'x:-1:2', 'x:latency:fast', 'x:0:0.5'])('refuses %s', (spec) => {
    expect(() => parseFault(spec)).toThrow(/invalid fault/);
  });
});
