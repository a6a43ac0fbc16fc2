// Login with a passkey, for the login service: options bound to the customer (one outstanding,
// single-use, short-lived challenge), and the verification of the assertion. Every refusal is audited
// as VERIFY_FAILED; those of the customer's own passkey count under the same lock as wrong TOTP codes
// (lib/totp/failures.ts), the rest do not (./refusals.ts says which, and why).
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AuditValue } from '../audit/events';
import { dynamoDb, isConditionalCheckFailed, tableName } from '../aws/dynamodb';
import type { Clock, Random } from '../clock';
import type { CustomerItem } from '../customers/customer';
import { credentialRef, isExpired, passkeysOf, type StoredPasskey } from '../customers/passkeys';
import { requireCustomer } from '../customers/store';
import { activeLock } from '../customers/two-factor-state';
import { conflict, locked } from '../errors';
import {
  inRounds,
  recordVerifyFailure,
  StaleCustomer,
  successRemove,
  successUpdate,
  versionCondition,
  type FailedAttempt,
} from '../totp/failures';
import { lockedError, lockoutPolicy } from '../totp/lockout';
import { challengeExpiry, newChallenge, relyingParty, webAuthn } from './relying-party';
import type { PasskeyRefusal, PasskeyRequestOptions, PasskeyVerifyOutcome } from './responses';
import type { AuthenticationResponseBody } from './schemas';
import { recordUncountedRefusal, uncountedRefusals } from './refusals';

type Deps = { clock: Clock; random: Random };

/** The customer may sign in with a passkey now: not recovery-locked, passkeys on file, no lock running. */
const assertMaySignIn = (customer: CustomerItem, now: Date) => {
  // After "this wasn't me" no authenticator counts, whoever holds it.
  if (customer.recoveryLockedAt)
    throw locked(
      'RECOVERY_LOCKED',
      'Sign-in is blocked after a report of an unrequested reset; the security team decides.',
    );
  if (customer.twoFactor === 'DISABLED')
    throw conflict('TWO_FA_NOT_ENABLED', 'Two-factor authentication is not on for this customer.');
  if (passkeysOf(customer).length === 0)
    throw conflict('PASSKEY_NOT_ENABLED', 'This customer has no passkey; use the app code or a backup code.');
  const lock = activeLock(customer, now);
  if (lock) throw lockedError(lock);
};

/**
 * The options for navigator.credentials.get(), listing the customer's passkeys. A newer call replaces
 * the outstanding challenge: only the latest login prompt can be answered.
 */
export const passkeyAuthenticationOptions = async (
  customerId: string,
  deps: Deps,
): Promise<PasskeyRequestOptions> => {
  const customer = await requireCustomer(customerId, true);
  const now = deps.clock.now();
  assertMaySignIn(customer, now);
  const rp = relyingParty();
  const expiresAt = challengeExpiry(now);
  const { generateAuthenticationOptions } = await webAuthn();
  const options = await generateAuthenticationOptions({
    rpID: rp.rpId,
    challenge: newChallenge(deps.random),
    timeout: expiresAt.getTime() - now.getTime(),
    userVerification: 'required',
    allowCredentials: passkeysOf(customer).map((passkey) => ({
      id: passkey.credentialId,
      transports: passkey.transports,
    })),
  });
  try {
    await dynamoDb().send(
      new UpdateCommand({
        TableName: tableName('customers'),
        Key: { customerId },
        UpdateExpression: 'SET passkeyLoginChallenge = :pending',
        // The passkeys must still be there: a reset that raced this call leaves no challenge behind.
        ConditionExpression: 'attribute_exists(passkeys) AND twoFactor <> :disabled',
        ExpressionAttributeValues: {
          ':pending': { challenge: options.challenge, expiresAt: expiresAt.toISOString() },
          ':disabled': 'DISABLED',
        },
      }),
    );
  } catch (error) {
    if (isConditionalCheckFailed(error))
      throw conflict('CONCURRENT_CHANGE', 'The customer’s 2FA changed while this request ran; try again.');
    throw error;
  }
  return options as PasskeyRequestOptions;
};

/** The challenge the browser signed, read from clientDataJSON (the library checks it again). */
const challengeOf = (response: AuthenticationResponseBody): string | undefined => {
  try {
    const clientData: unknown = JSON.parse(
      Buffer.from(response.response.clientDataJSON, 'base64url').toString(),
    );
    return typeof clientData === 'object' && clientData !== null && 'challenge' in clientData
      ? String(clientData.challenge)
      : undefined;
  } catch {
    return undefined;
  }
};

/** The library's refusal, named for the audit and the login service (its messages are its API). */
const refusalOf = (error: unknown): PasskeyRefusal => {
  const message = error instanceof Error ? error.message : '';
  if (/origin/i.test(message)) return 'WRONG_ORIGIN';
  if (/RP ID/i.test(message)) return 'WRONG_RP_ID';
  if (/user verification required|user could not be verified/i.test(message)) return 'USER_NOT_VERIFIED';
  if (/counter value/i.test(message)) return 'COUNTER_WENT_BACKWARDS';
  return 'INVALID_ASSERTION';
};

interface Attempt extends FailedAttempt {
  response: AuthenticationResponseBody;
}

const refuse = async (attempt: Attempt, reason: PasskeyRefusal): Promise<PasskeyVerifyOutcome> => {
  if (uncountedRefusals.has(reason)) {
    const { attemptsLeft } = await recordUncountedRefusal(attempt, reason, attempt.response.id);
    return { valid: false, method: 'passkey', reason, attemptsLeft };
  }
  const details: Record<string, AuditValue> = {
    reason,
    credentialRef: credentialRef(attempt.response.id),
  };
  // A counted refusal answered the outstanding challenge with one of the customer's passkeys: it spends
  // the challenge, so the same assertion cannot be tried again.
  const { attemptsLeft } = await recordVerifyFailure(attempt, 'passkey', {
    details,
    remove: ['passkeyLoginChallenge'],
  });
  return { valid: false, method: 'passkey', reason, attemptsLeft };
};

const accept = async (
  attempt: Attempt,
  passkey: StoredPasskey,
  challenge: string,
  verified: { newCounter: number; credentialBackedUp: boolean },
): Promise<PasskeyVerifyOutcome> => {
  const { customer, now } = attempt;
  const condition = versionCondition(customer);
  try {
    await dynamoDb().send(
      new UpdateCommand({
        TableName: tableName('customers'),
        Key: { customerId: customer.customerId },
        UpdateExpression: [
          'SET passkeys.#id.signCount = :count, passkeys.#id.backupState = :backedUp,',
          `passkeys.#id.lastUsedAt = :now, ${successUpdate} ${successRemove}, passkeyLoginChallenge`,
        ].join(' '),
        // The replay invariant, stated: the challenge this assertion signed is spent by exactly one verify.
        ConditionExpression: `${condition.expression} AND passkeyLoginChallenge.challenge = :challenge AND attribute_exists(passkeys.#id)`,
        ExpressionAttributeNames: { '#id': passkey.credentialId },
        ExpressionAttributeValues: {
          ...condition.values,
          ':count': verified.newCounter,
          ':backedUp': verified.credentialBackedUp,
          ':now': now.toISOString(),
          ':challenge': challenge,
          ':zero': 0,
          ':one': 1,
          ':enabled': 'ENABLED',
        },
      }),
    );
  } catch (error) {
    if (isConditionalCheckFailed(error)) throw new StaleCustomer();
    throw error;
  }
  return { valid: true, method: 'passkey' };
};

const judge = async (attempt: Attempt): Promise<PasskeyVerifyOutcome> => {
  const { customer, response, now } = attempt;
  assertMaySignIn(customer, now);
  const pending = customer.passkeyLoginChallenge;
  const signed = challengeOf(response);
  const answered = pending !== undefined && signed === pending.challenge;
  // Only this customer's passkeys count: another customer's credential is a failure here.
  const passkey = customer.passkeys?.[response.id];
  if (!passkey) return refuse(attempt, 'UNKNOWN_CREDENTIAL');
  // No outstanding challenge, or another one: a replayed assertion (its challenge was spent) or a forged one.
  if (!pending || !answered) return refuse(attempt, 'CHALLENGE_NOT_ISSUED');
  if (isExpired(pending, now)) return refuse(attempt, 'CHALLENGE_EXPIRED');
  const rp = relyingParty();
  const { verifyAuthenticationResponse } = await webAuthn();
  let verified: Awaited<ReturnType<typeof verifyAuthenticationResponse>>;
  try {
    verified = await verifyAuthenticationResponse({
      response,
      expectedChallenge: pending.challenge,
      expectedOrigin: rp.origins,
      expectedRPID: rp.rpId,
      credential: {
        id: passkey.credentialId,
        publicKey: new Uint8Array(Buffer.from(passkey.publicKey, 'base64url')),
        // A synced passkey's counter is shared (or stays 0) across devices: going back is no clone
        // signal there, so only a device-bound passkey's counter is held to moving forward.
        counter: passkey.backupEligible ? 0 : passkey.signCount,
        transports: passkey.transports,
      },
      requireUserVerification: true,
    });
  } catch (error) {
    return refuse(attempt, refusalOf(error));
  }
  if (!verified.verified || !verified.authenticationInfo.userVerified)
    return refuse(attempt, 'USER_NOT_VERIFIED');
  return accept(attempt, passkey, pending.challenge, verified.authenticationInfo);
};

/**
 * Verifies a passkey assertion at login. Answers `{valid, method: 'passkey'}` or a refusal with its
 * reason and the tries left; throws CUSTOMER_NOT_FOUND (404), TWO_FA_NOT_ENABLED / PASSKEY_NOT_ENABLED
 * (409), RECOVERY_LOCKED (423) and TWO_FA_LOCKED (429) as the TOTP verification does.
 */
export const verifyPasskeyAssertion = async (
  customerId: string,
  response: AuthenticationResponseBody,
  actorId: string,
  deps: Deps,
): Promise<PasskeyVerifyOutcome> => {
  const policy = lockoutPolicy();
  return inRounds(async () => {
    const customer = await requireCustomer(customerId, true);
    return judge({ customer, response, now: deps.clock.now(), actorId, policy, deps });
  });
};
