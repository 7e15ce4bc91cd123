import { cryptoRandom, type RandomSource } from './random.js';

/**
 * A new livingid in the real format: `lv` and 30 characters of `[A-Za-z0-9_-]`, 32 in all
 * (WIRE.md, "IDs"). 180 random bits, so ids neither collide nor can be guessed.
 */
export function newLivingid(random: RandomSource = cryptoRandom): string {
  return `lv${random.bytes(23).toString('base64url').slice(0, 30)}`;
}
