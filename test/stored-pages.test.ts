import { describe, expect, it } from 'vitest';
import type { Scenario } from '../src/scenario/scenario-schema.js';
import { joinRows } from '../src/domain/watch-stat-page.js';
import type { ViewerPosition } from '../src/domain/viewer-position.js';
import { call, getToken, startTestServer, TEST_NOW, watchStat } from './support/test-server.js';
import { STORES } from './support/stores.js';

const CORP = 'wwst0red0pages0001';
const SECRET = 'stored-pages-secret-0123456789abcdef';
const KEY = 'stored-pages-ingest-key-0123456789abcdef';
const ENDED = 'lvStoredEnded0000000000000000000';
const ONGOING = 'lvStoredOngoing00000000000000000';
const START_S = TEST_NOW / 1000 - 7200;

function scenario(): Scenario {
  const base = { anchor_userid: 'zhangsan', theme: 'stored', creator_agentid: 1000002 };
  return {
    corps: [
      {
        corpid: CORP,
        ingest_keys: [KEY],
        apps: [{ agentid: 1000002, kind: 'self_built', secret: SECRET, living_api: true }],
        livings: [
          { ...base, livingid: ENDED, living_start: START_S, living_duration: 3600 },
          { ...base, livingid: ONGOING, living_start: TEST_NOW / 1000 - 600, living_duration: 7200 },
        ],
      },
    ],
  };
}

/** Each viewer entered and left: closed sessions, whose entries no longer move with the clock. */
function visits(livingid: string, startMs: number, viewers: number) {
  return Array.from({ length: viewers }, (_, i) => [
    { id: `${livingid}-in-${i}`, livingid, at: startMs + i * 1000, kind: 'enter', viewer: { userid: `u${String(i).padStart(3, '0')}` } },
    { id: `${livingid}-out-${i}`, livingid, at: startMs + i * 1000 + 60_000, kind: 'leave', viewer: { userid: `u${String(i).padStart(3, '0')}` } },
  ]).flat();
}

for (const backend of STORES)
  describe(backend.name, () => {
    it('stores the pages of a live built by ingest once a pull starts on it after its end, and they are the pages the rows give', async () => {
      const server = await startTestServer(backend, scenario(), { pageSize: 2 });
      try {
        const send = (events: unknown[]) =>
          call(`${server.url}/livestat/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
        expect((await send([...visits(ENDED, START_S * 1000, 5), ...visits(ONGOING, TEST_NOW - 300_000, 3)])).body.accepted).toBe(16);
        const token = await getToken(server.url, CORP, SECRET);
        const pull = async (livingid: string) => {
          const texts: string[] = [];
          for (let key = ''; ; ) {
            const page = await watchStat(server.url, token, { livingid, next_key: key });
            texts.push(page.text);
            key = page.body.next_key as string;
            if (key === '') return texts;
          }
        };
        const ended = await pull(ENDED);
        expect(ended).toHaveLength(3);
        await pull(ONGOING);
        // Closing the server waits for the background walk: no sleep, no polling.
        await server.app.close();
        expect(await server.store.countStoredPages(CORP, ENDED)).toBe(3);
        expect(await server.store.countStoredPages(CORP, ONGOING)).toBe(0);
        let after: ViewerPosition | undefined;
        for (let i = 0; i < 3; i++) {
          const stored = (await server.store.pageJoined(CORP, ENDED, after, 2))!;
          expect(stored).toEqual(joinRows(await server.store.pageWire(CORP, ENDED, after, 3), 2));
          after = stored.last;
        }
        // Nothing to do the second time.
        expect(await server.store.storeLivingPages(CORP, ENDED, 2)).toBe(false);
      } finally {
        await server.close();
      }
    });
  });
