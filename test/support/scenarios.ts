import type { Scenario } from '../../src/scenario/scenario-schema.js';

export const CORP = 'wwa1b2c3d4e5f60708';
export const OTHER_CORP = 'wwf0e1d2c3b4a59687';
export const SECRETS = {
  selfBuilt: 'S1-self-built-secret-0123456789abcdef',
  agency: 'S2-agency-secret-0123456789abcdef',
  noLiving: 'S3-self-built-without-living-api',
  system: 'S5-system-app-secret-0123456789',
  other: 'S9-other-corp-secret-0123456789',
  ipLocked: 'S6-ip-locked-secret-0123456789',
};
export const THIRD_PARTY_TOKEN = 'T4-third-party-token-0123456789abcdef';
export const EXPIRING_TOKEN = 'T7-expiring-token-0123456789abcdef';
export const LIVE = 'lvd9BGagAAQPefP0y1nikU72QxxpmJVw';
export const AGENCY_LIVE = 'lvd9BGagAAagencyLive000000000000';
export const PERSON_LIVE = 'lvd9BGagAApersonLive000000000000';
export const EMPTY_LIVE = 'lvd9BGagAAemptyLive0000000000000';
export const BIG_LIVE = 'lvd9BGagAAbigLive000000000000000';
export const OTHER_LIVE = 'lvd9BGagAAotherCorpLive000000000';

/** The world most tests run against: every app kind, lives of each creator, two corps. */
export function baseScenario(): Scenario {
  const base = { anchor_userid: 'zhangsan', theme: 'Q4 kickoff', type: 4, living_start: 1764230400, living_duration: 3600 };
  return {
    corps: [
      {
        corpid: CORP,
        name: 'Acme',
        grandfathered_system_app: false,
        apps: [
          { agentid: 1000002, kind: 'self_built', secret: SECRETS.selfBuilt, living_api: true, trusted_ips: [] },
          { agentid: 1000003, kind: 'agency', secret: SECRETS.agency, living_api: true },
          { agentid: 1000004, kind: 'third_party', access_token: THIRD_PARTY_TOKEN, living_api: true },
          { agentid: 1000005, kind: 'self_built', secret: SECRETS.noLiving, living_api: false },
          { agentid: 1000006, kind: 'self_built', secret: SECRETS.ipLocked, living_api: true, trusted_ips: ['203.0.113.0/24'] },
          { agentid: 1000007, kind: 'self_built', access_token: EXPIRING_TOKEN, access_token_expires_at: 1764230400, living_api: true },
          { agentid: 3010040, kind: 'system', secret: SECRETS.system },
        ],
        livings: [
          {
            ...base,
            livingid: LIVE,
            creator_agentid: 1000002,
            viewers: [
              { userid: 'lisi', watch_time: 1800, is_comment: 1, is_mic: 0 },
              { userid: 'wangwu', watch_time: 60, is_comment: 0, is_mic: 1, invitor_userid: 'lisi' },
              {
                external_userid: 'wmd9BGagAAcV672nvFb2SHGwFHKotxQg',
                type: 1,
                name: '万强',
                watch_time: 38,
                is_comment: 1,
                is_mic: 0,
                invitor_external_userid: 'wmd9BGagAAImsTlYX4a4RGavhNT5LvEA',
              },
            ],
          },
          { ...base, livingid: AGENCY_LIVE, creator_agentid: 1000003, viewers: [{ userid: 'zhaoliu', watch_time: 5, is_comment: 0, is_mic: 0 }] },
          { ...base, livingid: PERSON_LIVE, viewers: [{ userid: 'sunqi', watch_time: 7, is_comment: 0, is_mic: 0 }] },
          { ...base, livingid: EMPTY_LIVE, creator_agentid: 1000002 },
          { ...base, livingid: BIG_LIVE, creator_agentid: 1000002, synthetic_viewers: { members: 250, external: 1250, seed: 3 } },
        ],
      },
      {
        corpid: OTHER_CORP,
        name: 'Other',
        apps: [{ agentid: 1000002, kind: 'self_built', secret: SECRETS.other, living_api: true }],
        livings: [{ ...base, livingid: OTHER_LIVE, creator_agentid: 1000002, viewers: [{ userid: 'spy', watch_time: 1, is_comment: 0, is_mic: 0 }] }],
      },
    ],
  };
}
