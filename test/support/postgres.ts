import { execFile, execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** Debian's PostgreSQL binaries (`.ci/run` installs the package). */
export const PG_BIN = process.env.LIVESTAT_PG_BIN ?? '/usr/lib/postgresql/15/bin';

/** Why PostgreSQL tests cannot run here, or undefined when they can. */
export function postgresUnavailable(bin: string = PG_BIN, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.LIVESTAT_TEST_DATABASE_URL) return undefined;
  if (!existsSync(join(bin, 'initdb'))) return `no PostgreSQL binaries at ${bin} (apt-get install postgresql, or set LIVESTAT_TEST_DATABASE_URL)`;
  return undefined;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return address.port;
}

export interface TestCluster {
  /** A superuser URL of the cluster's `postgres` database. */
  url: string;
  stop(): Promise<void>;
  /** The same, synchronously: for exit and signal handlers, which cannot await. */
  stopNow(): void;
}

/**
 * A throwaway PostgreSQL cluster: initdb into a temp dir, started on a free port with
 * fsync off (on for benchmarks, which compare durable writes). PostgreSQL refuses to run as root, so as root (CI) the binaries run as the
 * `postgres` OS user, owning the temp dir.
 */
export async function startCluster(options: { fsync?: boolean } = {}): Promise<TestCluster> {
  const asRoot = process.getuid?.() === 0;
  const dir = await mkdtemp(join(tmpdir(), 'livestat-pg-'));
  const data = join(dir, 'data');
  const exec = (bin: string, args: string[]) =>
    asRoot ? run('runuser', ['-u', 'postgres', '--', join(PG_BIN, bin), ...args]) : run(join(PG_BIN, bin), args);
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(dir, Number(stdout.trim()), Number(gid.trim()));
  }
  await exec('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C.UTF-8']);
  const port = await freePort();
  const log = join(dir, 'postgres.log');
  await exec('pg_ctl', ['start', '-w', '-D', data, '-l', log, '-o', `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=${options.fsync ? 'on' : 'off'} -c max_connections=200`]);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await exec('pg_ctl', ['stop', '-D', data, '-m', 'immediate']).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
    stopNow() {
      const [cmd, ...args] = asRoot ? ['runuser', '-u', 'postgres', '--', join(PG_BIN, 'pg_ctl')] : [join(PG_BIN, 'pg_ctl')];
      try {
        execFileSync(cmd, [...args, 'stop', '-D', data, '-m', 'immediate'], { stdio: 'ignore' });
      } catch {
        // Not running any more.
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The cluster URL that globalSetup provides (env, so child processes and workers see it). */
export const CLUSTER_URL_ENV = 'LIVESTAT_TEST_DATABASE_URL';

/**
 * A fresh database on the run's cluster, for one test file's isolation, and a function that
 * drops it. Undefined when the run has no cluster.
 */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> } | undefined> {
  const admin = process.env[CLUSTER_URL_ENV];
  if (!admin) return undefined;
  const name = `livestat_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
