// HOTP (RFC 4226) and TOTP (RFC 6238) through otplib v13: code generation and the drift-window match.
// otplib's verify reports the time step a code matched and skips steps up to `afterTimeStep`, which is
// what refusing replays needs. Its node:crypto plugin keeps the HMAC native (no pure-JS hashing at cold
// start) and compares each candidate with crypto.timingSafeEqual.
import { crypto } from '@otplib/plugin-crypto-node';
import { generateSync, verifySync } from '@otplib/totp';

export type TotpAlgorithm = 'sha1' | 'sha256' | 'sha512';

export interface TotpParameters {
  algorithm: TotpAlgorithm;
  digits: 6 | 7 | 8;
  periodSeconds: number;
}

/** What every authenticator app reads without asking: SHA1, 6 digits, 30 seconds (Key URI Format defaults). */
export const standardTotp: TotpParameters = { algorithm: 'sha1', digits: 6, periodSeconds: 30 };

/** RFC 6238 5.2: one step either side covers clock drift and a code typed just before the step turned. */
export const DRIFT_STEPS = 1;

/** RFC 6238 4.2: T = floor((unix time - T0) / X) with T0 = 0. */
export const timeStep = (at: Date, periodSeconds = standardTotp.periodSeconds) =>
  Math.floor(at.getTime() / 1000 / periodSeconds);

/** The instant a step begins; its code is valid from here until the next step begins. */
export const stepStart = (step: number, periodSeconds = standardTotp.periodSeconds) =>
  new Date(step * periodSeconds * 1000);

const otpOptions = (key: Uint8Array, parameters: TotpParameters) => ({
  secret: key,
  algorithm: parameters.algorithm,
  digits: parameters.digits,
  period: parameters.periodSeconds,
  crypto,
});

/** The code of one time step; RFC 4226's HOTP is this with the step as the counter. */
export const codeOfStep = (key: Uint8Array, step: number, parameters: TotpParameters = standardTotp) => {
  if (!Number.isSafeInteger(step) || step < 0) throw new RangeError('a time step is a natural number');
  return generateSync({ ...otpOptions(key, parameters), epoch: step * parameters.periodSeconds });
};

/** RFC 4226 HOTP with 6 digits and SHA1: a TOTP step is exactly an HOTP counter. */
export const hotp = (key: Uint8Array, counter: number) => codeOfStep(key, counter);

export const totpAt = (key: Uint8Array, at: Date, parameters: TotpParameters = standardTotp) =>
  codeOfStep(key, timeStep(at, parameters.periodSeconds), parameters);

export type TotpMatch =
  /** The code belongs to `step`, a step never used before. */
  | { result: 'accepted'; step: number }
  /** The code is right, but for a step at or before the last one used: a replay (RFC 6238 5.2). */
  | { result: 'replayed'; step: number }
  | { result: 'wrong' };

/**
 * Checks `code` against the current step and DRIFT_STEPS either side, no more. `lastUsedStep` is the
 * step of the last accepted code: a code of that step or an earlier one is a replay. otplib stops at
 * the first matching step, so only someone holding a right code can learn from the timing which step
 * it was; a wrong guess costs the same three constant-time comparisons whatever it is.
 */
export const matchTotp = (
  key: Uint8Array,
  code: string,
  at: Date,
  lastUsedStep?: number,
  parameters: TotpParameters = standardTotp,
): TotpMatch => {
  if (!new RegExp(`^\\d{${parameters.digits}}$`).test(code)) return { result: 'wrong' };
  const window = {
    ...otpOptions(key, parameters),
    token: code,
    epoch: Math.floor(at.getTime() / 1000),
    // otplib's tolerance is in seconds: one period either side is one step either side.
    epochTolerance: DRIFT_STEPS * parameters.periodSeconds,
  };
  // otplib refuses an afterTimeStep beyond the window; every step of the window is used then anyway.
  const newestInWindow = timeStep(at, parameters.periodSeconds) + DRIFT_STEPS;
  const fresh = verifySync({
    ...window,
    ...(lastUsedStep === undefined ? {} : { afterTimeStep: Math.min(lastUsedStep, newestInWindow) }),
  });
  if (fresh.valid) return { result: 'accepted', step: fresh.timeStep };
  if (lastUsedStep === undefined) return { result: 'wrong' };
  // Tell a replay from a wrong code: the service answers them differently and audits the replay.
  const any = verifySync(window);
  return any.valid ? { result: 'replayed', step: any.timeStep } : { result: 'wrong' };
};
