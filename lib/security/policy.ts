// Who may lift a "this wasn't me" recovery lock, on what evidence. Pure; refusals are typed domain errors.
import type { CustomerItem } from '../customers/customer';
import { conflict, forbidden } from '../errors';
import { assertNoCooldown } from '../verification/budget';
import {
  assertVerificationFresh,
  assertVerificationStatusUsable,
  emailCodeMatched,
  type FreshnessPolicy,
} from '../verification/usable';
import type { VerificationItem } from '../verification/verification';

export type ReleasePolicy = FreshnessPolicy;

export const assertRecoveryLocked = (customer: CustomerItem) => {
  if (!customer.recoveryLockedAt)
    throw conflict('NOT_RECOVERY_LOCKED', 'Recovery of this customer is not locked by a report.');
};

/**
 * A release needs the strongest evidence the helpdesk can get: a session started under this lock,
 * PASSED with the code emailed to the address on file read back (possession, never "without
 * possession proof"), completed recently, not used, and verified by someone other than the officer
 * who releases, who also took no part in the reported reset. The report means someone already fooled
 * the helpdesk once.
 */
export const assertCanRelease = (
  input: {
    customer: CustomerItem;
    verification: VerificationItem;
    officerId: string;
    now: Date;
    /** Who verified, disabled or approved the reset the customer reported. */
    reportedCaseStaff: readonly string[];
  },
  policy: ReleasePolicy,
) => {
  const { customer, verification, officerId, now } = input;
  assertRecoveryLocked(customer);
  assertNoCooldown(customer, now);
  if (verification.customerId !== customer.customerId)
    throw conflict('VERIFICATION_OTHER_CUSTOMER', 'This verification belongs to another customer.');
  assertVerificationStatusUsable(verification);
  if (
    verification.purpose !== 'RECOVERY_LOCK_RELEASE' ||
    !customer.recoveryLockedAt ||
    verification.startedAt < customer.recoveryLockedAt
  )
    throw conflict(
      'VERIFICATION_NOT_FOR_RELEASE',
      'A release needs a verification started after the report, while recovery was locked.',
    );
  assertVerificationFresh(verification, now, policy);
  if (!emailCodeMatched(verification) || verification.withoutPossessionProof)
    throw conflict(
      'EMAIL_CODE_REQUIRED',
      'A release needs the code emailed to the address on file, read back by the caller (EMAIL_CODE matched).',
    );
  if (verification.agentId === officerId)
    throw forbidden(
      'RELEASER_IS_VERIFIER',
      'You verified this caller yourself; another officer must release the lock (four eyes).',
    );
  // The report says that reset was not the customer's: whoever did it is the one it accuses. Their
  // verification of the caller is no evidence for lifting the alarm it raised.
  if (input.reportedCaseStaff.includes(verification.agentId))
    throw conflict(
      'VERIFIER_IN_REPORTED_CASE',
      'This caller was verified by someone who took part in the reset the customer reported; another agent must verify the caller.',
    );
  // Nor may an insider who is also an officer judge their own case.
  if (input.reportedCaseStaff.includes(officerId))
    throw forbidden(
      'RELEASER_IN_REPORTED_CASE',
      'You took part in the reset this customer reported; another officer decides on the report (four eyes).',
    );
};
