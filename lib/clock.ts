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

const monotonicUlid = monotonicFactory();

export const systemRandom: Random = {
  bytes: (length) => randomBytes(length),
  ulid: (at) => monotonicUlid(at.getTime()),
};

export const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);
