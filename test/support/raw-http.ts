import { once } from 'node:events';
import { type Socket, connect } from 'node:net';

/** A reply read off a raw socket: what the server really put on the wire. */
export interface RawReply {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  text: string;
}

/** Host and port of a test server's base URL. */
function hostPort(base: string): { host: string; port: number } {
  const u = new URL(base);
  return { host: u.hostname, port: Number(u.port) };
}

/** Opens a socket to a test server. */
export async function openSocket(base: string): Promise<Socket> {
  const socket = connect(hostPort(base));
  await once(socket, 'connect');
  return socket;
}

function parseReply(raw: Buffer): RawReply | undefined {
  const end = raw.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const i = line.indexOf(':');
    headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = raw.subarray(end + 4);
  if (headers['transfer-encoding'] === 'chunked') {
    const parts: Buffer[] = [];
    for (let at = 0; ; ) {
      const eol = body.indexOf('\r\n', at);
      const size = parseInt(body.subarray(at, eol).toString('latin1'), 16);
      if (!size) break;
      parts.push(body.subarray(eol + 2, eol + 2 + size));
      at = eol + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  } else if (headers['content-length'] !== undefined) {
    body = body.subarray(0, Number(headers['content-length']));
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body, text: body.toString('utf8') };
}

/**
 * Writes `request` as is (no normalization of method, query, headers or bytes) and reads
 * until the server closes the connection. Undefined when the server closed without a reply.
 *
 * The client keeps its side open unless `end` is set: Node aborts a request whose client
 * half-closes before the reply, so ending early would race any reply that waits on I/O (a
 * PostgreSQL query). Requests from buildRequest say `Connection: close`: the server hangs up
 * after its reply. Set `end` for a client that hangs up on purpose.
 */
export async function rawRequest(base: string, request: Buffer | string, options: { end?: boolean } = {}): Promise<RawReply | undefined> {
  const socket = await openSocket(base);
  const chunks: Buffer[] = [];
  socket.on('data', (d: Buffer) => chunks.push(d));
  socket.on('error', () => undefined);
  const closed = once(socket, 'close');
  socket.write(request);
  if (options.end ?? false) socket.end();
  await closed;
  return parseReply(Buffer.concat(chunks));
}

/** An HTTP/1.1 request with `Connection: close` and a correct Content-Length, built from parts. */
export function buildRequest(method: string, target: string, body: Buffer | string | undefined, headers: Record<string, string> = {}): Buffer {
  const bytes = body === undefined ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const head = [`${method} ${target} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  for (const [k, v] of Object.entries(headers)) head.push(`${k}: ${v}`);
  if (bytes !== undefined) head.push(`Content-Length: ${bytes.length}`);
  return Buffer.concat([Buffer.from(`${head.join('\r\n')}\r\n\r\n`, 'latin1'), bytes ?? Buffer.alloc(0)]);
}
