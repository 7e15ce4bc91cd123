import { Agent, request } from 'node:http';

/** Sequential POSTs on one keep-alive connection, timed with hrtime: precise sub-ms latencies. */
export async function latencies(url: string, body: string, count: number): Promise<{ p50: number; p99: number; mean: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const u = new URL(url);
  const once = () =>
    new Promise<number>((resolve, reject) => {
      const start = process.hrtime.bigint();
      const req = request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method: 'POST', agent, headers: { 'content-type': 'application/json' } }, (res) => {
        res.resume();
        res.on('end', () => resolve(Number(process.hrtime.bigint() - start) / 1e6));
      });
      req.on('error', reject);
      req.end(body);
    });
  for (let i = 0; i < Math.min(200, count); i++) await once(); // warm up
  const times: number[] = [];
  for (let i = 0; i < count; i++) times.push(await once());
  agent.destroy();
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(count * 0.5)]!, p99: times[Math.floor(count * 0.99)]!, mean: times.reduce((a, b) => a + b, 0) / count };
}
