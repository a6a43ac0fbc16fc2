// Renewing backup codes with the authenticator in hand: ten new codes replace every unused old one
// at once, in one transaction with BACKUP_CODES_REGENERATED (whose outbox marker mails the notice).
import { commitWithAudit } from '../audit/store';
import { tableName } from '../aws/dynamodb';
import type { Clock, Random } from '../clock';
import { requireCustomer } from '../customers/store';
import { conflict } from '../errors';
import { assertMayEnroll } from '../tickets/store';
import { requireStepUpProof, type StepUpProof } from './self-service';
import { generateBackupCodes } from '../backup-codes/backup-codes';

export interface RenewedBackupCodes {
  /** Shown once: only their hashes are stored. */
  backupCodes: string[];
}

/**
 * Checks the step-up (a current TOTP code, or a passkey's assertion; never a backup code) as login
 * verify would, then replaces the backup codes. Two renewals at once: the one that commits first
 * wins, the other is refused 409 CONCURRENT_CHANGE, so no customer holds a code set that was never stored.
 */
export const renewBackupCodes = async (
  customerId: string,
  proof: StepUpProof,
  actorId: string,
  deps: { clock: Clock; random: Random },
): Promise<RenewedBackupCodes> => {
  const stepUpMethod = await requireStepUpProof(customerId, proof, 'totp', actorId, deps);
  const customer = await requireCustomer(customerId, true);
  const passkeyId = proof.stepUpPasskey?.id;
  // A replacement of the authenticator is "REPLACE" mode's rule: an authenticator in use, no recovery lock.
  assertMayEnroll(customer, 'REPLACE');
  const { codes, hashes } = await generateBackupCodes(deps.random);
  const now = deps.clock.now();
  await commitWithAudit(customerId, deps, async (append) => {
    append({
      type: 'BACKUP_CODES_REGENERATED',
      actorType: 'service',
      actorId,
      customerId,
      details: {
        stepUpMethod,
        backupCodes: codes.length,
        backupCodesVoided: customer.backupCodeHashes?.size ?? 0,
      },
    });
    return {
      writes: [
        {
          Update: {
            TableName: tableName('customers'),
            Key: { customerId },
            UpdateExpression:
              'SET backupCodeHashes = :hashes, backupCodesIssuedAt = :now, version = version + :one',
            // Compare-and-set on the code set as read, for the authenticator the step-up was judged by.
            ConditionExpression: [
              'twoFactor <> :disabled AND attribute_not_exists(recoveryLockedAt)',
              passkeyId ? 'attribute_exists(passkeys.#stepUp)' : 'totpSecret.iv = :iv',
              customer.backupCodesIssuedAt
                ? 'backupCodesIssuedAt = :issuedAt'
                : 'attribute_not_exists(backupCodesIssuedAt)',
            ].join(' AND '),
            ...(passkeyId ? { ExpressionAttributeNames: { '#stepUp': passkeyId } } : {}),
            ExpressionAttributeValues: {
              ':hashes': new Set(hashes),
              ':now': now.toISOString(),
              ':one': 1,
              ':disabled': 'DISABLED',
              ...(passkeyId ? {} : { ':iv': customer.totpSecret?.iv ?? '' }),
              ...(customer.backupCodesIssuedAt ? { ':issuedAt': customer.backupCodesIssuedAt } : {}),
            },
          },
        },
      ],
      result: undefined,
      onConflict: () =>
        conflict(
          'CONCURRENT_CHANGE',
          'The backup codes or the authenticator changed while this request ran; ask again.',
        ),
    };
  });
  return { backupCodes: codes };
};
