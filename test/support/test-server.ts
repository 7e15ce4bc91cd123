import { ManualClock } from '../../src/domain/clock.js';
import type { Scenario } from '../../src/scenario/scenario-schema.js';
import { loadScenario } from '../../src/scenario/scenario-load.js';
import { validateScenario } from '../../src/scenario/scenario-validate.js';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerOptions } from '../../src/server/app.js';
import { syntheticRows } from '../../src/scenario/synthetic-rows.js';
import type { Store } from '../../src/store/store.js';
import type { StoreBackend, TestDatabase } from './stores.js';
import { tempDir } from './temp-dir.js';

/** 2025-11-27 08:00:00 UTC: after the system-app cutoff, during the demo lives. */
export const TEST_NOW = Date.UTC(2025, 10, 27, 8, 0, 0);

export interface TestServer {
  url: string;
  store: Store;
  /** The database behind `store`: `database.open()` is a second process on the same data. */
  database: TestDatabase;
  clock: ManualClock;
  /** A temp dir for the test's own files (downloads, exports), removed on close. */
  dir: string;
  /** The server itself, for what only its process can do (readiness). */
  app: FastifyInstance;
  close(): Promise<void>;
}

/**
 * A real livestat server on a fresh database of `backend` (see stores.ts), listening on
 * 127.0.0.1:0. The scenario goes through the same validation as a file on the command line.
 */
export async function startTestServer(
  backend: StoreBackend,
  scenario: Scenario,
  options: Partial<Omit<ServerOptions, 'store' | 'clock'>> = {},
): Promise<TestServer> {
  const checked = validateScenario(scenario);
  if (!checked.ok) throw new Error(`bad test scenario: ${checked.errors.join('; ')}`);
  const { dir, remove } = await tempDir();
  const database = await backend.create();
  const store = await database.open();
  await loadScenario(store, checked.scenario, { synthetic: syntheticRows, nowMs: TEST_NOW });
  const clock = new ManualClock(TEST_NOW);
  const app = await buildServer({ store, clock, ...options });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('no address');
  return {
    url: `http://127.0.0.1:${address.port}`,
    store,
    database,
    clock,
    dir,
    app,
    async close() {
      await app.close();
      await store.close();
      await database.remove();
      await remove();
    },
  };
}

/** Calls a WeCom-style endpoint and returns the HTTP status, headers and parsed body. */
export async function call(
  url: string,
  init: RequestInit = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown>; text: string }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: Record<string, unknown> = {};
  if (text) body = JSON.parse(text) as Record<string, unknown>;
  return { status: res.status, headers: res.headers, body, text };
}

/** gettoken, returning the token (throws on an error reply). */
export async function getToken(base: string, corpid: string, secret: string): Promise<string> {
  const { body } = await call(`${base}/cgi-bin/gettoken?corpid=${encodeURIComponent(corpid)}&corpsecret=${encodeURIComponent(secret)}`);
  if (body.errcode !== 0) throw new Error(`gettoken failed: ${JSON.stringify(body)}`);
  return body.access_token as string;
}

/** One get_watch_stat call with a JSON body. */
export function watchStat(base: string, token: string, body: unknown) {
  return call(`${base}/cgi-bin/living/get_watch_stat?access_token=${encodeURIComponent(token)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
