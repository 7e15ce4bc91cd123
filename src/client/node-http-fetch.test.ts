import { once } from 'node:events';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nodeHttpFetch } from './node-http-fetch.js';

describe('nodeHttpFetch', () => {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      if (req.url?.startsWith('/slow')) return; // never answers: the caller's signal must end it
      res.writeHead(req.url?.startsWith('/busy') ? 503 : 200, { 'content-type': 'application/json', 'retry-after': '2' });
      res.end(JSON.stringify({ method: req.method, url: req.url, type: req.headers['content-type'], body }));
    });
  });
  let base: string;
  beforeAll(async () => {
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server.closeAllConnections();
    server.close();
  });

  it('sends method, headers and body and reads status, headers and text', async () => {
    const res = await nodeHttpFetch(`${base}/x?a=1`, { method: 'POST', headers: { 'content-type': 'application/json; charset=UTF-8' }, body: '{"livingid":"万"}' });
    expect(res.ok).toBe(true);
    expect(JSON.parse(await res.text())).toEqual({ method: 'POST', url: '/x?a=1', type: 'application/json; charset=UTF-8', body: '{"livingid":"万"}' });
    const busy = await nodeHttpFetch(`${base}/busy`);
    expect([busy.ok, busy.status, busy.headers.get('retry-after')]).toEqual([false, 503, '2']);
  });

  it('rejects with the signal’s reason when it aborts', async () => {
    const controller = new AbortController();
    const pending = nodeHttpFetch(`${base}/slow`, { signal: controller.signal });
    controller.abort(new DOMException('the call timed out', 'TimeoutError'));
    await expect(pending).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  it('rejects a refused connection', async () => {
    await expect(nodeHttpFetch('http://127.0.0.1:1/')).rejects.toThrow();
  });
});
