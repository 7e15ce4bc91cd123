import { expect } from 'vitest';
import type { RawReply } from './raw-http.js';

/**
 * What WeCom's rules say a request should get, computed from the request alone: the test's
 * oracle, written from WIRE.md and docs/DECISIONS.md, not from the server's code.
 */

/** How the access_token parameter is sent, and which app it belongs to when it is valid. */
export type TokenState =
  | { kind: 'missing' | 'empty' | 'in-header' | 'unknown' | 'too-long' | 'expired' }
  | { kind: 'valid' | 'valid-then-bogus'; caller: CallerName }
  | { kind: 'bogus-then-valid'; caller: CallerName };

export type CallerName = 'selfBuilt' | 'agency' | 'thirdParty' | 'noLiving' | 'system' | 'other';

export interface WatchStatWorld {
  /** Lives each app may read. */
  readable: Record<CallerName, readonly string[]>;
  /** Apps refused the live-stream API (48002). */
  forbidden: ReadonlySet<CallerName>;
  /** A genuine next_key: for this caller and live only. */
  realKey: { caller: CallerName; livingid: string; key: string };
}

/** The JSON value a body parses to, as WeCom reads it whatever the Content-Type: undefined for none, an Error for bad JSON. */
export function parseBody(body: Buffer): unknown {
  const text = body.toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    return e;
  }
}

/** The errcode get_watch_stat owes this request. */
export function expectedWatchStatErrcode(world: WatchStatWorld, token: TokenState, method: string, body: Buffer): number {
  if (token.kind === 'missing' || token.kind === 'empty' || token.kind === 'in-header') return 41001;
  if (token.kind === 'unknown' || token.kind === 'too-long' || token.kind === 'bogus-then-valid') return 40014;
  // livestat's default, as WeCom lately answers (see DECISIONS.md).
  if (token.kind === 'expired' || !('caller' in token)) return 40014;
  const caller = token.caller;
  if (world.forbidden.has(caller)) return 48002;
  if (method !== 'POST') return 40058;
  const value = parseBody(body);
  if (typeof value !== 'object' || value === null || Array.isArray(value) || value instanceof Error) return 40058;
  const { livingid, next_key: nextKey } = value as Record<string, unknown>;
  if (typeof livingid !== 'string' || livingid.length < 1 || livingid.length > 64) return 40058;
  if (nextKey !== undefined && (typeof nextKey !== 'string' || nextKey.length > 512)) return 40058;
  if (!world.readable[caller].includes(livingid)) return 92008;
  if (nextKey === undefined || nextKey === '' || nextKey === '0') return 0;
  const real = world.realKey;
  return real.caller === caller && real.livingid === livingid && real.key === nextKey ? 0 : 40058;
}

const ERRMSG = /^[^\n]+, hint: \[\d{25}\], from ip: 127\.0\.0\.1, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=(-?\d+)$/;

/** A WeCom reply: HTTP 200, JSON, `{errcode, errmsg}` in WeCom's format (with its headers) when it is an error. */
export function expectWeComReply(reply: RawReply | undefined, errcode: number, context: string): Record<string, unknown> {
  expect(reply, context).toBeDefined();
  const r = reply!;
  expect(r.status, context).toBe(200);
  expect(r.headers['content-type'], context).toBe('application/json; charset=UTF-8');
  expect(r.text, context).not.toMatch(/\bat .+\.(?:ts|js):\d+/);
  const body = JSON.parse(r.text) as Record<string, unknown>;
  expect(body.errcode, `${context}\n${r.text}`).toBe(errcode);
  if (errcode !== 0) {
    expect(Object.keys(body), context).toEqual(['errcode', 'errmsg']);
    const m = ERRMSG.exec(body.errmsg as string);
    expect(m?.[1], `${context}\n${String(body.errmsg)}`).toBe(String(errcode));
    expect(r.headers['error-code'], context).toBe(String(errcode));
  } else {
    expect(body.errmsg, context).toBe('ok');
  }
  return body;
}

/** A reply of livestat's own API: JSON `{error, message}` with this 4xx status. */
export function expectLivestatError(reply: RawReply | undefined, status: number, context: string): void {
  expect(reply, context).toBeDefined();
  expect(reply!.status, `${context}\n${reply!.text}`).toBe(status);
  expect(reply!.headers['content-type'], context).toMatch(/^application\/json/);
  const body = JSON.parse(reply!.text) as Record<string, unknown>;
  expect(typeof body.error, context).toBe('string');
  expect(typeof body.message, context).toBe('string');
  expect(reply!.text, context).not.toMatch(/\bat .+\.(?:ts|js):\d+/);
}
