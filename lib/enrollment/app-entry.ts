// The entry an authenticator app keeps for this account, and telling it from the one it replaces: the
// name a new phone's entry gets in replace mode, and a code from the old entry typed on the page.
import type { CustomerItem } from '../customers/customer';
import { activeLock } from '../customers/two-factor-state';
import { invalid } from '../errors';
import { openSecret } from '../secrets/sealed-secret';
import { spendTotpStep } from '../totp/spend-step';
import { matchTotp } from '../totp/totp';
import { OPERATOR_TIME_ZONE } from '../verification/checks';
import type { EnrollmentMode } from '../tickets/store';

/** Coarsest first: a date is enough unless the authenticator in use was set up that same day (or minute). */
const precisions: Intl.DateTimeFormatOptions[] = [
  { year: 'numeric', month: '2-digit', day: '2-digit' },
  { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
  {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  },
];

/** "2026-12-07", "2026-12-07 09.14": Dutch time, no ':' (the Key URI's label separator). */
const stamp = (at: Date, precision: Intl.DateTimeFormatOptions) => {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: OPERATOR_TIME_ZONE, ...precision })
      .formatToParts(at)
      .map((part) => [part.type, part.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  if (!parts.hour) return day;
  return [day, [parts.hour, parts.minute, parts.second].filter(Boolean).join('.')].join(' ');
};

/**
 * The account name under the issuer in the app. A first app entry is the address alone. In replace
 * mode both entries sit side by side in the app until the new one is confirmed (often on one phone),
 * so the new one carries the day it was made, and the time too when the authenticator in use was set
 * up that day: no earlier entry of this account can have the same name. From the pending enrollment's
 * start, not from now: a reload or a second tab names the same entry the same.
 */
export const appAccountName = (customer: CustomerItem, mode: EnrollmentMode, startedAt: string) => {
  if (mode !== 'REPLACE') return customer.email;
  const started = new Date(startedAt);
  const earlier = [customer.twoFactorEnabledAt, customer.authenticatorReplacedAt]
    .filter((at): at is string => typeof at === 'string')
    .map((at) => new Date(at));
  const precision =
    precisions.find((option) => earlier.every((at) => stamp(at, option) !== stamp(started, option))) ??
    precisions[precisions.length - 1];
  return `${customer.email}, ${stamp(started, precision ?? {})}`;
};

/**
 * A code that fits no step of the new secret, in replace mode: is it the current code of the entry
 * being replaced? Then the customer typed from the old entry, and the page says so instead of blaming
 * the phone's clock. The refusal tells only someone who typed a right code of the old app that it was
 * right, so its time step is spent at once, as a login would spend it: a guesser who hits a code
 * learns one that no longer logs in. Not during a brute-force lock (then TOTP codes are not judged at
 * all) and not without an app to replace.
 */
export const refuseOldEntryCode = async (customer: CustomerItem, digits: string, now: Date) => {
  const sealed = customer.totpSecret;
  if (!sealed || activeLock(customer, now)) return;
  const key = await openSecret(sealed, { customerId: customer.customerId, purpose: 'totp-secret' });
  let match: ReturnType<typeof matchTotp>;
  try {
    match = matchTotp(key, digits, now, customer.totpLastUsedStep);
  } finally {
    key.fill(0);
  }
  if (match.result === 'wrong') return;
  // Refused only when a login or a confirm got there first: the step is spent or the secret gone either way.
  if (match.result === 'accepted') await spendTotpStep(customer.customerId, sealed, match.step);
  throw invalid(
    'OLD_AUTHENTICATOR_CODE',
    'That code comes from the app entry being replaced. Enter the code of the new entry, the one added from this QR code.',
  );
};
