import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../src/scenario/scenario-schema.js';
import { type CallerName, type TokenState, type WatchStatWorld, expectLivestatError, expectWeComReply, expectedWatchStatErrcode, parseBody } from './support/fuzz-oracle.js';
import { buildRequest, rawRequest } from './support/raw-http.js';
import { AGENCY_LIVE, BIG_LIVE, CORP, EMPTY_LIVE, EXPIRING_TOKEN, LIVE, OTHER_CORP, OTHER_LIVE, PERSON_LIVE, SECRETS, THIRD_PARTY_TOKEN, baseScenario } from './support/scenarios.js';
import { type TestServer, getToken, startTestServer, watchStat } from './support/test-server.js';
import { STORES } from './support/stores.js';

const PATH = '/cgi-bin/living/get_watch_stat';
const INGEST_CORP = 'wwf022c0rp00000003';
const INGEST_KEY = 'fuzz-ingest-key-0123456789abcdef';
const INGEST_LIVE = 'lvFuzzIngestLive0000000000000000';
const INGEST_SECRET = 'S8-ingest-corp-secret-0123456789';

function scenario(): Scenario {
  const s = baseScenario();
  s.corps.push({
    corpid: INGEST_CORP,
    ingest_keys: [INGEST_KEY],
    apps: [{ agentid: 1000002, kind: 'self_built', secret: INGEST_SECRET, living_api: true }],
    livings: [{ livingid: INGEST_LIVE, creator_agentid: 1000002, anchor_userid: 'a', theme: 'fuzz', type: 0, living_start: 1764230400, living_duration: 3600 }],
  });
  return s;
}

const LIVES = [LIVE, AGENCY_LIVE, PERSON_LIVE, EMPTY_LIVE, BIG_LIVE, OTHER_LIVE, INGEST_LIVE];
const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'];

// Strings that break naive code: NUL, lone surrogates, RTL marks, emoji, BOM, long runs.
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('\u0000', '\ud800', '\udfff', 'a\ud83d', '\u202e\u202dlv', '👨‍👩‍👧‍👦', '\ufeff', '０', 'lv' + 'x'.repeat(30), '0', '', ' '),
  fc.constantFrom(...LIVES),
  fc.string({ unit: 'grapheme', minLength: 60, maxLength: 80 }),
);
const wrongType = fc.oneof(fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), fc.nat(), { maxKeys: 3 }));

for (const backend of STORES) describe(backend.name, () => {
  describe('fuzzing the wire', () => {
    let server: TestServer;
    let tokens: Record<CallerName, string>;
    let world: WatchStatWorld;
    let good: { request: Buffer; text: string };
    let checks = 0;

    beforeAll(async () => {
      server = await startTestServer(backend, scenario(), {
        // Limits are tested elsewhere; here they would only make the oracle depend on history.
        rateLimits: { corpPerMinute: 1e9, corpPerHour: 1e9, ipPerMinute: 1e9, ipPerHour: 1e9 },
        wrongSecretLimitPerHour: 1e9,
        requestTimeoutMs: 2000,
      });
      tokens = {
        selfBuilt: await getToken(server.url, CORP, SECRETS.selfBuilt),
        agency: await getToken(server.url, CORP, SECRETS.agency),
        thirdParty: THIRD_PARTY_TOKEN,
        noLiving: await getToken(server.url, CORP, SECRETS.noLiving),
        system: await getToken(server.url, CORP, SECRETS.system),
        other: await getToken(server.url, OTHER_CORP, SECRETS.other),
      };
      const page = await watchStat(server.url, tokens.selfBuilt, { livingid: BIG_LIVE });
      world = {
        readable: { selfBuilt: [LIVE, EMPTY_LIVE, BIG_LIVE], agency: [AGENCY_LIVE], thirdParty: [], noLiving: [], system: [], other: [OTHER_LIVE] },
        forbidden: new Set(['noLiving', 'system']),
        realKey: { caller: 'selfBuilt', livingid: BIG_LIVE, key: page.body.next_key as string },
      };
      const request = buildRequest('POST', `${PATH}?access_token=${tokens.selfBuilt}`, JSON.stringify({ livingid: LIVE, next_key: '0' }));
      good = { request, text: (await rawRequest(server.url, request))!.text };
      expect(JSON.parse(good.text).errcode).toBe(0);
    });
    afterAll(() => server.close());

    /** Every few fuzz requests, a known-good one must still get exactly the same bytes. */
    async function stillServes(): Promise<void> {
      if (++checks % 10 !== 0) return;
      expect((await rawRequest(server.url, good.request))?.text).toBe(good.text);
    }

    const callers = fc.constantFrom<CallerName>('selfBuilt', 'agency', 'thirdParty', 'noLiving', 'system', 'other');
    const tokenState: fc.Arbitrary<TokenState> = fc.oneof(
      fc.constantFrom<TokenState>({ kind: 'missing' }, { kind: 'empty' }, { kind: 'in-header' }, { kind: 'too-long' }, { kind: 'expired' }, { kind: 'unknown' }),
      callers.map((caller): TokenState => ({ kind: 'valid', caller })),
      callers.map((caller): TokenState => ({ kind: 'valid', caller })),
      callers.map((caller): TokenState => ({ kind: 'valid-then-bogus', caller })),
      callers.map((caller): TokenState => ({ kind: 'bogus-then-valid', caller })),
    );

    function target(token: TokenState, unknown: string): { query: string; headers: Record<string, string> } {
      switch (token.kind) {
        case 'missing':
          return { query: '', headers: {} };
        case 'empty':
          return { query: '?access_token=&access_token=x', headers: {} };
        case 'in-header':
          return { query: '?accesstoken=x', headers: { access_token: tokens.selfBuilt, authorization: `Bearer ${tokens.selfBuilt}` } };
        case 'unknown':
          return { query: `?access_token=${encodeURIComponent(unknown)}`, headers: {} };
        case 'too-long':
          return { query: `?access_token=${'A'.repeat(600)}`, headers: {} };
        case 'expired':
          return { query: `?access_token=${EXPIRING_TOKEN}`, headers: {} };
        case 'valid':
          return { query: `?access_token=${tokens[token.caller]}`, headers: {} };
        case 'valid-then-bogus':
          return { query: `?access_token=${tokens[token.caller]}&access_token=bogus`, headers: {} };
        case 'bogus-then-valid':
          return { query: `?access_token=bogus&access_token=${tokens[token.caller]}`, headers: {} };
      }
    }

    const nextKey = () =>
      fc.oneof(
        fc.constantFrom('0', '', world.realKey.key, world.realKey.key.slice(0, -1), `${world.realKey.key}A`, 'AQBsaXNp' + 'A'.repeat(22), 'x'.repeat(513)),
        fc.base64String({ maxLength: 80 }).map((s) => s.replace(/\+/g, '-').replace(/\//g, '_').replace(/=/g, '')),
        nasty,
        wrongType,
      );
    const requestObject = () =>
      fc
        .record(
          { livingid: fc.oneof(fc.constantFrom(...LIVES), fc.constantFrom(...LIVES), nasty, wrongType, fc.constant('x'.repeat(65))), next_key: nextKey() },
          { requiredKeys: [] },
        )
        .chain((base) => fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }).map((extra) => ({ ...extra, ...base })));
    const body = () =>
      fc.oneof(
        { weight: 5, arbitrary: requestObject().map((o) => Buffer.from(JSON.stringify(o), 'utf8')) },
        // Truncated JSON: a valid request cut anywhere.
        { weight: 2, arbitrary: fc.tuple(requestObject(), fc.nat()).map(([o, n]) => { const t = JSON.stringify(o); return Buffer.from(t.slice(0, n % Math.max(1, t.length)), 'utf8'); }) },
        { weight: 1, arbitrary: fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v), 'utf8')) },
        { weight: 1, arbitrary: fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a)) },
        { weight: 1, arbitrary: fc.constantFrom('', '   ', 'null', '[]', '"lv"', '{', '{"livingid":', '\u0000', '{"livingid":"\\ud800"}').map((t) => Buffer.from(t, 'utf8')) },
      );

    it('get_watch_stat answers every request with the errcode its token, method and body call for', async () => {
      await fc.assert(
        fc.asyncProperty(
          tokenState,
          fc.stringMatching(/^[A-Za-z0-9_-]{1,100}$/),
          fc.oneof({ weight: 4, arbitrary: fc.constant('POST') }, { weight: 1, arbitrary: fc.constantFrom(...METHODS) }),
          body(),
          fc.constantFrom(undefined, 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream', 'multipart/form-data; boundary=x'),
          async (token, unknown, method, bytes, type) => {
            const { query, headers } = target(token, unknown);
            const reply = await rawRequest(server.url, buildRequest(method, `${PATH}${query}`, bytes, type ? { ...headers, 'content-type': type } : headers));
            const context = `${method} ${JSON.stringify(token)} ${JSON.stringify(bytes.toString('utf8').slice(0, 300))}`;
            expectWeComReply(reply, expectedWatchStatErrcode(world, token, method, bytes), context);
            await stillServes();
          },
        ),
        { seed: 7001, numRuns: 1500 },
      );
    });

    it('get_watch_stat survives deep nesting, huge strings and oversized bodies', async () => {
      const deep = 100_000;
      const cases: [string, Buffer | string, number][] = [
        ['100,000 unbalanced [', '['.repeat(deep), 40058],
        ['100,000 balanced []', '['.repeat(deep) + ']'.repeat(deep), 40058],
        ['100,000 nested objects', '{"a":'.repeat(deep) + '1' + '}'.repeat(deep), 40058],
        ['deep nesting beside a good livingid', `{"livingid":"${LIVE}","x":${'['.repeat(deep)}${']'.repeat(deep)}}`, 0],
        ['deep nesting as next_key', `{"livingid":"${LIVE}","next_key":${'['.repeat(deep)}${']'.repeat(deep)}}`, 40058],
        ['a 900 KB livingid', JSON.stringify({ livingid: 'x'.repeat(900_000) }), 40058],
        ['a 900 KB next_key', JSON.stringify({ livingid: LIVE, next_key: 'A'.repeat(900_000) }), 40058],
        ['a 2 MB body', JSON.stringify({ livingid: LIVE, pad: 'x'.repeat(2_000_000) }), 40058],
        ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0xed, 0xa0, 0x80, 0x22, 0x3a, 0xff, 0xfe, 0x7d]), 40058],
        ['UTF-16 JSON', Buffer.from(JSON.stringify({ livingid: LIVE }), 'utf16le'), 40058],
        ['a BOM before the JSON', `\ufeff${JSON.stringify({ livingid: LIVE })}`, 40058],
      ];
      for (const [name, bytes, errcode] of cases) {
        const reply = await rawRequest(server.url, buildRequest('POST', `${PATH}?access_token=${tokens.selfBuilt}`, bytes));
        expectWeComReply(reply, errcode, name);
        expect((await rawRequest(server.url, good.request))?.text, name).toBe(good.text);
      }
    });

    it('gettoken answers 41004, 41002, 40013, 40001 or the same token, from the query alone', async () => {
      const corps: Record<string, readonly string[]> = { [CORP]: [SECRETS.selfBuilt, SECRETS.agency, SECRETS.noLiving, SECRETS.system, SECRETS.ipLocked], [OTHER_CORP]: [SECRETS.other], [INGEST_CORP]: [INGEST_SECRET] };
      const issued = new Map<string, string>([
        [`${CORP}\0${SECRETS.selfBuilt}`, tokens.selfBuilt],
        [`${OTHER_CORP}\0${SECRETS.other}`, tokens.other],
      ]);
      const value = fc.oneof(fc.constantFrom(CORP, OTHER_CORP, INGEST_CORP, '', SECRETS.selfBuilt, SECRETS.other, SECRETS.ipLocked), fc.string({ unit: 'grapheme', maxLength: 30 }));
      const param = (name: string) => fc.array(value, { maxLength: 3 }).map((vs) => ({ name, vs }));
      await fc.assert(
        fc.asyncProperty(fc.constantFrom('GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'), param('corpid'), param('corpsecret'), fc.boolean(), async (method, corpid, secret, swap) => {
          const ids = corpid.vs.map((v) => `corpid=${encodeURIComponent(v)}`);
          const secrets = secret.vs.map((v) => `corpsecret=${encodeURIComponent(v)}`);
          const pairs = swap ? [...secrets, ...ids] : [...ids, ...secrets];
          const reply = await rawRequest(server.url, buildRequest(method, `/cgi-bin/gettoken?${pairs.join('&')}`, method === 'GET' ? undefined : '{}'));
          const context = `${method} ${pairs.join('&')}`;
          if (method !== 'GET' && method !== 'POST') {
            expect(reply?.status, context).toBe(404);
            expect(reply?.text, context).toBe('');
            return;
          }
          const [c, s] = [corpid.vs[0], secret.vs[0]];
          let errcode = 0;
          if (!s) errcode = 41004;
          else if (!c) errcode = 41002;
          else if (!corps[c]) errcode = 40013;
          else if (!corps[c].includes(s)) errcode = 40001;
          const body = expectWeComReply(reply, errcode, context);
          const known = issued.get(`${c}\0${s}`);
          if (errcode === 0 && known) expect(body.access_token, context).toBe(known);
          await stillServes();
        }),
        { seed: 7002, numRuns: 500 },
      );
    });

    it('POST /livestat/v1/events answers 401, 400, 413 JSON for bad input, and accounts for every event it takes', async () => {
      const auth = fc.constantFrom<[string | undefined, boolean]>(
        [undefined, false],
        [`Bearer ${INGEST_KEY}`, true],
        [`bearer   ${INGEST_KEY}  `, true],
        ['Bearer wrong-key', false],
        [`Basic ${INGEST_KEY}`, false],
        [`Bearer ${'k'.repeat(600)}`, false],
        [`Bearer ${tokens.selfBuilt}`, false],
      );
      const event = fc.record(
        {
          id: fc.oneof(fc.string({ maxLength: 10 }), fc.integer()),
          livingid: fc.oneof(fc.constantFrom(INGEST_LIVE, LIVE, OTHER_LIVE), nasty),
          at: fc.oneof(fc.integer({ min: 1764230400000, max: 1764234000000 }), wrongType),
          kind: fc.oneof(fc.constantFrom('enter', 'leave', 'heartbeat', 'comment', 'mic_on', 'mic_off'), nasty),
          viewer: fc.oneof(fc.record({ userid: fc.oneof(fc.stringMatching(/^[a-z]{1,8}$/), nasty) }), fc.record({ external_userid: nasty, type: fc.constantFrom(1, 2, 3), name: nasty }), wrongType),
        },
        { requiredKeys: [] },
      );
      const body = fc.oneof(
        { weight: 4, arbitrary: fc.array(event, { maxLength: 5 }).map((events) => JSON.stringify({ events })) },
        { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)) },
        { weight: 1, arbitrary: fc.uint8Array({ maxLength: 100 }).map((a) => Buffer.from(a).toString('latin1')) },
        { weight: 1, arbitrary: fc.constantFrom('', '{"events":', '{"events":{}}', `{"events":[${'{},'.repeat(10_000)}{}]}`) },
      );
      await fc.assert(
        fc.asyncProperty(auth, body, async ([authorization, valid], text) => {
          const reply = await rawRequest(server.url, buildRequest('POST', '/livestat/v1/events', Buffer.from(text, 'latin1'), authorization ? { authorization } : {}));
          const context = `${authorization} ${text.slice(0, 300)}`;
          if (!valid) { expectLivestatError(reply, 401, context); return; }
          const value = parseBody(Buffer.from(text, 'latin1'));
          const events = typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Error) ? (value as { events?: unknown }).events : undefined;
          if (!Array.isArray(events)) { expectLivestatError(reply, 400, context); return; }
          if (events.length > 10_000) { expectLivestatError(reply, 413, context); return; }
          expect(reply?.status, `${context}\n${reply?.text}`).toBe(200);
          const out = JSON.parse(reply!.text) as { accepted: number; duplicates: number; rejected: unknown[] };
          expect(out.accepted + out.duplicates + out.rejected.length, context).toBe(events.length);
          await stillServes();
        }),
        { seed: 7003, numRuns: 400 },
      );
      // Events aimed at other corps' lives changed nothing there.
      expect((await rawRequest(server.url, good.request))?.text).toBe(good.text);
    });

    it('unknown paths and methods: 404 with an empty body; /livestat/v1/livings: 401 or 404 JSON', async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...METHODS, 'HEAD'), fc.stringMatching(/^[A-Za-z0-9_.~%-]{0,30}$/), fc.boolean(), async (method, segment, livings) => {
          if (livings) {
            const reply = await rawRequest(server.url, buildRequest('GET', `/livestat/v1/livings/${segment || 'x'}`, undefined, method === 'GET' ? { authorization: `Bearer ${INGEST_KEY}` } : {}));
            const badUrl = (() => {
              try {
                decodeURIComponent(segment);
                return false;
              } catch {
                return true;
              }
            })();
            const status = badUrl ? 400 : method === 'GET' ? 404 : 401;
            expectLivestatError(reply, status, `livings ${method} ${segment}`);
            return;
          }
          const reply = await rawRequest(server.url, buildRequest(method, `/cgi-bin/living/nope${segment}`, method === 'GET' || method === 'HEAD' ? undefined : '{}'));
          expect(reply?.status, `${method} ${segment}`).toBe(404);
          expect(reply?.body.length, `${method} ${segment}`).toBe(0);
          await stillServes();
        }),
        { seed: 7004, numRuns: 200 },
      );
    });

    it('random bytes, bad request lines and lying Content-Lengths get a 4xx or a closed socket, never a crash', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            // Bytes no parser takes; the client hangs up after them.
            fc.uint8Array({ minLength: 1, maxLength: 300 }).map((a) => ({ kind: 'junk', end: true, bytes: Buffer.from(a) })),
            fc.tuple(fc.constantFrom('POST', 'GET', 'BREW', 'G\u0000T', ''), fc.string({ unit: 'binary-ascii', maxLength: 40 })).map(([m, t]) => ({ kind: 'junk', end: false, bytes: Buffer.from(`${m} /cgi-bin/${t} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, 'latin1') })),
            // Content-Length larger than what is sent, then the client hangs up.
            fc.nat({ max: 50 }).map((n) => ({ kind: 'junk', end: true, bytes: Buffer.concat([buildRequest('POST', `${PATH}?access_token=${tokens.selfBuilt}`, undefined, { 'content-length': String(n + 10) }), Buffer.from('{"livingid"'.slice(0, n % 11))]) })),
            // Content-Length smaller than what is sent: the rest is a garbage second request.
            fc.nat({ max: 20 }).map((n) => ({ kind: 'short', end: false, bytes: Buffer.concat([buildRequest('POST', `${PATH}?access_token=${tokens.selfBuilt}`, undefined, { 'content-length': String(n) }), Buffer.from(`{"livingid":"${LIVE}"}`.padEnd(n + 40, 'z'))]) })),
          ),
          async ({ kind, end, bytes }) => {
            const reply = await rawRequest(server.url, bytes, { end });
            const context = bytes.toString('latin1').slice(0, 200);
            // A client that hangs up only half-closes, so the server can always still answer: a
            // connection cut without a reply would be a bug here, not an outcome by design.
            expect(reply, context).toBeDefined();
            const r = reply!;
            expect(r.status, context).toBeLessThan(500);
            if (r.status === 200) {
              // Only a request that parsed can get a WeCom reply: the short-bodied one (its n <= 20
              // bytes of JSON are always cut off), answered before its garbage tail was read.
              expect(kind, context).toBe('short');
              expectWeComReply(r, 40058, context);
            } else if (r.status === 404) {
              // A request line that parsed, naming no endpoint: WeCom's empty 404.
              expect(r.text, context).toBe('');
            } else {
              // Bytes HTTP cannot parse, or a body the client cut short: fastify's client error.
              expect(r.status, context).toBe(400);
              expect(JSON.parse(r.text), context).toEqual({ error: 'Bad Request', message: 'Client Error', statusCode: 400 });
            }
            await stillServes();
          },
        ),
        { seed: 7005, numRuns: 300 },
      );
    });
  });
});
