import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from './support/cli.js';
import { runExample, startExampleServer } from './support/example-run.js';

const KEY = 'example-admin-key-0123456789';

/** examples/control-api.ts, which the README points to, runs as written against `livestat serve`. */
describe('the control API example', () => {
  let server: RunningServer;
  let close: () => Promise<void>;
  beforeAll(async () => {
    ({ server, close } = await startExampleServer(KEY));
  });
  afterAll(() => close());

  it('fails twice then succeeds, counts the calls, and sees a token expire after 7,201 s', async () => {
    const { code, out } = await runExample('control-api.ts', server, KEY);
    expect(code, out).toBe(0);
    expect(out).toMatch(/^\d+ viewers; gettoken calls: 1; get_watch_stat errcodes: -1 -1 0( 0)*$/m);
    expect(out).toContain('after 7201 s: 2 gettoken calls, expired answers: 1');
  });
});
