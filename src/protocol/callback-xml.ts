/**
 * The flat XML of WeCom's callbacks: `<xml>` holding one level of elements, text in CDATA
 * (strings) or bare (numbers). That is all WeCom sends, so a few lines do instead of an XML
 * library; anything else is refused rather than half-read.
 */

/** One field: a string goes in CDATA, a number bare (as WeCom writes CreateTime and Status). */
export type CallbackXmlValue = string | number;

function cdata(text: string): string {
  // "]]>" cannot stand inside one CDATA section: split it across two.
  return `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`;
}

/** `<xml><K>v</K>...</xml>` in the given key order. */
export function buildCallbackXml(fields: Readonly<Record<string, CallbackXmlValue>>): string {
  let out = '<xml>';
  for (const [k, v] of Object.entries(fields)) out += `<${k}>${typeof v === 'number' ? String(v) : cdata(v)}</${k}>`;
  return `${out}</xml>`;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeText(text: string): string {
  return text.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (_m, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    return ENTITIES[e]!;
  });
}

/** Reads a text node made of CDATA sections and escaped text. */
function readText(inner: string): string {
  let out = '';
  let rest = inner;
  while (rest.length > 0) {
    const at = rest.indexOf('<![CDATA[');
    if (at < 0) {
      out += unescapeText(rest);
      break;
    }
    out += unescapeText(rest.slice(0, at));
    const end = rest.indexOf(']]>', at + 9);
    if (end < 0) throw new SyntaxError('unterminated CDATA section');
    out += rest.slice(at + 9, end);
    rest = rest.slice(end + 3);
  }
  return out;
}

/** The fields of `<xml>...</xml>` as text; throws SyntaxError on anything that is not that shape. */
export function parseCallbackXml(xml: string): Record<string, string> {
  const body = /^\s*(?:<\?xml[^>]*\?>\s*)?<xml>([\s\S]*)<\/xml>\s*$/.exec(xml.replace(/^\uFEFF/, ''));
  if (!body) throw new SyntaxError('not an <xml> document');
  const fields: Record<string, string> = {};
  const element = /\s*<([A-Za-z_][\w.-]*)\s*(?:\/>|>((?:<!\[CDATA\[[\s\S]*?\]\]>|[^<])*)<\/\1>)\s*/y;
  const inner = body[1]!;
  let pos = 0;
  while (pos < inner.length) {
    element.lastIndex = pos;
    const m = element.exec(inner);
    if (!m) {
      if (inner.slice(pos).trim() === '') break;
      throw new SyntaxError(`unexpected content at offset ${pos}`);
    }
    fields[m[1]!] = m[2] === undefined ? '' : readText(m[2]);
    pos = element.lastIndex;
  }
  return fields;
}
