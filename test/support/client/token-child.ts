// Run by file-token-store.test.ts in a child process: gets a token through a FileTokenStore
// and prints it. Usage: node --import tsx token-child.ts <baseUrl> <corpid> <corpsecret> <dir>
import { WeComClient } from '../../../src/client/client.js';
import { FileTokenStore } from '../../../src/client/file-token-store.js';

const [baseUrl, corpid, corpsecret, dir] = process.argv.slice(2);
if (!baseUrl || !corpid || !corpsecret || !dir) throw new Error('usage: token-child <baseUrl> <corpid> <corpsecret> <dir>');
const client = new WeComClient({ baseUrl, corpid, corpsecret, tokenStore: new FileTokenStore(dir) });
process.stdout.write(await client.getAccessToken());
