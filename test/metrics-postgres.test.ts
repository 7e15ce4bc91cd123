import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../src/server/app.js';
import { PostgresStore } from '../src/store/postgres/postgres-store.js';
import { createTestDatabase } from './support/postgres.js';
import { parsePrometheus, valueOf } from './support/prometheus.js';

const cluster = process.env.LIVESTAT_TEST_DATABASE_URL;
if (!cluster) process.stdout.write('PostgreSQL pool metrics not tested: no test cluster\n');

describe.skipIf(!cluster)('/metrics on PostgreSQL', () => {
  let db: { url: string; drop: () => Promise<void> };
  beforeAll(async () => {
    db = (await createTestDatabase())!;
  });
  afterAll(() => db.drop());

  it('shows the pool: connections open, idle and waiting', async () => {
    const store = await PostgresStore.open(db.url);
    const app = await buildServer({ store });
    await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      const port = (app.server.address() as { port: number }).port;
      const samples = parsePrometheus(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text());
      const use = store.poolUse();
      expect(use.total).toBeGreaterThan(0);
      expect(valueOf(samples, 'livestat_pg_pool_connections')).toBe(use.total);
      expect(valueOf(samples, 'livestat_pg_pool_idle_connections')).toBe(use.idle);
      expect(valueOf(samples, 'livestat_pg_pool_waiting_requests')).toBe(0);
    } finally {
      await app.close();
      await store.close();
    }
  });
});
