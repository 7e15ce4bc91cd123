import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

/** What came back from a receiver: a reply, or why none did. */
export type CallbackAnswer = { status: number; text: string } | { error: string };

/** Longest answer read: a URL check answers a short string, a push an empty body or "success". */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * One request to a receiver, given up after `timeoutMs` as WeCom does (1 s for a URL check,
 * 5 s for a push). No keep-alive agent, so no socket outlives the attempt or the server.
 */
export function sendToReceiver(method: 'GET' | 'POST', url: URL, body: string | undefined, timeoutMs: number, signal: AbortSignal): Promise<CallbackAnswer> {
  return new Promise((resolve) => {
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    let settled = false;
    const done = (answer: CallbackAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(answer);
    };
    const headers: Record<string, string> = { 'user-agent': 'livestat', connection: 'close' };
    if (body !== undefined) Object.assign(headers, { 'content-type': 'text/xml; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) });
    const req = send(url, { method, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_ANSWER_BYTES) chunks.push(chunk);
      });
      res.on('end', () => done({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (e) => done({ error: e.message }));
    });
    const timer = setTimeout(() => {
      done({ error: `no answer within ${timeoutMs} ms` });
      req.destroy();
    }, timeoutMs);
    const onAbort = () => {
      done({ error: 'the server is closing' });
      req.destroy();
    };
    signal.addEventListener('abort', onAbort);
    req.on('error', (e) => done({ error: e.message }));
    req.end(body);
  });
}
