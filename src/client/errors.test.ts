import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { WeComClient } from './client.js';
import { createApiError } from './error-factory.js';
import {
  WeComApiError,
  WeComError,
  WeComInvalidParameterError,
  WeComPermissionError,
  WeComRateLimitError,
  WeComTokenError,
} from './errors.js';
import { redact } from './redact.js';
import { clientFor } from '../../test/support/client/client-for.js';
import { startFakeWeCom, type FakeWeCom } from '../../test/support/client/fake-wecom.js';
import { MemoryTokenStore } from './token-store.js';
import { WeComConnectionError } from './transport-errors.js';

let fake: FakeWeCom | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function everything(err: unknown): string {
  return [String(err), (err as Error).stack ?? '', inspect(err, { depth: 5, showHidden: true }), JSON.stringify(err)].join('\n');
}

describe('createApiError', () => {
  it.each([
    [40001, WeComTokenError],
    [40014, WeComTokenError],
    [42001, WeComTokenError],
    [45009, WeComRateLimitError],
    [45033, WeComRateLimitError],
    [48002, WeComPermissionError],
    [92008, WeComPermissionError],
    [60020, WeComPermissionError],
    [40058, WeComInvalidParameterError],
    [-1, WeComApiError],
    [99999, WeComApiError],
  ])('maps %i to its class', (errcode, cls) => {
    const err = createApiError({ errcode, errmsg: 'x', endpoint: '/cgi-bin/x' });
    expect(err).toBeInstanceOf(cls);
    expect(err).toBeInstanceOf(WeComError);
    expect(err.name).toBe(cls.name);
  });

  it('parses the hint out of errmsg', () => {
    const errmsg = 'api forbidden, hint: [1700000000000123456789012], from ip: 1.2.3.4, more info at https://open.work.weixin.qq.com/devtool/query?e=48002';
    const err = createApiError({ errcode: 48002, errmsg, endpoint: '/cgi-bin/living/get_watch_stat' });
    expect(err.hint).toBe('1700000000000123456789012');
    expect(err.message).toBe(`48002 ${errmsg} (/cgi-bin/living/get_watch_stat)`);
  });
});

describe('redaction', () => {
  it('redacts access_token and corpsecret query values and literal secrets', () => {
    expect(redact('https://h/x?access_token=abc.DEF-123&debug=1', [])).toBe('https://h/x?access_token=[REDACTED]&debug=1');
    expect(redact('gettoken?corpid=ww1&corpsecret=s3cr3t!', [])).toBe('gettoken?corpid=ww1&corpsecret=[REDACTED]');
    expect(redact('token tok_123456 leaked', ['tok_123456'])).toBe('token [REDACTED] leaked');
  });

  it('keeps the token out of API errors', async () => {
    fake = await startFakeWeCom();
    fake.failAlways('get_watch_stat', { errcode: 48002 });
    const client = clientFor(fake);
    const token = await client.getAccessToken();
    const err = await client.living.getWatchStat({ livingid: fake.livingid }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeComPermissionError);
    expect(everything(err)).not.toContain(token);
    expect(everything(err)).not.toContain(fake.corpsecret);
  });

  it('keeps the token and secret out of connection errors, even when fetch echoes the URL', async () => {
    const leaky: typeof fetch = async (input) => {
      const url = input instanceof Request ? input.url : input.toString();
      const e = new TypeError(`fetch failed: ${url}`);
      throw Object.assign(e, { cause: new Error(`connect to ${url}`) });
    };
    const client = new WeComClient({ accessToken: 'TOKEN-abcdef-123456', baseUrl: 'http://127.0.0.1:9', fetch: leaky, maxRetries: 0 });
    const err = await client.living.getWatchStat({ livingid: 'lv1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WeComConnectionError);
    expect(everything(err)).not.toContain('TOKEN-abcdef-123456');
    expect((err as Error).message).toContain('access_token=[REDACTED]');

    const secretClient = new WeComClient({
      corpid: 'ww1',
      corpsecret: 'SECRET-zyxwvu-987654',
      baseUrl: 'http://127.0.0.1:9',
      fetch: leaky,
      maxRetries: 0,
      tokenStore: new MemoryTokenStore(),
    });
    const err2 = await secretClient.getAccessToken().catch((e: unknown) => e);
    expect(everything(err2)).not.toContain('SECRET-zyxwvu-987654');
  });
});
