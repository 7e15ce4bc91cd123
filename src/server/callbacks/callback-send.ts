import { type CallbackConfig, type CallbackKind, type CallbackOwner, CALLBACK_CHECK_TIMEOUT_MS, CALLBACK_PUSH_TIMEOUT_MS } from '../../domain/callback.js';
import type { RandomSource } from '../../domain/random.js';
import { callbackSignature, encryptCallback } from '../../protocol/callback-crypto.js';
import { callbackEnvelopeXml } from '../../protocol/callback-events.js';
import type { ServerContext } from '../context.js';
import { type CallbackAnswer, sendToReceiver } from './callback-http.js';

/** receiveid: the corpid for a corp's app (third-party apps too: the authorizing corp's), the suite_id for 指令回调. */
function receiveidOf(owner: CallbackOwner): string {
  return owner.kind === 'app' ? owner.corpid : owner.suiteId;
}

const corpOf = (owner: CallbackOwner) => (owner.kind === 'app' ? owner.corpid : undefined);

function digits(random: RandomSource, n: number): string {
  let out = String(1 + random.int(9));
  while (out.length < n) out += String(random.int(10));
  return out;
}

/** The URL with msg_signature, timestamp, nonce (and echostr) added to whatever query it has. */
function signedUrl(config: CallbackConfig, timestamp: string, nonce: string, encrypt: string, echostr: boolean): URL {
  const url = new URL(config.url);
  url.searchParams.set('msg_signature', callbackSignature(config.token, timestamp, nonce, encrypt));
  url.searchParams.set('timestamp', timestamp);
  url.searchParams.set('nonce', nonce);
  if (echostr) url.searchParams.set('echostr', encrypt);
  return url;
}

interface Attempt {
  kind: CallbackKind;
  owner: CallbackOwner;
  config: CallbackConfig;
  method: 'GET' | 'POST';
  url: URL;
  body: string | undefined;
  attempt: number;
  timeoutMs: number;
  /** Undefined when the answer is the one expected, else why not. */
  judge(answer: { status: number; text: string }): string | undefined;
}

/** Sends one attempt and writes it to the outbound journal; resolves to why it failed, or undefined. */
async function attemptOnce(ctx: ServerContext, a: Attempt, signal: AbortSignal): Promise<string | undefined> {
  const corpid = corpOf(a.owner);
  const started = performance.now();
  const answer: CallbackAnswer = await sendToReceiver(a.method, a.url, a.body, a.timeoutMs, signal);
  const problem = 'error' in answer ? answer.error : a.judge(answer);
  const bare = new URL(a.url);
  bare.search = '';
  ctx.control.outbound.add({
    time: ctx.clock.now(corpid) / 1000,
    method: a.method,
    path: bare.pathname,
    api: a.kind,
    kind: a.kind,
    url: bare.toString(),
    attempt: a.attempt,
    ...(corpid === undefined ? {} : { corpid }),
    ...(a.owner.kind === 'app' ? { agentid: a.owner.agentid } : {}),
    query: {},
    status: 'error' in answer ? 0 : answer.status,
    ...(problem === undefined ? {} : { error: problem }),
    duration_ms: Math.round((performance.now() - started) * 10) / 10,
  });
  return problem;
}

/**
 * A URL check as WeCom makes it: GET with msg_signature, timestamp, nonce and an encrypted
 * echostr; the receiver must answer 200 with the plaintext exactly — no quotes, no BOM, no
 * newline — within 1 s. Resolves to why it failed, or undefined when it passed.
 */
export function checkCallbackUrl(ctx: ServerContext, owner: CallbackOwner, config: CallbackConfig, signal: AbortSignal): Promise<string | undefined> {
  const plain = digits(ctx.control.random, 19);
  const encrypt = encryptCallback(config.encodingAesKey, plain, receiveidOf(owner), ctx.control.random.bytes(16));
  const timestamp = String(Math.floor(ctx.clock.now(corpOf(owner)) / 1000));
  const url = signedUrl(config, timestamp, digits(ctx.control.random, 10), encrypt, true);
  return attemptOnce(
    ctx,
    {
      kind: 'url_check',
      owner,
      config,
      method: 'GET',
      url,
      body: undefined,
      attempt: 1,
      timeoutMs: CALLBACK_CHECK_TIMEOUT_MS,
      judge: ({ status, text }) => {
        if (status !== 200) return `answered HTTP ${status}, not 200`;
        if (text !== plain) return `answered ${JSON.stringify(text.slice(0, 64))}, not the decrypted echostr (no quotes, no newline)`;
        return undefined;
      },
    },
    signal,
  );
}

/**
 * One attempt of a push: the message encrypted in the `<xml><ToUserName/><Encrypt/><AgentID/>`
 * envelope, signed in the query. Any status but 200 is a failure; 指令回调 must answer `success`.
 */
export function pushCallback(ctx: ServerContext, kind: 'living_status_change' | 'suite_ticket', owner: CallbackOwner, config: CallbackConfig, message: string, attempt: number, signal: AbortSignal): Promise<string | undefined> {
  const encrypt = encryptCallback(config.encodingAesKey, message, receiveidOf(owner), ctx.control.random.bytes(16));
  const timestamp = String(Math.floor(ctx.clock.now(corpOf(owner)) / 1000));
  const url = signedUrl(config, timestamp, digits(ctx.control.random, 10), encrypt, false);
  const body = callbackEnvelopeXml(receiveidOf(owner), encrypt, owner.kind === 'app' ? owner.agentid : undefined);
  return attemptOnce(
    ctx,
    {
      kind,
      owner,
      config,
      method: 'POST',
      url,
      body,
      attempt,
      timeoutMs: CALLBACK_PUSH_TIMEOUT_MS,
      judge: ({ status, text }) => {
        if (status !== 200) return `answered HTTP ${status}, not 200`;
        if (owner.kind === 'suite' && text.trim() !== 'success') return `answered ${JSON.stringify(text.slice(0, 64))}, not "success"`;
        return undefined;
      },
    },
    signal,
  );
}
