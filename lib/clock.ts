// Time and randomness are injected so TOTP steps, expiries and cooldowns can be tested at their edges.
import { randomBytes } from 'node:crypto';
import { monotonicFactory } from 'ulid';

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

export const fixedClock = (
  at: Date | string,
): Clock & { advance(ms: number): void; set(at: Date | string): void } => {
  let current = new Date(at).getTime();
  return {
    now: () => new Date(current),
    advance: (ms) => {
      current += ms;
    },
    set: (next) => {
      current = new Date(next).getTime();
    },
  };
};

export interface Random {
  bytes(length: number): Buffer;
  ulid(at: Date): string;
}

// ulid's own source asks the operating system for one byte per character: 16 calls per id, several
// ids per request. The same CSPRNG drawn 4 KiB at a time gives ids of the same randomness for about a
// twentieth of the CPU. 256 is a multiple of ulid's 32 characters, so every character stays uniform.
const RANDOM_POOL_BYTES = 4096;
let randomPool = Buffer.alloc(0);
let randomPoolNext = 0;
export const pooledRandomFraction = (): number => {
  if (randomPoolNext >= randomPool.length) {
    randomPool = randomBytes(RANDOM_POOL_BYTES);
    randomPoolNext = 0;
  }
  return (randomPool[randomPoolNext++] ?? 0) / 256;
};

const monotonicUlid = monotonicFactory(pooledRandomFraction);

export const systemRandom: Random = {
  bytes: (length) => randomBytes(length),
  ulid: (at) => monotonicUlid(at.getTime()),
};

export const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);
