import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LivestatAdmin } from '../src/client/admin/livestat-admin.js';
import { runCli, startCliServer } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';
import { call } from './support/test-server.js';

const KEY = 'serve-control-key-0123456789';

describe('livestat serve with the control flags', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => ({ dir, remove } = await tempDir()));
  afterAll(() => remove());

  it('starts its clock frozen at --clock, is ready, and lists its --fault flags as plan entries', async () => {
    const server = await startCliServer(['--db', join(dir, 'c.db'), '--scenario', 'scenarios/demo.json', '--log-level', 'warn', '--admin-key', KEY, '--clock', '2025-11-27T08:00:00Z', '--frozen', '--seed', '9', '--fault', 'gettoken:latency:1ms']);
    try {
      const admin = new LivestatAdmin({ baseUrl: server.url, adminKey: KEY });
      expect(await admin.clock()).toEqual({ now: Date.UTC(2025, 10, 27, 8) / 1000, frozen: true });
      expect((await call(`${server.url}/livestat/ready`)).body).toEqual({ status: 'ready', scenarios_loaded: true, database: true, shared_control: false });
      expect((await admin.faults()).map((f) => [f.source, f.api, f.latency_ms])).toEqual([['flag', 'gettoken', 1]]);
    } finally {
      expect(await server.stop('SIGTERM')).toBe(0);
    }
  });

  it('refuses an admin key shorter than 16 characters and a --clock without a zone, with exit 2 and one line', async () => {
    for (const args of [['--admin-key', 'short-key'], ['--clock', '2025-11-27 08:00']]) {
      const run = await runCli(['serve', '--port', '0', '--db', join(dir, 'refused.db'), ...args]);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
      expect(run.stderr).toMatch(args[0] === '--admin-key' ? /at least 16 characters/ : /--clock must be ISO 8601/);
    }
  });
});
