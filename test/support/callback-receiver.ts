import { createDecipheriv, createHash } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A callback receiver on 127.0.0.1:0 for the tests, with its own WXBizMsgCrypt written from
 * WIRE.md's layout (not livestat's protocol/callback-crypto.ts), so a test fails when the two
 * disagree: AESKey = base64(key + "="), AES-256-CBC with IV = key[0..16], 32-byte PKCS#7,
 * random(16) ‖ len (4, BE) ‖ msg ‖ receiveid; signature = sha1(sorted(token, ts, nonce, encrypt)).
 */

/** What the receiver does with the next request: answer correctly, answer a status, answer wrong text, or never answer. */
type Behaviour = 'ok' | { status: number } | { text: string } | 'hang';

/** One push, verified and decrypted. */
interface ReceivedPush {
  query: URLSearchParams;
  /** The body as it came. */
  body: string;
  /** The envelope's fields. */
  envelope: Record<string, string>;
  /** The decrypted inner XML's fields. */
  fields: Record<string, string>;
  receiveid: string;
  signatureOk: boolean;
}

export interface TestReceiver {
  url: string;
  config: { url: string; token: string; encoding_aes_key: string };
  /** Pushes received (POST), in order, including those answered with a failure. */
  pushes: ReceivedPush[];
  /** URL checks received (GET). */
  checks: number;
  /** Behaviours for the next requests, used up in order; then 'ok'. */
  plan: Behaviour[];
  /** Resolves once `count` pushes in all have arrived. */
  waitForPushes(count: number): Promise<ReceivedPush[]>;
  close(): Promise<void>;
}

function fieldsOf(xml: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of xml.matchAll(/<(\w+)>(?:<!\[CDATA\[([\s\S]*?)\]\]>|([^<]*))<\/\1>/g)) out[m[1]!] = m[2] ?? m[3] ?? '';
  return out;
}

function decrypt(encodingAesKey: string, encrypt: string): { message: string; receiveid: string } {
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
  decipher.setAutoPadding(false);
  const padded = Buffer.concat([decipher.update(Buffer.from(encrypt, 'base64')), decipher.final()]);
  const pad = padded[padded.length - 1]!;
  if (pad < 1 || pad > 32) throw new Error(`bad pad ${pad}`);
  const plain = padded.subarray(0, padded.length - pad);
  const len = plain.readUInt32BE(16);
  return { message: plain.subarray(20, 20 + len).toString('utf8'), receiveid: plain.subarray(20 + len).toString('utf8') };
}

function sign(token: string, timestamp: string, nonce: string, encrypt: string): string {
  return createHash('sha1').update([token, timestamp, nonce, encrypt].sort().join('')).digest('hex');
}

/** A receiver for `receiveid` (a corpid, or a suite_id for 指令回调, which answers "success"). */
export async function startReceiver(receiveid: string, options: { token?: string; encodingAesKey?: string; path?: string } = {}): Promise<TestReceiver> {
  const token = options.token ?? 'cbToken123';
  const encodingAesKey = options.encodingAesKey ?? 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR';
  const pushes: ReceivedPush[] = [];
  const waiters: { count: number; resolve: (p: ReceivedPush[]) => void }[] = [];
  const hanging = new Set<ServerResponse>();
  const state = { checks: 0, plan: [] as Behaviour[] };

  const answer = (res: ServerResponse, behaviour: Behaviour, ok: string) => {
    if (behaviour === 'hang') return void hanging.add(res);
    if (behaviour === 'ok') return void res.writeHead(200, { 'content-type': 'text/plain' }).end(ok);
    if ('status' in behaviour) return void res.writeHead(behaviour.status).end('nope');
    res.writeHead(200).end(behaviour.text);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, body: string) => {
    const query = new URL(req.url ?? '/', 'http://x').searchParams;
    const behaviour = state.plan.shift() ?? 'ok';
    const [ts, nonce, sig] = [query.get('timestamp') ?? '', query.get('nonce') ?? '', query.get('msg_signature') ?? ''];
    if (req.method === 'GET') {
      state.checks++;
      const echostr = query.get('echostr') ?? '';
      if (sign(token, ts, nonce, echostr) !== sig) return void res.writeHead(403).end('bad signature');
      const opened = decrypt(encodingAesKey, echostr);
      if (opened.receiveid !== receiveid) return void res.writeHead(403).end('not for me');
      answer(res, behaviour, opened.message);
      return;
    }
    const envelope = fieldsOf(body);
    const encrypt = envelope.Encrypt ?? '';
    const opened = decrypt(encodingAesKey, encrypt);
    pushes.push({ query, body, envelope, fields: fieldsOf(opened.message), receiveid: opened.receiveid, signatureOk: sign(token, ts, nonce, encrypt) === sig });
    for (const w of [...waiters]) {
      if (pushes.length >= w.count) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(pushes.slice());
      }
    }
    answer(res, behaviour, receiveid.startsWith('wwsuite') ? 'success' : '');
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${options.path ?? '/wecom/callback'}`;
  return {
    url,
    config: { url, token, encoding_aes_key: encodingAesKey },
    pushes,
    get checks() {
      return state.checks;
    },
    get plan() {
      return state.plan;
    },
    set plan(p: Behaviour[]) {
      state.plan = p;
    },
    waitForPushes(count) {
      if (pushes.length >= count) return Promise.resolve(pushes.slice());
      return new Promise((resolve) => waiters.push({ count, resolve }));
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
