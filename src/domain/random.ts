import { createHash, createHmac, randomBytes } from 'node:crypto';

/**
 * Where every value livestat generates comes from: tokens' nonces, livingids, hints, fault
 * rolls, the next_key secret. One injectable source, so `serve --seed N` can make all of them
 * reproducible; without a seed it is node's CSPRNG.
 */
export interface RandomSource {
  /** `n` random bytes. */
  bytes(n: number): Buffer;
  /** A uniform integer in [0, max), max ≤ 2^32. */
  int(max: number): number;
  /** A uniform float in [0, 1). */
  float(): number;
}

function intFrom(bytes: (n: number) => Buffer, max: number): number {
  if (!Number.isInteger(max) || max < 1 || max > 2 ** 32) throw new RangeError(`max must be an integer in [1, 2^32], got ${max}`);
  // Rejection sampling: the top of the range that would bias small values is redrawn.
  const limit = 2 ** 32 - (2 ** 32 % max);
  for (;;) {
    const x = bytes(4).readUInt32BE(0);
    if (x < limit) return x % max;
  }
}

function floatFrom(bytes: (n: number) => Buffer): number {
  const b = bytes(7);
  // 53 bits: the full precision of a double in [0, 1).
  const high = b.readUIntBE(0, 4) & 0x1fffff;
  const low = b.readUIntBE(3, 4);
  return (high * 2 ** 32 + low) / 2 ** 53;
}

/** node's CSPRNG. */
export const cryptoRandom: RandomSource = {
  bytes: (n) => randomBytes(n),
  int: (max) => intFrom(randomBytes, max),
  float: () => floatFrom(randomBytes),
};

/**
 * HMAC-DRBG (NIST SP 800-90A, HMAC-SHA-256, no reseeding or additional input) keyed by the seed:
 * a stream that looks random but is the same for the same seed. Predictable by anyone who knows
 * the seed, which is the point for tests and the reason production must never use one.
 */
export class SeededRandom implements RandomSource {
  private k: Buffer = Buffer.alloc(32, 0);
  private v: Buffer = Buffer.alloc(32, 1);

  constructor(seed: number | string) {
    this.update(createHash('sha256').update(`livestat-seed\0${seed}`).digest());
  }

  private hmac(...parts: Buffer[]): Buffer {
    const h = createHmac('sha256', this.k);
    for (const p of parts) h.update(p);
    return h.digest();
  }

  private update(data?: Buffer): void {
    this.k = this.hmac(this.v, Buffer.from([0]), ...(data ? [data] : []));
    this.v = this.hmac(this.v);
    if (!data) return;
    this.k = this.hmac(this.v, Buffer.from([1]), data);
    this.v = this.hmac(this.v);
  }

  bytes(n: number): Buffer {
    const out: Buffer[] = [];
    let have = 0;
    while (have < n) {
      this.v = this.hmac(this.v);
      out.push(this.v);
      have += this.v.length;
    }
    this.update();
    return Buffer.concat(out).subarray(0, n);
  }

  int(max: number): number {
    return intFrom((n) => this.bytes(n), max);
  }

  float(): number {
    return floatFrom((n) => this.bytes(n));
  }
}

/**
 * The server's source: CSPRNG until seeded, and re-seedable at run time (`POST
 * /livestat/admin/seed`), which restarts the stream from the seed's beginning. With a seed the
 * next_key secret is derived from it too, so two servers seeded alike hand out the same keys.
 */
export class ServerRandom implements RandomSource {
  private source: RandomSource = cryptoRandom;
  private seedValue: number | undefined;
  private secret: Buffer | undefined;

  constructor(seed?: number) {
    if (seed !== undefined) this.reseed(seed);
  }

  /** A seed makes the stream reproducible; `undefined` goes back to the CSPRNG. */
  reseed(seed: number | undefined): void {
    this.seedValue = seed;
    this.source = seed === undefined ? cryptoRandom : new SeededRandom(seed);
    this.secret = seed === undefined ? undefined : createHash('sha256').update(`livestat-next-key-secret\0${seed}`).digest();
  }

  get seed(): number | undefined {
    return this.seedValue;
  }

  /** The seed's next_key secret, or undefined without a seed (the store's own secret applies). */
  get cursorSecret(): Buffer | undefined {
    return this.secret;
  }

  bytes(n: number): Buffer {
    return this.source.bytes(n);
  }

  int(max: number): number {
    return this.source.int(max);
  }

  float(): number {
    return this.source.float();
  }
}
