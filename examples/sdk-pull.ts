// Pull every viewer of a live with the SDK. Runs against livestat (npm start) or WeCom itself:
//   LIVESTAT_BASE_URL=http://127.0.0.1:8080 npx tsx examples/sdk-pull.ts
import { WeComClient, WeComApiError } from '../src/index.js';

const client = new WeComClient({
  corpid: process.env.LIVESTAT_CORPID ?? 'wwd3m0c0rp00000001',
  corpsecret: process.env.LIVESTAT_SECRET ?? 'demo-secret-for-local-use-only-000000001',
  baseUrl: process.env.LIVESTAT_BASE_URL ?? 'http://127.0.0.1:8080',
});
const livingid = process.env.LIVESTAT_LIVINGID ?? 'lvd9BGagAAQPefP0y1nikU72QxxpmJVw';

try {
  let members = 0;
  let external = 0;
  let seconds = 0;
  for await (const { viewer } of client.living.watchStatViewers(livingid)) {
    if (viewer.kind === 'member') members++;
    else external++;
    seconds += viewer.watch_time;
  }
  console.log(`${members} members and ${external} external viewers watched ${seconds} s in total`);
} catch (e) {
  if (e instanceof WeComApiError) console.error(`${e.errcode} ${e.errmsg}`);
  else throw e;
  process.exitCode = 1;
}
