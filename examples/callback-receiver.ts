// Receive WeCom's callbacks: answer the URL check, then open a living_status_change push.
//   npx livestat serve --scenario scenarios/demo.json --admin-key "$LIVESTAT_ADMIN_KEY"
//   LIVESTAT_BASE_URL=http://127.0.0.1:8080 LIVESTAT_ADMIN_KEY=... npx tsx examples/callback-receiver.ts
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CallbackReceiver, CallbackVerificationError, LivestatAdmin, MemoryTokenStore, WeComClient } from '../src/index.js';

const corpid = 'wwd3m0c0rp00000001';
const settings = { token: 'demoCallbackToken', encodingAesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR' };
const receiver = new CallbackReceiver({ ...settings, receiveid: corpid });

let resolveEvent: (text: string) => void;
const received = new Promise<string>((resolve) => (resolveEvent = resolve));

// The app's callback URL: GET is the URL check, POST a push.
const server = createServer((req, res) => {
  const query = new URL(req.url ?? '/', 'http://localhost').searchParams;
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    try {
      if (req.method === 'GET') return void res.end(receiver.verifyUrl(query)); // the plaintext, no newline
      const { event } = receiver.openPush(query, Buffer.concat(chunks));
      if (event?.type === 'living_status_change') resolveEvent(`living_status_change ${event.livingid} status ${event.status}`);
      res.end(); // 200 with an empty body: received
    } catch (e) {
      if (!(e instanceof CallbackVerificationError)) throw e;
      res.writeHead(400).end(); // not WeCom's, or not for this app
    }
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wecom/callback`;

// In the admin console of WeCom this is the app's 接收消息 setting; against livestat, the control API.
const baseUrl = process.env.LIVESTAT_BASE_URL ?? 'http://127.0.0.1:8080';
const admin = new LivestatAdmin({ baseUrl, adminKey: process.env.LIVESTAT_ADMIN_KEY ?? '' });
await admin.setAppCallback(corpid, 1000002, { url, token: settings.token, encoding_aes_key: settings.encodingAesKey });

const client = new WeComClient({ corpid, corpsecret: 'demo-secret-for-local-use-only-000000001', baseUrl, tokenStore: new MemoryTokenStore() });
const start = Math.floor(Date.now() / 1000) + 3600;
const livingid = await client.living.create({ anchor_userid: 'zhangsan', theme: 'callback demo', living_start: start, living_duration: 1800, type: 0 });
console.log(`created ${livingid}`);
console.log(await received);
await admin.removeAppCallback(corpid, 1000002);
server.close();
