import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './support/cli.js';
import { runExample, startExampleServer } from './support/example-run.js';

const KEY = 'callback-example-admin-key-0123456789';

/** examples/callback-receiver.ts, which the README shows, runs as written against `livestat serve`. */
describe('the callback receiver example', () => {
  let server: RunningServer;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ server, close } = await startExampleServer(KEY));
  });
  afterAll(() => close());

  it('answers the URL check and opens the push of the live it creates', async () => {
    const { code, out } = await runExample('callback-receiver.ts', server, KEY);
    expect(code, out).toBe(0);
    const livingid = /^created (lv\S+)$/m.exec(out)?.[1];
    expect(livingid, out).toBeDefined();
    expect(out).toContain(`living_status_change ${livingid} status 0`);
  }, 60_000);
});
