import { describe, expect, it } from 'vitest';
import { callbackSignature, encryptCallback } from '../../protocol/callback-crypto.js';
import { livingStatusChangeXml, callbackEnvelopeXml } from '../../protocol/callback-events.js';
import { CallbackReceiver, CallbackVerificationError, parseCallbackEvent } from '../index.js';

// The test vector published with wechatpy (tests/test_crypto.py), named in WIRE.md.
const VECTOR = { token: '123456', encodingAesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR', receiveid: 'wx49f0ab532d5d035a' };
const ECHOSTR = '4ByGGj+sVCYcvGeQYhaKIk1o0pQRNbRjxybjTGblXrBaXlTXeOo1+bXFXDQQb1o6co6Yh9Bv41n7hOchLF6p+Q==';
const PUSH_ENCRYPT =
  'RgqEoJj5A4EMYlLvWO1F86ioRjZfaex/gePD0gOXTxpsq5Yj4GNglrBb8I2BAJVODGajiFnXBu7mCPatfjsu6IHCrsTyeDXzF6Bv283dGymzxh6ydJRvZsryDyZbLTE7rhnus50qGPMfp2wASFlzEgMW9z1ef/RD8XzaFYgm7iTdaXpXaG4+BiYyolBug/gYNx410cvkKR2/nPwBiT+P4hIiOAQqGp/TywZBtDh1yCF2KOd0gpiMZ5jSw3e29mTvmUHzkVQiMS6td7vXUaWOMZnYZlF3So2SjHnwh4jYFxdgpkHHqIrH/54SNdshoQgWYEvccTKe7FS709/5t6NMxuGhcUGAPOQipvWTT4dShyqio7mlsl5noTrb++x6En749zCpQVhDpbV6GDnTbcX2e8K9QaNWHp91eBdCRxthuL0=';
const REPLY = `<xml>
<MsgType><![CDATA[text]]></MsgType>
<Content><![CDATA[test]]></Content>
<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>
<ToUserName><![CDATA[messense]]></ToUserName>
<AgentID>1</AgentID>
<CreateTime>1411525903</CreateTime>
</xml>`;
const REPLY_ENCRYPT =
  '9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3';

const receiver = new CallbackReceiver(VECTOR);

function rejection(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof CallbackVerificationError) return e.reason;
    throw e;
  }
  return 'accepted';
}

describe('CallbackReceiver against the published test vector', () => {
  it('answers the URL check with the decrypted echostr', () => {
    const query = { msg_signature: 'dd6b9c95b495b3f7e2901bfbc76c664930ffdb96', timestamp: '1411443780', nonce: '437374425', echostr: ECHOSTR };
    expect(receiver.verifyUrl(query)).toBe('5927782489442352469');
    expect(receiver.verifyUrl(new URLSearchParams(query))).toBe('5927782489442352469');
  });

  it('refuses a URL check whose signature does not match (the vector with another nonce)', () => {
    const query = { msg_signature: 'dd6b9c95b495b3f7e2901bfbc76c664930ffdb96', timestamp: '1411443780', nonce: '437374424', echostr: ECHOSTR };
    expect(rejection(() => receiver.verifyUrl(query))).toBe('signature');
    expect(rejection(() => receiver.verifyUrl({ ...query, nonce: undefined }))).toBe('missing_parameter');
  });

  it('checks and decrypts the vector push', () => {
    const body = `<xml><ToUserName><![CDATA[wx49f0ab532d5d035a]]></ToUserName>\n<Encrypt><![CDATA[${PUSH_ENCRYPT}]]></Encrypt>\n<AgentID><![CDATA[1]]></AgentID>\n</xml>`;
    const opened = receiver.openPush({ msg_signature: '74d92dfeb87ba7c714f89d98870ae5eb62dff26d', timestamp: '1411525903', nonce: '461056294' }, body);
    expect(opened.receiveid).toBe('wx49f0ab532d5d035a');
    expect(opened.xml).toContain('<Content><![CDATA[test]]></Content>');
    expect(opened.xml).toContain('<FromUserName><![CDATA[messense]]></FromUserName>');
    // A text message is no event this SDK types.
    expect(opened.event).toBeUndefined();
  });

  it('encrypts and signs as the vector does, given its random prefix', () => {
    const encrypt = encryptCallback(VECTOR.encodingAesKey, REPLY, VECTOR.receiveid, Buffer.from('1234567890123456'));
    expect(encrypt).toBe(REPLY_ENCRYPT);
    expect(callbackSignature(VECTOR.token, '1411525903', '461056294', encrypt)).toBe('407518b7649e86ef23978113f92d27afa9296533');
  });

  it('refuses a message for another receiveid, and a tampered ciphertext', () => {
    const other = new CallbackReceiver({ ...VECTOR, receiveid: 'ww-other' });
    const query = { msg_signature: 'dd6b9c95b495b3f7e2901bfbc76c664930ffdb96', timestamp: '1411443780', nonce: '437374425', echostr: ECHOSTR };
    expect(rejection(() => other.verifyUrl(query))).toBe('receiver');
    // The signature is CBC's integrity: a re-signed change to the last block garbles padding and receiveid.
    const tampered = `${ECHOSTR.slice(0, -6)}A${ECHOSTR.slice(-5)}`;
    const signed = { ...query, echostr: tampered, msg_signature: callbackSignature(VECTOR.token, query.timestamp, query.nonce, tampered) };
    expect(['decrypt', 'receiver']).toContain(rejection(() => receiver.verifyUrl(signed)));
  });

  it('parses a living_status_change into a typed event, and refuses a bad Status', () => {
    const inner = livingStatusChangeXml({ corpid: 'wwcorp', fromUserName: 'anchor', createTime: 1700000000, livingid: 'lv1', status: 1, agentid: 1000002 });
    const encrypt = encryptCallback(VECTOR.encodingAesKey, inner, 'wwcorp');
    const query = { msg_signature: callbackSignature(VECTOR.token, '1700000000', 'n1', encrypt), timestamp: '1700000000', nonce: 'n1' };
    const { event } = new CallbackReceiver({ ...VECTOR, receiveid: 'wwcorp' }).openPush(query, callbackEnvelopeXml('wwcorp', encrypt, 1000002));
    expect(event).toEqual({ type: 'living_status_change', corpid: 'wwcorp', fromUserName: 'anchor', createTime: 1700000000, livingid: 'lv1', status: 1, agentid: 1000002 });
    expect(rejection(() => parseCallbackEvent(inner.replace('<Status>1</Status>', '<Status>9</Status>')))).toBe('format');
    expect(rejection(() => parseCallbackEvent('<xml><a>'))).toBe('format');
  });
});
