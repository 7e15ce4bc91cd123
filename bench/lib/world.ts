import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MemoryTokenStore, WeComClient } from '../../src/client/index.js';
import type { Scenario } from '../../src/scenario/scenario-schema.js';
import { ROOT } from './processes.js';

export const CORP = 'wwbe7c4c0rp0000001';
export const SECRET = 'bench-secret-0123456789abcdef0123456789';
export const INGEST_KEY = 'bench-ingest-key-0123456789abcdef012345';
export const BIG = 'lvBenchBigLive000000000000000000';
export const MID = 'lvBenchMidLive000000000000000000';
export const INGEST = 'lvBenchIngestLive000000000000000';
export const WORK = join(ROOT, 'bench', '.work');

/** The world every benchmark runs against: a big live, a 100,000-viewer live, a live for ingest. */
export async function writeScenario(bigViewers: number, midViewers: number): Promise<string> {
  await mkdir(WORK, { recursive: true });
  const base = { creator_agentid: 1000002, anchor_userid: 'zhangsan', theme: 'bench', type: 4, living_start: 1764000000, living_duration: 7200 };
  const split = (n: number) => ({ members: Math.round(n * 0.2), external: n - Math.round(n * 0.2), seed: 1 });
  const scenario: Scenario = {
    corps: [
      {
        corpid: CORP,
        ingest_keys: [INGEST_KEY],
        apps: [{ agentid: 1000002, kind: 'self_built', secret: SECRET, living_api: true }],
        livings: [
          { ...base, livingid: BIG, synthetic_viewers: split(bigViewers) },
          { ...base, livingid: MID, synthetic_viewers: split(midViewers) },
          { ...base, livingid: INGEST },
        ],
      },
    ],
  };
  const file = join(WORK, `scenario-${bigViewers}-${midViewers}.json`);
  await writeFile(file, JSON.stringify(scenario));
  return file;
}

export function client(baseUrl: string): WeComClient {
  return new WeComClient({ corpid: CORP, corpsecret: SECRET, baseUrl, tokenStore: new MemoryTokenStore() });
}

/** Walks a live once and keeps the next_key that leads to each page (index 0 = page 1 = ""). */
export async function pageKeys(baseUrl: string, livingid: string): Promise<string[]> {
  const keys = [''];
  for await (const page of client(baseUrl).living.watchStat(livingid)) if (page.next_key) keys.push(page.next_key);
  return keys;
}
