// Login verification for the login service: a TOTP code or a backup code, replay-proof, counted
// against brute force exactly once per attempt, and safe when many attempts for one customer race.
//
// Every write is conditioned on the customer's version as read, so two attempts can never both
// act on the same state: one wins, the other re-reads and is judged again (a second use of the
// same code then is a replay; a guess after the fifth failure meets the lock).
import { commitWithAudit } from '../audit/store';
import { tableName, type TransactItem } from '../aws/dynamodb';
import { hashBackupCode } from '../backup-codes/backup-codes';
import type { Clock, Random } from '../clock';
import type { CustomerItem } from '../customers/customer';
import { requireCustomer } from '../customers/store';
import { hasPasskeys } from '../customers/passkeys';
import { activeLock } from '../customers/two-factor-state';
import { conflict, locked } from '../errors';
import { openSecret, type SealedSecret } from '../secrets/sealed-secret';
import {
  inRounds,
  recordVerifyFailure,
  StaleCustomer,
  successRemove,
  successSet,
  successUpdate,
  versionCondition,
} from './failures';
import { attemptsLeft, lockedError, lockoutPolicy, type LockoutPolicy } from './lockout';
import { spendTotpStep } from './spend-step';
import { matchTotp } from './totp';
import { parseLoginCode, type TypedCode } from './typed-code';

export type VerifyMethod = 'totp' | 'backup_code';

export type VerifyOutcome =
  | { valid: true; method: VerifyMethod; backupCodesLeft: number }
  | {
      valid: false;
      method: VerifyMethod;
      /** CODE_ALREADY_USED: right code, already used once (ASVS 2.8.5: refused and told to the customer). */
      reason: 'WRONG_CODE' | 'CODE_ALREADY_USED';
      backupCodesLeft: number;
      /** Failures still allowed before the lock. */
      attemptsLeft: number;
    };

interface Attempt {
  customer: CustomerItem;
  code: TypedCode;
  now: Date;
  actorId: string;
  policy: LockoutPolicy;
  deps: { clock: Clock; random: Random };
}

const methodOf = (code: TypedCode): VerifyMethod => (code.kind === 'totp' ? 'totp' : 'backup_code');
const backupCodesLeft = (customer: CustomerItem) => customer.backupCodeHashes?.size ?? 0;

/** The hot path: a right TOTP code needs no audit event, so it is one conditional UpdateItem. */
const acceptTotp = async (attempt: Attempt, sealed: SealedSecret, step: number): Promise<VerifyOutcome> => {
  const { customer } = attempt;
  const condition = versionCondition(customer);
  const spent = await spendTotpStep(customer.customerId, sealed, step, {
    set: successSet,
    remove: successRemove,
    condition: condition.expression,
    values: { ...condition.values, ':zero': 0, ':enabled': 'ENABLED' },
  });
  if (!spent) throw new StaleCustomer();
  return { valid: true, method: 'totp', backupCodesLeft: backupCodesLeft(customer) };
};

const acceptBackupCode = async (attempt: Attempt, hash: string): Promise<VerifyOutcome> => {
  const { customer, now, actorId, deps } = attempt;
  const left = backupCodesLeft(customer) - 1;
  const condition = versionCondition(customer);
  await commitWithAudit(customer.customerId, deps, async (append) => {
    append({
      type: 'BACKUP_CODE_USED',
      actorType: 'service',
      actorId,
      customerId: customer.customerId,
      details: { backupCodesLeft: left, lockCleared: activeLock(customer, now) !== undefined },
    });
    const write: TransactItem = {
      Update: {
        TableName: tableName('customers'),
        Key: { customerId: customer.customerId },
        // DELETE from a string set is atomic; the condition makes a second use of the code fail.
        UpdateExpression: `DELETE backupCodeHashes :used SET ${successUpdate} ${successRemove}`,
        ConditionExpression: `${condition.expression} AND contains(backupCodeHashes, :hash)`,
        ExpressionAttributeValues: {
          ...condition.values,
          ':used': new Set([hash]),
          ':hash': hash,
          ':zero': 0,
          ':one': 1,
          ':enabled': 'ENABLED',
        },
      },
    };
    return { writes: [write], result: undefined, onConflict: () => new StaleCustomer() };
  });
  return { valid: true, method: 'backup_code', backupCodesLeft: left };
};

/** A replay changes no state, but is written to the audit (ASVS 2.8.5) and told to the caller. */
const refuseReplay = async (attempt: Attempt, step: number): Promise<VerifyOutcome> => {
  const { customer, actorId, deps, policy } = attempt;
  await commitWithAudit(customer.customerId, deps, async (append) => {
    append({
      type: 'VERIFY_REPLAY_REFUSED',
      actorType: 'service',
      actorId,
      customerId: customer.customerId,
      details: { method: 'totp', step },
    });
    return { writes: [], result: undefined };
  });
  return {
    valid: false,
    method: 'totp',
    reason: 'CODE_ALREADY_USED',
    backupCodesLeft: backupCodesLeft(customer),
    attemptsLeft: attemptsLeft(customer, policy),
  };
};

/** Counts the failure exactly once (lib/totp/failures.ts) and says how many tries are left. */
const recordFailure = async (attempt: Attempt): Promise<VerifyOutcome> => {
  const method = methodOf(attempt.code);
  const { attemptsLeft: left } = await recordVerifyFailure(attempt, method);
  return {
    valid: false,
    method,
    reason: 'WRONG_CODE',
    backupCodesLeft: backupCodesLeft(attempt.customer),
    attemptsLeft: left,
  };
};

const judge = async (
  attempt: Attempt,
  openKey: (customer: CustomerItem) => Promise<{ sealed: SealedSecret; key: Buffer }>,
  backupCodeHash: () => Promise<string>,
) => {
  const { customer, code, now } = attempt;
  const lock = activeLock(customer, now);
  if (code.kind === 'backupCode') {
    // Ten 65-bit codes cannot be guessed online (one in 2^61 per try), so they still work during a
    // lock: a customer whose account is being hammered is not locked out by the attacker (the lock
    // only slows TOTP guesses).
    const hash = await backupCodeHash();
    if (customer.backupCodeHashes?.has(hash)) return acceptBackupCode(attempt, hash);
    if (lock) throw lockedError(lock);
    return recordFailure(attempt);
  }
  if (lock) throw lockedError(lock);
  const { sealed, key } = await openKey(customer);
  const match = matchTotp(key, code.digits, now, customer.totpLastUsedStep);
  if (match.result === 'accepted') return acceptTotp(attempt, sealed, match.step);
  if (match.result === 'replayed') return refuseReplay(attempt, match.step);
  return recordFailure(attempt);
};

/**
 * Verifies a code the customer typed at login. Answers `{valid, method, backupCodesLeft}`; throws
 * INVALID_CODE_FORMAT (400, not counted), CUSTOMER_NOT_FOUND (404), TWO_FA_NOT_ENABLED (409) and
 * TWO_FA_LOCKED (429 with Retry-After) — on the attempt that locks and on every TOTP code while locked.
 */
export const verifyLoginCode = async (
  customerId: string,
  typed: string,
  actorId: string,
  deps: { clock: Clock; random: Random },
): Promise<VerifyOutcome> => {
  const code = parseLoginCode(typed);
  const policy = lockoutPolicy();
  // The secret is opened (a KMS Decrypt in AWS) once per request, however many rounds it takes.
  const opened = new Map<string, Buffer>();
  const openKey = async (customer: CustomerItem) => {
    const sealed = customer.totpSecret;
    if (!sealed)
      throw conflict('TWO_FA_NOT_ENABLED', 'Two-factor authentication is not on for this customer.');
    let key = opened.get(sealed.ciphertext);
    if (!key) {
      key = await openSecret(sealed, { customerId, purpose: 'totp-secret' });
      opened.set(sealed.ciphertext, key);
    }
    return { sealed, key };
  };
  // Hashed once per request too (a KMS GenerateMac in AWS), and only for a backup code.
  let hashed: Promise<string> | undefined;
  const backupCodeHash = () => (hashed ??= hashBackupCode(code.kind === 'backupCode' ? code.canonical : ''));
  try {
    return await inRounds(async () => {
      const customer = await requireCustomer(customerId, true);
      // After "this wasn't me" no code counts, whoever's authenticator produced it.
      if (customer.recoveryLockedAt)
        throw locked(
          'RECOVERY_LOCKED',
          'Sign-in is blocked after a report of an unrequested reset; the security team decides.',
        );
      if (customer.twoFactor === 'DISABLED' || (!customer.totpSecret && !hasPasskeys(customer)))
        throw conflict('TWO_FA_NOT_ENABLED', 'Two-factor authentication is not on for this customer.');
      // A customer with passkeys only has no app to take a code from; their backup codes still work.
      if (code.kind === 'totp' && !customer.totpSecret)
        throw conflict('TOTP_NOT_ENABLED', 'This customer signs in with a passkey, not an app code.');
      return judge({ customer, code, now: deps.clock.now(), actorId, policy, deps }, openKey, backupCodeHash);
    });
  } finally {
    for (const key of opened.values()) key.fill(0);
  }
};
