import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfigFile, resolveServeOptions } from '../src/cli/serve-config.js';
import { SERVE_FLAGS, envName } from '../src/cli/serve-flags.js';
import { runCli, startCliServer } from './support/cli.js';
import { tempDir } from './support/temp-dir.js';
import { call } from './support/test-server.js';

const KEYS = { file: 'admin-key-from-the-file-000000', env: 'admin-key-from-the-env-0000000', flag: 'admin-key-from-the-flag-000000' };
/** Which admin key opens the admin API of a running server. */
async function keyInUse(url: string): Promise<string | undefined> {
  for (const [, key] of Object.entries(KEYS)) {
    const res = await call(`${url}/livestat/admin/corps`, { headers: { authorization: `Bearer ${key}` } });
    if (res.status === 200) return key;
  }
  return undefined;
}

/** Env of a child without any LIVESTAT_* or legacy variable the test runner may carry. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const ours = new Set(['LIVESTAT_CONFIG', ...SERVE_FLAGS.flatMap((flag) => [envName(flag.name), ...(flag.legacyEnv ? [flag.legacyEnv] : [])])]);
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !ours.has(name)));
  return { ...env, ...extra };
}

describe('serve configuration: flag > env > file > default', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeAll(async () => ({ dir, remove } = await tempDir()));
  afterAll(() => remove());

  it('a real livestat serve takes the admin key from the file, then env over it, then the flag over both', async () => {
    const config = join(dir, 'livestat.json');
    await writeFile(config, JSON.stringify({ 'admin-key': KEYS.file, db: 'config.db', 'log-level': 'warn' }));
    // Only with the file: the file's key, and --db relative to the file's folder.
    const fromFile = await startCliServer(['--config', config], cleanEnv());
    try {
      expect(await keyInUse(fromFile.url)).toBe(KEYS.file);
      expect(fromFile.output()).toContain(`database: ${join(dir, 'config.db')} (SQLite)`);
    } finally {
      await fromFile.stop();
    }
    const fromEnv = await startCliServer([], cleanEnv({ LIVESTAT_CONFIG: config, LIVESTAT_ADMIN_KEY: KEYS.env }));
    try {
      expect(await keyInUse(fromEnv.url)).toBe(KEYS.env);
    } finally {
      await fromEnv.stop();
    }
    const fromFlag = await startCliServer(['--config', config, '--admin-key', KEYS.flag], cleanEnv({ LIVESTAT_ADMIN_KEY: KEYS.env }));
    try {
      expect(await keyInUse(fromFlag.url)).toBe(KEYS.flag);
    } finally {
      await fromFlag.stop();
    }
  }, 240_000);

  it('resolves every kind of flag with the same precedence', () => {
    const file = { pageSize: 7, trustProxy: true, scenario: ['/f/a.json'], logLevel: 'debug', metrics: 'all' };
    const env = { LIVESTAT_PAGE_SIZE: '8', LIVESTAT_TRUST_PROXY: 'false', LIVESTAT_SCENARIO: '/e/a.json,/e/b.json', PORT: '9000', LIVESTAT_PORT: '9001', HOST: '0.0.0.0' };
    const { options, sources } = resolveServeOptions({ pageSize: 9, host: '::1' }, env, file);
    expect([options.pageSize, sources.pageSize]).toEqual([9, 'flag']);
    expect([options.trustProxy, sources.trustProxy]).toEqual([false, 'env']);
    expect(options.scenario).toEqual(['/e/a.json', '/e/b.json']);
    // LIVESTAT_PORT wins over the older PORT; a flag wins over HOST.
    expect([options.port, sources.port]).toEqual([9001, 'env']);
    expect([options.host, sources.host]).toEqual(['::1', 'flag']);
    expect([options.logLevel, sources.logLevel]).toEqual(['debug', 'file']);
    expect([options.metrics, sources.metrics]).toEqual(['all', 'file']);
    expect([options.rateLimitPerMinute, sources.rateLimitPerMinute]).toEqual([10_000, 'default']);
    // Expired tokens answer 40014 unless told otherwise; providers' per-IP limits are doc 90454's.
    expect([options.expiredTokenErrcode, sources.expiredTokenErrcode]).toEqual([40014, 'default']);
    expect([options.providerIpRateLimitPerMinute, options.providerIpRateLimitPerHour]).toEqual([40_000, 1_200_000]);
    expect(resolveServeOptions({}, { LIVESTAT_EXPIRED_TOKEN_ERRCODE: '42001' }).options.expiredTokenErrcode).toBe(42001);
    expect(resolveServeOptions({}, { PORT: '9000' }).options.port).toBe(9000);
    expect(() => resolveServeOptions({}, { LIVESTAT_PAGE_SIZE: 'many' })).toThrow('LIVESTAT_PAGE_SIZE: must be an integer');
    expect(() => resolveServeOptions({}, { LIVESTAT_TRUST_PROXY: 'maybe' })).toThrow('LIVESTAT_TRUST_PROXY: must be true or false');
  });

  it('checks the config file and names the bad key', async () => {
    const bad = async (content: unknown) => {
      const file = join(dir, `bad-${Math.random().toString(36).slice(2)}.json`);
      await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
      return readConfigFile(file).then(
        () => 'accepted',
        (e: unknown) => (e instanceof Error ? e.message : String(e)).slice(file.length + 2),
      );
    };
    expect(await bad({ 'page-size': 0 })).toMatch(/^page-size: /);
    expect(await bad({ 'page-size': '100' })).toMatch(/^page-size: /);
    expect(await bad({ 'log-level': 'loud' })).toBe('log-level: must be one of fatal, error, warn, info, debug, trace, silent');
    expect(await bad({ 'trust-proxy': 'yes' })).toMatch(/^trust-proxy: /);
    expect(await bad({ pagesize: 5 })).toMatch(/^pagesize: unknown key/);
    expect(await bad({ scenario: 'a.json' })).toMatch(/^scenario: /);
    expect(await bad('{ not json')).not.toBe('accepted');
    expect(await bad([1])).toMatch(/must be a JSON object/);
    expect(await bad({ 'page-size': 50, scenario: ['s.json'] })).toBe('accepted');
  });

  it('a bad config file stops serve with exit 2 and the key in the message', async () => {
    const file = join(dir, 'wrong.json');
    await writeFile(file, JSON.stringify({ 'rate-limit-per-minute': -1 }));
    const r = await runCli(['serve', '--config', file, '--port', '0'], cleanEnv());
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${file}: rate-limit-per-minute:`);
  });

  it('--help names the variable of every flag', async () => {
    const r = await runCli(['serve', '--help']);
    const help = r.stdout.replace(/\s+/g, ' ');
    for (const flag of SERVE_FLAGS) expect(help).toContain(envName(flag.name));
    expect(help).toContain('LIVESTAT_CONFIG');
  });
});
