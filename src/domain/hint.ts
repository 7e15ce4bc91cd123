import { cryptoRandom, type RandomSource } from './random.js';

/**
 * An errmsg hint as WeCom writes it: a 13-digit millisecond timestamp followed by 12 digits.
 * The digits are random so that hints stay unique across processes sharing one database.
 */
export function newHint(nowMs: number, random: RandomSource = cryptoRandom): string {
  const high = random.int(1_000_000).toString().padStart(6, '0');
  const low = random.int(1_000_000).toString().padStart(6, '0');
  return `${Math.trunc(nowMs).toString().padStart(13, '0')}${high}${low}`;
}
