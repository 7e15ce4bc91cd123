import { describe, expect, it } from 'vitest';
import { buildCallbackXml, parseCallbackXml } from './callback-xml.js';

describe('callback XML', () => {
  it('writes strings in CDATA and numbers bare, in the given order', () => {
    expect(buildCallbackXml({ ToUserName: 'ww1', CreateTime: 1700000000, Status: 0 })).toBe('<xml><ToUserName><![CDATA[ww1]]></ToUserName><CreateTime>1700000000</CreateTime><Status>0</Status></xml>');
  });

  it('reads back what it writes, a "]]>" inside text included', () => {
    const fields = { A: 'x]]>y', B: '<b>&amp;', C: 7 };
    expect(parseCallbackXml(buildCallbackXml(fields))).toEqual({ A: 'x]]>y', B: '<b>&amp;', C: '7' });
  });

  it('reads WeCom-style documents: whitespace, a declaration, escaped text, empty elements', () => {
    const xml = '\uFEFF<?xml version="1.0"?>\n<xml>\n  <ToUserName><![CDATA[ww1]]></ToUserName>\n  <Name>a &lt;b&gt; &#x4E2D;</Name>\n  <AgentID></AgentID><Empty/>\n</xml>\n';
    expect(parseCallbackXml(xml)).toEqual({ ToUserName: 'ww1', Name: 'a <b> 中', AgentID: '', Empty: '' });
  });

  it('refuses what is not flat callback XML', () => {
    for (const bad of ['', '<xml>', '<root><a>1</a></root>', '<xml><a><b>1</b></a></xml>', '<xml><a>1</b></xml>', '<xml><a><![CDATA[1</a></xml>', '<xml>text</xml>']) {
      expect(() => parseCallbackXml(bad), bad).toThrow(SyntaxError);
    }
  });
});
