// A small fake of WeCom's gettoken + get_watch_stat on a real node:http server (port 0),
// with fault injection. Test support only: it follows WIRE.md loosely, not as the spec.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  ERRMSG_TEXT,
  formatErrmsg,
  isKnownErrcode,
  type WatchStatExternalUser,
  type WatchStatUser,
} from '../../../src/protocol/index.js';

/** What the fake does instead of a normal reply. */
export type Fault =
  | { errcode: number }
  | { httpStatus: number; retryAfter?: string }
  | { hang: true }
  | { delayMs: number }
  | { reply: unknown };

type FakeEndpoint = 'gettoken' | 'get_watch_stat';

export interface FakeWeComOptions {
  corpid?: string;
  corpsecret?: string;
  livingid?: string;
  users?: WatchStatUser[];
  externalUsers?: WatchStatExternalUser[];
  /** Viewers per page, members and external viewers together; default 100. */
  pageSize?: number;
  expiresIn?: number;
  /** What an expired token gets; WeCom has answered both. Default 42001. */
  expiredErrcode?: 40014 | 42001;
}

interface RecordedRequest {
  method: string;
  query: Record<string, string>;
  body: unknown;
}

export interface FakeWeCom {
  readonly baseUrl: string;
  readonly corpid: string;
  readonly corpsecret: string;
  readonly livingid: string;
  readonly counts: Record<FakeEndpoint, number>;
  readonly requests: Record<FakeEndpoint, RecordedRequest[]>;
  /** Queues faults, used by the next calls of the endpoint one each. */
  failNext(endpoint: FakeEndpoint, ...faults: Fault[]): void;
  /** Fails every call of the endpoint (after `afterCalls` more successful ones); undefined clears it. */
  failAlways(endpoint: FakeEndpoint, fault: Fault | undefined, afterCalls?: number): void;
  /** Makes every issued token invalid, as if it expired early. */
  expireTokens(): void;
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1, port 0. */
export async function startFakeWeCom(options: FakeWeComOptions = {}): Promise<FakeWeCom> {
  const corpid = options.corpid ?? 'wwfake0000000001';
  const corpsecret = options.corpsecret ?? 'fake-secret-0123456789';
  const livingid = options.livingid ?? 'lvFAKE00000000000000000000000001';
  const pageSize = options.pageSize ?? 100;
  const viewers: ({ member: true; v: WatchStatUser } | { member: false; v: WatchStatExternalUser })[] = [
    ...(options.users ?? []).map((v) => ({ member: true as const, v })),
    ...(options.externalUsers ?? []).map((v) => ({ member: false as const, v })),
  ];
  const counts: Record<FakeEndpoint, number> = { gettoken: 0, get_watch_stat: 0 };
  const requests: Record<FakeEndpoint, RecordedRequest[]> = { gettoken: [], get_watch_stat: [] };
  const queued: Record<FakeEndpoint, Fault[]> = { gettoken: [], get_watch_stat: [] };
  const always: Record<FakeEndpoint, { fault: Fault; after: number } | undefined> = { gettoken: undefined, get_watch_stat: undefined };
  const validTokens = new Set<string>();
  let currentToken: string | undefined;

  const send = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
    res.end(body === undefined ? '' : JSON.stringify(body));
  };
  const sendError = (res: ServerResponse, errcode: number, detail?: string): void => {
    const text = isKnownErrcode(errcode) ? ERRMSG_TEXT[errcode] : 'fake error';
    const shown = errcode === 40058 && detail ? `${detail}. ${text}` : text;
    send(res, 200, { errcode, errmsg: formatErrmsg(errcode, shown, `${Date.now()}000000000001`, '127.0.0.1') });
  };

  /** Applies a fault; true when the reply has been handled (or deliberately never will be). */
  const applyFault = async (endpoint: FakeEndpoint, res: ServerResponse): Promise<boolean> => {
    const rule = always[endpoint];
    let fault = queued[endpoint].shift();
    if (!fault && rule) {
      if (rule.after > 0) rule.after--;
      else fault = rule.fault;
    }
    if (!fault) return false;
    if ('delayMs' in fault) {
      await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
      return false;
    }
    if ('hang' in fault) return true;
    if ('errcode' in fault) sendError(res, fault.errcode);
    else if ('httpStatus' in fault) {
      res.writeHead(fault.httpStatus, fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
      res.end('<html>server error</html>');
    } else send(res, 200, fault.reply);
    return true;
  };

  const gettoken = async (query: Record<string, string>, res: ServerResponse): Promise<void> => {
    if (await applyFault('gettoken', res)) return;
    if (!query.corpsecret) { sendError(res, 41004); return; }
    if (query.corpid !== corpid) { sendError(res, 40013); return; }
    if (query.corpsecret !== corpsecret) { sendError(res, 40001); return; }
    if (!currentToken || !validTokens.has(currentToken)) {
      currentToken = randomBytes(40).toString('base64url');
      validTokens.add(currentToken);
    }
    send(res, 200, { errcode: 0, errmsg: 'ok', access_token: currentToken, expires_in: options.expiresIn ?? 7200 });
  };

  const watchStat = async (query: Record<string, string>, body: unknown, res: ServerResponse): Promise<void> => {
    const token = query.access_token;
    if (!token) { sendError(res, 41001); return; }
    if (!validTokens.has(token)) { sendError(res, token === currentToken ? (options.expiredErrcode ?? 42001) : 40014); return; }
    if (await applyFault('get_watch_stat', res)) return;
    const req = body as { livingid?: unknown; next_key?: unknown } | undefined;
    if (typeof req?.livingid !== 'string') { sendError(res, 40058, 'livingid missing'); return; }
    if (req.livingid !== livingid) { sendError(res, 92008); return; }
    const key = typeof req.next_key === 'string' ? req.next_key : '';
    const offset = key === '' || key === '0' ? 0 : Number(/^nk(\d+)$/.exec(key)?.[1] ?? NaN);
    if (!Number.isInteger(offset)) { sendError(res, 40058, 'invalid next_key'); return; }
    const slice = viewers.slice(offset, offset + pageSize);
    const ending = offset + pageSize >= viewers.length ? 1 : 0;
    send(res, 200, {
      errcode: 0,
      errmsg: 'ok',
      stat_info: {
        users: slice.flatMap((s) => (s.member ? [s.v] : [])),
        external_users: slice.flatMap((s) => (s.member ? [] : [s.v])),
      },
      ending,
      next_key: ending ? '' : `nk${offset + pageSize}`,
    });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      sendError(res, 40058, 'invalid json'); return;
    }
    if (url.pathname === '/cgi-bin/gettoken' && req.method === 'GET') {
      counts.gettoken++;
      requests.gettoken.push({ method: req.method, query, body });
      return gettoken(query, res);
    }
    if (url.pathname === '/cgi-bin/living/get_watch_stat' && req.method === 'POST') {
      counts.get_watch_stat++;
      requests.get_watch_stat.push({ method: req.method, query, body });
      return watchStat(query, body, res);
    }
    res.writeHead(404).end();
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.writeHead(500).end(String(err));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    corpid,
    corpsecret,
    livingid,
    counts,
    requests,
    failNext: (endpoint, ...faults) => queued[endpoint].push(...faults),
    failAlways: (endpoint, fault, afterCalls = 0) => {
      always[endpoint] = fault ? { fault, after: afterCalls } : undefined;
    },
    expireTokens: () => validTokens.clear(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Hanging requests and keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
