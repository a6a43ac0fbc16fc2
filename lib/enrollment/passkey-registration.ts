// Enrollment with a passkey: options bound to the enrollment ticket (a single-use, short-lived
// challenge kept on the customer), and the registration, which requires user verification, asks for
// no attestation, and finishes the enrollment as a confirmed TOTP code does (./completion.ts).
import { assertRecoveryAvailable, recoveryAvailableCondition } from '../reset/waiting-period';
import type { AuditEventInput } from '../audit/events';
import { commitWithAudit } from '../audit/store';
import { tableName, type TransactItem } from '../aws/dynamodb';
import {
  completeEnrollment,
  customerCondition,
  EnrollmentRaced,
  enrollmentStartedEvent,
  requireEnrollmentTicket,
  withRaceExplained,
  type ConfirmedEnrollment,
  type Deps,
} from './completion';
import { conflict, gone, invalid } from '../errors';
import { enrollmentModeOf, ticketUsableCheck, type EnrollmentMode } from '../tickets/store';
import type { CustomerItem } from '../customers/customer';
import {
  credentialRef,
  isExpired,
  passkeysOf,
  userHandleOf,
  type PasskeyChallenge,
  type StoredPasskey,
} from '../customers/passkeys';
import { assertMayAdd } from './add-another';
import { challengeExpiry, newChallenge, relyingParty, webAuthn } from '../passkeys/relying-party';
import type { PasskeyCreationOptions } from '../passkeys/responses';
import type { RegistrationResponseBody } from '../passkeys/schemas';

/**
 * The options for navigator.credentials.create(). A newer call replaces the challenge of an earlier
 * one (a reload, a second try after the customer cancelled the prompt), so only the latest counts.
 */
export const passkeyRegistrationOptions = async (
  ticket: string,
  deps: Deps,
): Promise<PasskeyCreationOptions> => {
  const { ticket: item, customer } = await requireEnrollmentTicket(ticket, deps);
  const now = deps.clock.now();
  // The waiting period after a risky reset holds for a passkey as for an app (lib/reset/waiting-period.ts).
  assertRecoveryAvailable(customer, now);
  assertMayAdd(customer, enrollmentModeOf(item.purpose), 'passkey');
  const rp = relyingParty();
  const { generateRegistrationOptions } = await webAuthn();
  const options = await generateRegistrationOptions({
    rpName: rp.rpName,
    rpID: rp.rpId,
    userName: customer.email,
    userDisplayName: customer.fullName,
    userID: userHandleOf(customer.customerId),
    challenge: newChallenge(deps.random),
    timeout: challengeExpiry(now).getTime() - now.getTime(),
    attestationType: 'none',
    // A discoverable credential with user verification: the passkey is a factor on its own (AAL2).
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
    excludeCredentials: passkeysOf(customer).map((passkey) => ({
      id: passkey.credentialId,
      transports: passkey.transports,
    })),
  });
  const pending: PasskeyChallenge = {
    challenge: options.challenge,
    ticketHash: item.ticketHash,
    expiresAt: challengeExpiry(now, item.expiresAt).toISOString(),
  };
  const ticketCondition = customerCondition(item);
  const waiting = recoveryAvailableCondition(now);
  const condition = {
    expression: `${ticketCondition.expression} AND ${waiting.expression}`,
    values: { ...ticketCondition.values, ...waiting.values },
  };
  await withRaceExplained(ticket, deps, () =>
    commitWithAudit(customer.customerId, deps, async (append) => {
      append(enrollmentStartedEvent(customer, item, { method: 'passkey', expiresAt: pending.expiresAt }));
      const writes: TransactItem[] = [
        ticketUsableCheck(item, now),
        {
          Update: {
            TableName: tableName('customers'),
            Key: { customerId: customer.customerId },
            UpdateExpression: 'SET passkeyRegistrationChallenge = :pending, version = version + :one',
            ConditionExpression: condition.expression,
            ExpressionAttributeValues: { ...condition.values, ':pending': pending, ':one': 1 },
          },
        },
      ];
      return { writes, result: undefined, onConflict: () => new EnrollmentRaced() };
    }),
  );
  return options as PasskeyCreationOptions;
};

/**
 * The passkeys attribute after this registration. An addition writes only the new entry, so a login
 * that moved another passkey's counter meanwhile is not overwritten; the others write the whole map
 * (a replacement drops the older passkeys).
 */
const storedPasskeysWrite = (customer: CustomerItem, mode: EnrollmentMode, passkey: StoredPasskey) => {
  if (mode === 'ADD' && passkeysOf(customer).length > 0)
    return {
      set: `passkeys.#newPasskey = :passkey`,
      condition: 'attribute_exists(passkeys) AND attribute_not_exists(passkeys.#newPasskey)',
      values: { ':passkey': passkey },
      names: { '#newPasskey': passkey.credentialId },
    };
  const kept = mode === 'ENROLL' ? passkeysOf(customer) : [];
  return {
    set: 'passkeys = :passkeys',
    condition: mode === 'ADD' ? 'attribute_not_exists(passkeys)' : 'attribute_exists(customerId)',
    values: {
      ':passkeys': Object.fromEntries(
        [...kept, passkey].map((entry) => [entry.credentialId, entry] as const),
      ),
    },
    names: {} as Record<string, string>,
  };
};

const notVerified = () =>
  invalid(
    'PASSKEY_NOT_VERIFIED',
    'The passkey could not be checked: it must be made on this page, with your fingerprint, face or screen lock. Try again.',
  );

/**
 * Verifies the new passkey against the ticket's outstanding challenge and turns 2FA on with it: the
 * credential stored on the customer, the challenge spent, the ticket spent, backup codes issued.
 */
export const registerPasskey = async (
  ticket: string,
  response: RegistrationResponseBody,
  deps: Deps,
): Promise<ConfirmedEnrollment & { method: 'passkey' }> => {
  const usable = await requireEnrollmentTicket(ticket, deps);
  const { ticket: item, customer } = usable;
  const now = deps.clock.now();
  assertRecoveryAvailable(customer, now);
  const mode = enrollmentModeOf(item.purpose);
  assertMayAdd(customer, mode, 'passkey');
  const pending = customer.passkeyRegistrationChallenge;
  if (!pending || pending.ticketHash !== item.ticketHash)
    throw conflict('NO_PENDING_ENROLLMENT', 'There is no passkey request for this link: start again.');
  if (isExpired(pending, now))
    throw gone('ENROLLMENT_EXPIRED', 'The passkey request has expired. Start again.');
  const rp = relyingParty();
  const { verifyRegistrationResponse } = await webAuthn();
  let verified: Awaited<ReturnType<typeof verifyRegistrationResponse>>;
  try {
    verified = await verifyRegistrationResponse({
      response,
      expectedChallenge: pending.challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.rpId,
      requireUserPresence: true,
      requireUserVerification: true,
    });
  } catch {
    throw notVerified();
  }
  if (!verified.verified) throw notVerified();
  const info = verified.registrationInfo;
  if (!info.userVerified) throw notVerified();
  const passkey: StoredPasskey = {
    credentialId: info.credential.id,
    publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
    signCount: info.credential.counter,
    transports: info.credential.transports ?? response.response.transports ?? [],
    backupEligible: info.credentialDeviceType === 'multiDevice',
    backupState: info.credentialBackedUp,
    createdAt: now.toISOString(),
  };
  // The same authenticator twice is one factor, not two (the browser's excludeCredentials says so too).
  if (customer.passkeys?.[passkey.credentialId])
    throw conflict(
      'PASSKEY_ALREADY_REGISTERED',
      'This passkey is on your account already. Use another device or security key.',
    );
  const stored = storedPasskeysWrite(customer, mode, passkey);
  const registered = (audit: Omit<AuditEventInput, 'type' | 'details'>): AuditEventInput[] => [
    {
      ...audit,
      type: 'PASSKEY_REGISTERED',
      details: {
        credentialRef: credentialRef(passkey.credentialId),
        backupEligible: passkey.backupEligible,
        backupState: passkey.backupState,
        transports: passkey.transports,
        aaguid: info.aaguid,
      },
    },
  ];
  const confirmed = await completeEnrollment(
    ticket,
    usable,
    now,
    {
      method: 'passkey',
      set: [stored.set],
      remove: [],
      // Single use: the challenge this response answers must still be the outstanding one.
      conditions: ['passkeyRegistrationChallenge.challenge = :challenge', stored.condition],
      values: { ...stored.values, ':challenge': pending.challenge },
      names: stored.names,
      events: registered,
    },
    deps,
  );
  return { ...confirmed, method: 'passkey' };
};
