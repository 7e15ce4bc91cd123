import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { buildRequest, openSocket, rawRequest } from './support/raw-http.js';
import { CORP, LIVE, SECRETS, baseScenario } from './support/scenarios.js';
import { type TestServer, getToken, startTestServer, watchStat } from './support/test-server.js';
import { STORES } from './support/stores.js';

const PATH = '/cgi-bin/living/get_watch_stat';

/** gettoken from a chosen loopback address (all of 127/8 is this machine), for per-IP rules. */
async function gettokenFrom(base: string, localAddress: string, secret: string): Promise<number> {
  const req = httpRequest(`${base}/cgi-bin/gettoken?corpid=${CORP}&corpsecret=${encodeURIComponent(secret)}`, { localAddress });
  req.end();
  const [res] = (await once(req, 'response')) as [import('node:http').IncomingMessage];
  let text = '';
  for await (const chunk of res) text += String(chunk);
  return (JSON.parse(text) as { errcode: number }).errcode;
}

for (const backend of STORES) describe(backend.name, () => {
  async function withServer(options: Parameters<typeof startTestServer>[2], run: (server: TestServer) => Promise<void>): Promise<void> {
    const server = await startTestServer(backend, baseScenario(), options);
    try {
      await run(server);
    } finally {
      await server.close();
    }
  }

  describe('abuse', () => {
    it('per-corp rate limit: of 300 parallel calls exactly the limit succeed, the rest get 45009', () =>
      withServer({ rateLimits: { corpPerMinute: 120 } }, async (server) => {
        const token = await getToken(server.url, CORP, SECRETS.selfBuilt);
        const replies = await Promise.all(Array.from({ length: 300 }, () => watchStat(server.url, token, { livingid: LIVE })));
        const codes = replies.map((r) => r.body.errcode);
        expect(codes.filter((c) => c === 0)).toHaveLength(120);
        expect(codes.filter((c) => c === 45009)).toHaveLength(180);
      }));

    it('per-API concurrency limit: of 60 parallel slow calls exactly the limit succeed, the rest get 45033', () =>
      withServer({ maxConcurrentPerCorp: 7, faults: [{ api: 'get_watch_stat', kind: 'latency', ms: 1500 }] }, async (server) => {
        const token = await getToken(server.url, CORP, SECRETS.selfBuilt);
        const codes = await Promise.all(Array.from({ length: 60 }, () => watchStat(server.url, token, { livingid: LIVE }).then((r) => r.body.errcode)));
        expect(codes.filter((c) => c === 0)).toHaveLength(7);
        expect(codes.filter((c) => c === 45033)).toHaveLength(53);
        // The slots came back: the next call succeeds.
        expect((await watchStat(server.url, token, { livingid: LIVE })).body.errcode).toBe(0);
      }));

    it('wrong secrets from one IP block it from gettoken for an hour (45009), even with the right secret', () =>
      withServer({ wrongSecretLimitPerHour: 5 }, async (server) => {
        const token = await getToken(server.url, CORP, SECRETS.selfBuilt);
        const codes = [];
        for (let i = 0; i < 5; i++) codes.push(await gettokenFrom(server.url, '127.0.0.1', `guess-${i}`));
        expect(codes).toEqual([40001, 40001, 40001, 40001, 40001]);
        expect(await gettokenFrom(server.url, '127.0.0.1', SECRETS.selfBuilt)).toBe(45009);
        // Another IP is not blocked, and tokens already issued keep working.
        expect(await gettokenFrom(server.url, '127.0.0.2', SECRETS.selfBuilt)).toBe(0);
        expect((await watchStat(server.url, token, { livingid: LIVE })).body.errcode).toBe(0);
        server.clock.advance(59 * 60_000);
        expect(await gettokenFrom(server.url, '127.0.0.1', SECRETS.selfBuilt)).toBe(45009);
        server.clock.advance(61_000);
        expect(await gettokenFrom(server.url, '127.0.0.1', SECRETS.selfBuilt)).toBe(0);
      }));

    it('wrong secrets spread over hours do not block', () =>
      withServer({ wrongSecretLimitPerHour: 3 }, async (server) => {
        for (let hour = 0; hour < 3; hour++) {
          expect(await gettokenFrom(server.url, '127.0.0.1', 'guess')).toBe(40001);
          expect(await gettokenFrom(server.url, '127.0.0.1', 'guess')).toBe(40001);
          server.clock.advance(3_600_000);
        }
        expect(await gettokenFrom(server.url, '127.0.0.1', SECRETS.selfBuilt)).toBe(0);
      }));

    it('huge headers get 431 and the server keeps answering', () =>
      withServer({}, async (server) => {
        const token = await getToken(server.url, CORP, SECRETS.selfBuilt);
        const huge = buildRequest('POST', `${PATH}?access_token=${token}`, JSON.stringify({ livingid: LIVE }), { 'x-pad': 'a'.repeat(20 * 1024) });
        expect((await rawRequest(server.url, huge))?.status).toBe(431);
        const manySmall = Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`x-h${i}`, 'b'.repeat(60)]));
        expect((await rawRequest(server.url, buildRequest('GET', '/livestat/health', undefined, manySmall)))?.status).toBe(431);
        const long = await rawRequest(server.url, buildRequest('GET', `/cgi-bin/gettoken?corpid=${'c'.repeat(20_000)}`, undefined));
        expect(long?.status).toBe(431);
        expect((await watchStat(server.url, token, { livingid: LIVE })).body.errcode).toBe(0);
      }));

    it('a client that trickles its body slower than the request timeout is disconnected', () =>
      withServer({ requestTimeoutMs: 500 }, async (server) => {
        const token = await getToken(server.url, CORP, SECRETS.selfBuilt);
        const body = JSON.stringify({ livingid: LIVE });
        const socket = await openSocket(server.url);
        // Who hung up: the server's FIN, or its reset. This client never ends its own side.
        let serverHungUp = false;
        socket.on('end', () => (serverHungUp = true));
        socket.on('error', (e: NodeJS.ErrnoException) => (serverHungUp ||= e.code === 'ECONNRESET'));
        const received: Buffer[] = [];
        socket.on('data', (d: Buffer) => received.push(d));
        const closed = once(socket, 'close');
        const started = Date.now();
        socket.write(buildRequest('POST', `${PATH}?access_token=${token}`, undefined, { 'content-length': String(body.length) }));
        // One byte every 150 ms: the whole body would take ~5 s.
        let sent = 0;
        const trickle = setInterval(() => {
          if (sent < body.length && !socket.destroyed) socket.write(body[sent++]!);
        }, 150);
        try {
          await closed;
        } finally {
          clearInterval(trickle);
        }
        expect(sent).toBeLessThan(body.length);
        expect(Date.now() - started).toBeLessThan(3000);
        expect(serverHungUp).toBe(true);
        // Cut by design, one of two ways that race: the request deadline (server/request-deadline.ts)
        // drops the socket without a byte, which is what nearly always wins; or Node's
        // requestTimeout answers 408 first. No reply means the first; any reply must be the second.
        const reply = Buffer.concat(received).toString('latin1');
        const answer = reply === '' ? 'dropped without a reply' : /^HTTP\/1\.1 (\d{3}) /.exec(reply)?.[1];
        expect(['dropped without a reply', '408'], reply).toContain(answer);
        expect((await watchStat(server.url, token, { livingid: LIVE })).body.errcode).toBe(0);
      }));

    it('a client that sends half its headers and stops is disconnected too', () =>
      withServer({ requestTimeoutMs: 500 }, async (server) => {
        const socket = await openSocket(server.url);
        socket.on('error', () => undefined);
        // Reading keeps the socket flowing, so the server's hang-up is seen.
        socket.on('data', () => undefined);
        const closed = once(socket, 'close');
        socket.write('GET /livestat/health HTTP/1.1\r\nHost: x\r\n');
        await closed;
        expect((await rawRequest(server.url, buildRequest('GET', '/livestat/health', undefined)))?.text).toBe('{"status":"ok"}');
      }));
  });
});
