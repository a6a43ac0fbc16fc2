// Removing one passkey from the profile page (a lost security key while the phone's passkey still
// works): a step-up by another factor, never the last authenticator (a customer left without 2FA is
// the helpdesk's reset), one transaction with PASSKEY_REMOVED, whose outbox markers mail every address
// on file and publish the MFA Factor Disable.
import { commitWithAudit } from '../audit/store';
import { tableName } from '../aws/dynamodb';
import type { Clock, Random } from '../clock';
import type { CustomerItem } from '../customers/customer';
import { credentialRef, passkeysOf, type StoredPasskey } from '../customers/passkeys';
import { requireCustomer } from '../customers/store';
import { twoFactorMethods } from '../customers/two-factor-state';
import { conflict, invalid, notFound } from '../errors';
import type { PasskeyRemoved } from './responses';
import { requireStepUpProof, type StepUpProof } from './self-service';

type Deps = { clock: Clock; random: Random };

const passkeyNamed = (customer: CustomerItem, ref: string): StoredPasskey => {
  const passkey = passkeysOf(customer).find((each) => credentialRef(each.credentialId) === ref);
  // Another customer's passkey is as unknown here as a made-up reference: nothing tells them apart.
  if (!passkey) throw notFound('PASSKEY_NOT_FOUND', 'This customer has no passkey with this reference.');
  return passkey;
};

/** The authenticators that sign in on their own; backup codes are the fallback, not a second factor kept. */
const authenticatorsOf = (customer: CustomerItem) =>
  (customer.totpSecret ? 1 : 0) + passkeysOf(customer).length;

const assertNotLast = (customer: CustomerItem) => {
  if (authenticatorsOf(customer) <= 1)
    throw conflict(
      'LAST_AUTHENTICATOR',
      'This is the last authenticator on the account: removing it would leave the customer without 2FA. Add another one first; a customer who lost every authenticator calls the helpdesk.',
    );
};

/** The refusals that need no step-up, on a fresh read: nothing is counted, spent or written by them. */
const removable = async (customerId: string, ref: string) => {
  const customer = await requireCustomer(customerId, true);
  const passkey = passkeyNamed(customer, ref);
  assertNotLast(customer);
  return { customer, passkey };
};

/** A removal's transaction lost to a concurrent change: the caller reads again and says which. */
class RemovalRaced extends Error {}

/**
 * POST …/passkeys/{credentialRef}/remove. The step-up (a current TOTP code, a backup code, or another
 * passkey's assertion) is judged by login verification, as for a REPLACE or ADD ticket. Two removals
 * at once of the last two passkeys: the write's condition counts the authenticators, so one wins and
 * the other is 409 LAST_AUTHENTICATOR.
 */
export const removePasskey = async (
  customerId: string,
  ref: string,
  proof: StepUpProof,
  actorId: string,
  deps: Deps,
): Promise<PasskeyRemoved> => {
  const { passkey: target } = await removable(customerId, ref);
  // The passkey being removed proves nothing about the factor that stays: refused before it is judged,
  // so its challenge is not spent and nothing is counted.
  if (proof.stepUpPasskey?.id === target.credentialId)
    throw invalid(
      'STEP_UP_SAME_PASSKEY',
      'Confirm the removal with another way to sign in (the app, another passkey, or a backup code), not with the passkey you remove.',
    );
  const stepUpMethod = await requireStepUpProof(customerId, proof, 'totpOrBackupCode', actorId, deps);
  const stepUpPasskey = proof.stepUpPasskey?.id;
  try {
    const { result } = await commitWithAudit(customerId, deps, async (append) => {
      const { customer } = await removable(customerId, ref);
      append({
        type: 'PASSKEY_REMOVED',
        actorType: 'service',
        actorId,
        customerId,
        details: { credentialRef: ref, reason: 'SELF_SERVICE', stepUpMethod },
      });
      const left = { ...customer, passkeys: { ...customer.passkeys } };
      delete left.passkeys[target.credentialId];
      // A customer without passkeys has no passkeys attribute at all (an empty map would read as
      // passkeys on file to the next addition's condition), so the last passkey takes the map with it.
      const lastPasskey = passkeysOf(left).length === 0;
      return {
        writes: [
          {
            Update: {
              TableName: tableName('customers'),
              Key: { customerId },
              UpdateExpression: lastPasskey
                ? 'REMOVE passkeys, passkeyLoginChallenge SET version = version + :one'
                : 'REMOVE passkeys.#target SET version = version + :one',
              // The invariant, stated: the passkey is there, and another authenticator stays beside it.
              ConditionExpression: [
                'attribute_exists(passkeys.#target)',
                lastPasskey
                  ? 'size(passkeys) = :one AND attribute_exists(totpSecret)'
                  : '(attribute_exists(totpSecret) OR size(passkeys) > :one)',
                'twoFactor <> :disabled AND attribute_not_exists(recoveryLockedAt)',
                // The step-up's passkey must still be on the account when this commits.
                ...(stepUpPasskey ? ['attribute_exists(passkeys.#stepUp)'] : []),
              ].join(' AND '),
              ExpressionAttributeNames: {
                '#target': target.credentialId,
                ...(stepUpPasskey ? { '#stepUp': stepUpPasskey } : {}),
              },
              ExpressionAttributeValues: { ':one': 1, ':disabled': 'DISABLED' },
            },
          },
        ],
        result: { removed: true as const, credentialRef: ref, methods: twoFactorMethods(left) },
        onConflict: () => new RemovalRaced(),
      };
    });
    return result;
  } catch (error) {
    if (!(error instanceof RemovalRaced)) throw error;
    // Gone meanwhile (404), now the last one (409 LAST_AUTHENTICATOR), or another change (a reset).
    await removable(customerId, ref);
    throw conflict('CONCURRENT_CHANGE', "The customer's 2FA changed while this request ran; ask again.");
  }
};
