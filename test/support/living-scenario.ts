import type { Scenario } from '../../src/scenario/scenario-schema.js';
import { baseScenario, CORP } from './scenarios.js';
import { call, type TestServer } from './test-server.js';

const INGEST_KEY = 'living-ingest-key-0123456789abcdef';
/** A corp whose system app is grandfathered, so it may call the API after the cutoff. */
export const OLD_CORP = 'ww0ldc0rp000000001';
export const OLD_SECRETS = { selfBuilt: 'O1-old-corp-self-built-secret-0123', system: 'O5-old-corp-system-secret-0123456' };
export const SUITE = {
  id: 'wwsuite0000000001',
  secret: 'suite-secret-0123456789abcdef',
  ticket: 'suite-ticket-0123456789abcdef',
  permanentCode: 'permanent-code-of-acme-0123456789',
  agentid: 1000004,
};

/** The base world plus an ingest key, a grandfathered corp and a third-party suite authorized by Acme. */
export function livingScenario(): Scenario {
  const s = baseScenario();
  const acme = s.corps[0]!;
  acme.ingest_keys = [INGEST_KEY];
  s.corps.push({
    corpid: OLD_CORP,
    grandfathered_system_app: true,
    apps: [
      { agentid: 1000002, kind: 'self_built', secret: OLD_SECRETS.selfBuilt, living_api: true },
      { agentid: 3010040, kind: 'system', secret: OLD_SECRETS.system },
    ],
  });
  s.suites = [
    {
      suite_id: SUITE.id,
      suite_secret: SUITE.secret,
      suite_ticket: SUITE.ticket,
      authorizations: [{ corpid: CORP, agentid: SUITE.agentid, permanent_code: SUITE.permanentCode }],
    },
  ];
  return s;
}

/** POSTs a JSON body (or raw text) to a WeCom endpoint with a token. */
export function post(server: TestServer, path: string, token: string, body: unknown) {
  return call(`${server.url}${path}?access_token=${encodeURIComponent(token)}`, {
    method: 'POST',
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** GET /cgi-bin/living/get_living_info. */
export function livingInfo(server: TestServer, token: string, livingid: string) {
  return call(`${server.url}/cgi-bin/living/get_living_info?access_token=${encodeURIComponent(token)}&livingid=${encodeURIComponent(livingid)}`);
}

/** Creates a live and returns its livingid (throws on an error reply). */
export async function createLiving(server: TestServer, token: string, over: Record<string, unknown> = {}): Promise<string> {
  const start = Math.floor(server.clock.now() / 1000) + 3600;
  const { body } = await post(server, '/cgi-bin/living/create', token, { anchor_userid: 'zhangsan', theme: '周会', living_start: start, living_duration: 1800, ...over });
  if (body.errcode !== 0) throw new Error(`create failed: ${JSON.stringify(body)}`);
  return body.livingid as string;
}

/** Sends events with the ingest key and returns the reply as it came. */
export function ingestReply(server: TestServer, events: unknown[]) {
  return call(`${server.url}/livestat/v1/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${INGEST_KEY}`, 'content-type': 'application/json' },
    body: JSON.stringify({ events }),
  });
}

/** Sends viewer events with the ingest key (throws unless every event was taken). */
export async function ingest(server: TestServer, events: unknown[]): Promise<void> {
  const { status, body } = await ingestReply(server, events);
  if (status !== 200 || (body.rejected as unknown[]).length > 0) throw new Error(`ingest failed: ${status} ${JSON.stringify(body)}`);
}
