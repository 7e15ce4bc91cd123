// The same in a CommonJS project with jest: require() works as well as import.
const { WeComApiError } = require('livestat');
const { startLivestat } = require('livestat/testing');

describe('exporting a live from livestat', () => {
  let livestat;
  beforeAll(async () => {
    livestat = await startLivestat();
  });
  // Tokens, journal, faults, clock and ingested events go back to the start before each test.
  beforeEach(() => livestat.admin.reset());
  afterAll(() => livestat.close());

  test('every page until ending is 1, members and external viewers', async () => {
    const client = livestat.client('wwd3m0c0rp00000001', 1000002);
    const kinds = { member: 0, external: 0 };
    for await (const { viewer } of client.living.watchStatViewers('lvd9BGagAAQPefP0y1nikU72QxxpmJVw')) kinds[viewer.kind]++;
    expect(kinds.member).toBeGreaterThan(0);
    expect(kinds.external).toBeGreaterThan(0);
  });

  test('a wrong token is a typed error with the token redacted', async () => {
    const { WeComClient } = require('livestat');
    const client = new WeComClient({ baseUrl: livestat.baseUrl, accessToken: 'not-a-token' });
    const error = await client.living.getWatchStat({ livingid: 'lvd9BGagAAQPefP0y1nikU72QxxpmJVw' }).catch((e) => e);
    expect(error).toBeInstanceOf(WeComApiError);
    expect(error.errcode).toBe(40014);
    expect(error.message).not.toContain('not-a-token');
  });
});
