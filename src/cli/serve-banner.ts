import type { Scenario } from '../scenario/scenario-schema.js';

/**
 * What to try next, from the first app in the loaded scenarios that has a secret and may call
 * the live-stream API, and a live that it created. Secrets are known here only because the
 * scenario file holds them; the database keeps hashes. `demoFile` is set when the packaged demo
 * was loaded because nothing else was named.
 */
export function tryNextLines(baseUrl: string, scenarios: readonly Scenario[], dbDescription: string, demoFile?: string): string[] {
  const lines = [`database: ${dbDescription}`];
  if (demoFile) lines.push(`scenario: the demo world (${demoFile}); name --scenario FILE, --db FILE or --database-url URL to use your own, or pass --no-demo`);
  for (const scenario of scenarios) {
    for (const corp of scenario.corps) {
      for (const app of corp.apps) {
        if (!app.secret || !app.living_api || app.kind === 'system') continue;
        const living = corp.livings?.find((l) => l.creator_agentid === app.agentid);
        lines.push(
          `demo corp: corpid=${corp.corpid} agentid=${app.agentid} secret=${app.secret}`,
          'try:',
          `  TOKEN=$(curl -s '${baseUrl}/cgi-bin/gettoken?corpid=${corp.corpid}&corpsecret=${app.secret}' | sed -E 's/.*"access_token":"([^"]+)".*/\\1/')`,
        );
        if (living) {
          lines.push(`  curl -s -X POST "${baseUrl}/cgi-bin/living/get_watch_stat?access_token=$TOKEN" -d '{"livingid":"${living.livingid}","next_key":"0"}'`);
          lines.push(`  npx livestat pull --base-url ${baseUrl} --corpid ${corp.corpid} --secret ${app.secret} --livingid ${living.livingid} --format csv`);
          const key = corp.ingest_keys?.[0];
          const simulated = corp.livings?.find((l) => l.simulated_audience && l.creator_agentid === app.agentid) ?? living;
          if (key) lines.push(`  npx livestat simulate --server ${baseUrl} --ingest-key ${key} --livingid ${simulated.livingid} --viewers 200 --seed 2 --speed 0`);
        }
        return lines;
      }
    }
  }
  lines.push('no scenario with an app secret was loaded: start with --scenario FILE (see scenarios/demo.json)');
  return lines;
}
