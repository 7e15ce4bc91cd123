import { WeComClient } from '../../../src/client/client.js';
import type { WeComClientCommonOptions } from '../../../src/client/client-options.js';
import { MemoryTokenStore, type TokenStore } from '../../../src/client/token-store.js';
import type { FakeWeCom } from './fake-wecom.js';

/** A sleep that returns at once and records what it was asked to wait. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; delays: number[] } {
  const delays: number[] = [];
  return { delays, sleep: async (ms) => void delays.push(ms) };
}

/** A credentials client for the fake, with its own token store and an instant sleep. */
export function clientFor(
  fake: FakeWeCom,
  extra: WeComClientCommonOptions & { tokenStore?: TokenStore } = {},
): WeComClient {
  return new WeComClient({
    corpid: fake.corpid,
    corpsecret: fake.corpsecret,
    baseUrl: fake.baseUrl,
    tokenStore: new MemoryTokenStore(),
    sleep: async () => undefined,
    random: () => 0,
    ...extra,
  });
}
