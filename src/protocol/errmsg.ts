import { ERRMSG_TEXT, type KnownErrcode } from './errcodes.js';

/** Where WeCom points callers for an errcode; part of every error errmsg. */
export const MORE_INFO_URL = 'https://open.work.weixin.qq.com/devtool/query?e=';

/**
 * The text of an errmsg before `, hint:`. For 40058 a detail names what is wrong
 * (`livingid missing. invalid Request Parameter`).
 */
export function errmsgText(errcode: KnownErrcode, detail?: string): string {
  const text = ERRMSG_TEXT[errcode];
  if (errcode === 40058 && detail) return `${detail}. ${text}`;
  return text;
}

/**
 * A whole error errmsg in WeCom's format:
 * `<text>, hint: [<hint>], from ip: <ip>, more info at https://open.work.weixin.qq.com/devtool/query?e=<errcode>`.
 */
export function formatErrmsg(errcode: number, text: string, hint: string, ip: string): string {
  return `${text}, hint: [${hint}], from ip: ${ip}, more info at ${MORE_INFO_URL}${errcode}`;
}

/** The parts of an error errmsg; fields are undefined when the errmsg is not in WeCom's format. */
export interface ParsedErrmsg {
  text: string;
  hint?: string;
  ip?: string;
}

const ERRMSG_PATTERN = /^(.*?), hint: \[([^\]]*)\](?:, from ip: ([^,]*))?/s;

/** Splits an errmsg into its text, hint and caller ip. */
export function parseErrmsg(errmsg: string): ParsedErrmsg {
  const m = ERRMSG_PATTERN.exec(errmsg);
  if (!m) return { text: errmsg };
  const parsed: ParsedErrmsg = { text: m[1] ?? errmsg };
  if (m[2] !== undefined) parsed.hint = m[2];
  if (m[3] !== undefined) parsed.ip = m[3];
  return parsed;
}
