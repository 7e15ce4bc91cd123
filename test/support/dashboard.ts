import type { Scenario } from '../../src/scenario/scenario-schema.js';
import { CORP, baseScenario } from './scenarios.js';

export const ADMIN_KEY = 'test-admin-key-0123456789abcdef';
/** A live with 20,000 generated viewers: deep paging, in order, nothing repeated. */
export const CROWD_LIVE = 'lvd9BGagAAcrowdLive0000000000000';
export const CROWD = { members: 4000, external: 16_000 };

/** The base scenario plus the crowded live. */
export function dashboardScenario(): Scenario {
  const scenario = baseScenario();
  const corp = scenario.corps.find((c) => c.corpid === CORP)!;
  corp.livings!.push({
    livingid: CROWD_LIVE,
    creator_agentid: 1000002,
    anchor_userid: 'hanmeimei',
    theme: 'Crowd night',
    type: 4,
    living_start: 1764230400,
    living_duration: 7200,
    synthetic_viewers: { ...CROWD, seed: 11 },
  });
  return scenario;
}

/** GET an admin endpoint; `key` null sends no Authorization header. */
export async function admin(base: string, path: string, key: string | null = ADMIN_KEY): Promise<{ status: number; body: any; text: string; headers: Headers }> {
  const res = await fetch(`${base}/livestat/admin${path}`, key === null ? {} : { headers: { authorization: `Bearer ${key}` } });
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, body, text, headers: res.headers };
}
