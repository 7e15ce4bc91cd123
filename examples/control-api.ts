// Drive livestat from a test: fail twice then succeed, check what the code called, travel in time.
//   npx livestat serve --scenario scenarios/demo.json --admin-key "$LIVESTAT_ADMIN_KEY"
//   LIVESTAT_BASE_URL=http://127.0.0.1:8080 LIVESTAT_ADMIN_KEY=... npx tsx examples/control-api.ts
import { LivestatAdmin, MemoryTokenStore, WeComClient } from '../src/index.js';

const baseUrl = process.env.LIVESTAT_BASE_URL ?? 'http://127.0.0.1:8080';
const admin = new LivestatAdmin({ baseUrl, adminKey: process.env.LIVESTAT_ADMIN_KEY ?? '' });
const client = new WeComClient({
  corpid: 'wwd3m0c0rp00000001',
  corpsecret: 'demo-secret-for-local-use-only-000000001',
  baseUrl,
  tokenStore: new MemoryTokenStore(),
});
const livingid = 'lvd9BGagAAQPefP0y1nikU72QxxpmJVw';

await admin.clearRequests();
// "System busy" twice: the SDK retries, and the third call succeeds.
await admin.addFault({ api: 'get_watch_stat', errcode: -1, times: 2 });
let viewers = 0;
for await (const page of client.living.watchStat(livingid)) viewers += page.stat_info.users.length + page.stat_info.external_users.length;

const calls = await admin.requests({ api: 'get_watch_stat' });
console.log(`${viewers} viewers; gettoken calls: ${await admin.countRequests({ api: 'gettoken' })}; get_watch_stat errcodes: ${calls.map((c) => c.errcode).join(' ')}`);

// Two hours and a second later the token has expired; the SDK gets a new one by itself.
await admin.advanceClock(7201);
await client.living.getWatchStat({ livingid });
console.log(`after 7201 s: ${await admin.countRequests({ api: 'gettoken' })} gettoken calls, expired answers: ${await admin.countRequests({ errcode: 40014 })}`);
await admin.advanceClock(-7201);
