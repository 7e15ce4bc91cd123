import { describe, expect, it } from 'vitest';
import type { App, Corp, Living } from './model.js';
import { SYSTEM_APP_CUTOFF_MS, mayCallLivingApi, mayModifyLiving, mayReadLiving } from './permissions.js';

const corp: Corp = { corpid: 'c', name: 'c', grandfatheredSystemApp: false };
const app = (kind: App['kind'], livingApi = true, agentid = 1): App => ({ corpid: 'c', agentid, kind, livingApi, trustedIps: [] });
const living = (creatorAgentid?: number, corpid = 'c'): Living => ({
  corpid,
  livingid: 'lv',
  ...(creatorAgentid === undefined ? {} : { creatorAgentid }),
  anchorUserid: 'a',
  theme: 't',
  type: 0,
  livingStart: 0,
  livingDuration: 0,
  description: '',
});
const after = SYSTEM_APP_CUTOFF_MS + 1;

describe('mayCallLivingApi', () => {
  it('follows living_api for self-built, agency and third-party apps', () => {
    for (const kind of ['self_built', 'agency', 'third_party'] as const) {
      expect(mayCallLivingApi(app(kind, true), corp, after)).toBe(true);
      expect(mayCallLivingApi(app(kind, false), corp, after)).toBe(false);
    }
  });
  it('lets the system app call before 2023-12-01 (Beijing) and after only in grandfathered corps', () => {
    expect(SYSTEM_APP_CUTOFF_MS).toBe(Date.parse('2023-12-01T00:00:00+08:00'));
    expect(mayCallLivingApi(app('system', false), corp, SYSTEM_APP_CUTOFF_MS - 1)).toBe(true);
    expect(mayCallLivingApi(app('system', false), corp, SYSTEM_APP_CUTOFF_MS)).toBe(false);
    expect(mayCallLivingApi(app('system', false), { ...corp, grandfatheredSystemApp: true }, after)).toBe(true);
  });
});

describe('mayReadLiving', () => {
  it('lets an app read the lives it created, and the system app every live of its corp', () => {
    expect(mayReadLiving(app('self_built', true, 1), living(1))).toBe(true);
    expect(mayReadLiving(app('self_built', true, 2), living(1))).toBe(false);
    expect(mayReadLiving(app('agency', true, 1), living(undefined))).toBe(false);
    expect(mayReadLiving(app('system'), living(undefined))).toBe(true);
    expect(mayReadLiving(app('system'), living(1, 'other'))).toBe(false);
    expect(mayReadLiving(app('self_built', true, 1), living(1, 'other'))).toBe(false);
  });
});

describe('mayModifyLiving', () => {
  it('lets only the creating app modify (doc 93640): not the system app for another app, nobody for a client-made live', () => {
    expect(mayModifyLiving(app('self_built', true, 1), living(1))).toBe(true);
    expect(mayModifyLiving(app('self_built', true, 2), living(1))).toBe(false);
    expect(mayModifyLiving(app('system', true, 3010040), living(1))).toBe(false);
    expect(mayModifyLiving(app('system', true, 3010040), living(3010040))).toBe(true);
    expect(mayModifyLiving(app('system'), living(undefined))).toBe(false);
    expect(mayModifyLiving(app('self_built', true, 1), living(1, 'other'))).toBe(false);
  });
});
