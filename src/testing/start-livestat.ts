import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LivestatAdmin } from '../client/admin/livestat-admin.js';
import { WeComClient } from '../client/client.js';
import type { WeComClientCommonOptions } from '../client/client-options.js';
import { MemoryTokenStore } from '../client/token-store.js';
import type { Clock } from '../domain/clock.js';
import { createServer, type CreateServerOptions } from '../embed/create-server.js';
import { demoScenarioPath } from '../embed/package-files.js';
import type { ScenarioInput } from '../embed/scenario-input.js';
import { type AppCredentials, appCredentials } from './credentials.js';

/** What {@link startLivestat} starts. Every field is optional. */
export interface StartLivestatOptions {
  /** The world to load, as an object or a JSON file path; default the demo scenario shipped in the package. */
  scenario?: ScenarioInput;
  /** A PostgreSQL URL to run on; default a fresh SQLite file in a temporary folder (removed by `close()`). */
  databaseUrl?: string;
  /** The server's time source, e.g. `new ManualClock(Date.UTC(2025, 0, 1))` to move time on purpose; default the system clock. */
  clock?: Clock;
  /** Makes tokens, livingids, hints and next_keys reproducible (tests only; see the README). */
  seed?: number;
  /** Any other server setting (faults, rate limits, page size, admin key, logger, ...). */
  server?: Omit<CreateServerOptions, 'scenarios' | 'db' | 'databaseUrl' | 'clock' | 'seed'>;
}

/**
 * A livestat running in this process. New members may be added in minor versions, so treat it
 * as a record to read, not a shape to implement.
 */
export interface Livestat {
  /** e.g. `http://127.0.0.1:54321`: pass it as a WeComClient's `baseUrl`. */
  readonly baseUrl: string;
  /** The typed control client (clock, faults, request journal, scenarios at run time), already keyed. */
  readonly admin: LivestatAdmin;
  /** Every declared app that can authenticate, with its secret or pre-issued token. */
  readonly credentials: readonly AppCredentials[];
  /**
   * A ready client for a declared app: gettoken with its secret, or its pre-issued token.
   * Each Livestat has its own token cache, so tokens never leak between servers.
   * @throws Error when the scenario declares no such app, or the app has neither secret nor token.
   */
  client(corpid: string, agentid: number, options?: WeComClientCommonOptions): WeComClient;
  /** Stops the server (the port is freed) and removes the temporary SQLite files. Safe to call twice. */
  close(): Promise<void>;
}

/**
 * Starts a real livestat server in this process, on a free port, for a test suite.
 *
 * @example
 * const livestat = await startLivestat();            // the demo world, on a temporary SQLite file
 * const client = livestat.client('wwd3m0c0rp00000001', 1000002);
 * const page = await client.living.getWatchStat({ livingid: 'lvd9BGagAAQPefP0y1nikU72QxxpmJVw' });
 * await livestat.close();
 * @throws ScenarioFileError (an invalid scenario), or the database's errors
 */
export async function startLivestat(options: StartLivestatOptions = {}): Promise<Livestat> {
  const dir = options.databaseUrl ? undefined : await mkdtemp(join(tmpdir(), 'livestat-testing-'));
  const removeDir = async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  };
  // The control API needs an admin key: a random one per server unless the caller chose one.
  const adminKey = options.server?.adminKey ?? randomBytes(24).toString('base64url');
  let server;
  try {
    server = await createServer({
      ...options.server,
      adminKey,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      scenarios: [options.scenario ?? demoScenarioPath()],
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : { db: join(dir!, 'livestat.db') }),
      ...(options.clock ? { clock: options.clock } : {}),
    });
  } catch (e) {
    await removeDir();
    throw e;
  }
  let baseUrl: string;
  try {
    baseUrl = await server.listen({ host: '127.0.0.1', port: 0 });
  } catch (e) {
    await server.close();
    await removeDir();
    throw e;
  }
  const credentials = appCredentials(server.scenarios);
  const tokenStore = new MemoryTokenStore();
  let closed: Promise<void> | undefined;
  const running = server;
  return {
    baseUrl,
    admin: new LivestatAdmin({ baseUrl, adminKey }),
    credentials,
    client(corpid, agentid, clientOptions = {}) {
      const app = credentials.find((c) => c.corpid === corpid && c.agentid === agentid);
      if (!app) throw new Error(`livestat: the scenario declares no app ${agentid} with a secret or token in corp ${corpid}`);
      const common = { ...clientOptions, baseUrl };
      if (app.secret !== undefined) return new WeComClient({ ...common, corpid, corpsecret: app.secret, tokenStore });
      return new WeComClient({ ...common, accessToken: app.access_token! });
    },
    close() {
      closed ??= running.close().finally(removeDir);
      return closed;
    },
  };
}
