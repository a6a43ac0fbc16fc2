// What every way of finishing an enrollment shares, whichever authenticator it adds (an app's TOTP
// secret, a passkey): the ticket's own refusals, the customer write's condition, the backup codes, the
// audit event (TWO_FA_ENABLED, or AUTHENTICATOR_REPLACED for a REPLACE ticket) and the spent ticket,
// in one transaction. A replacement leaves the new authenticator as the only one: the old app's secret
// and every older passkey go (each passkey with its PASSKEY_REMOVED).
import type { ChainHead } from '../audit/chain';
import type { AuditEventInput } from '../audit/events';
import { commitWithAudit } from '../audit/store';
import { tableName, type TransactItem } from '../aws/dynamodb';
import { generateBackupCodes } from '../backup-codes/backup-codes';
import type { Clock, Random } from '../clock';
import { config } from '../config';
import type { CustomerItem } from '../customers/customer';
import { conflict, forbidden } from '../errors';
import { passkeyRemovals } from '../customers/passkeys';
import {
  assertMayEnroll,
  enrollConditionFor,
  enrollmentModeOf,
  type EnrollmentMode,
  requireUsableTicket,
  spendTicketItem,
} from '../tickets/store';
import type { TicketItem } from '../tickets/ticket';

export type Deps = { clock: Clock; random: Random };
export type EnrollmentMethod = 'totp' | 'passkey';

/** A cancelled transaction: find out what changed (ticket spent, new ticket, 2FA on) and say so. */
export class EnrollmentRaced extends Error {}

const explainRace = async (ticket: string, deps: Deps): Promise<never> => {
  const { ticket: item, customer } = await requireUsableTicket(ticket, deps); // the ticket's own refusal
  assertMayEnroll(customer, enrollmentModeOf(item.purpose));
  throw conflict('CONCURRENT_CHANGE', 'The enrollment changed while this request ran; start again.');
};

export const withRaceExplained = async <T>(ticket: string, deps: Deps, run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (error) {
    if (error instanceof EnrollmentRaced) return explainRace(ticket, deps);
    throw error;
  }
};

/**
 * In `login` mode a reset ticket does not open enrollment by itself (NIST 800-63B 6.1.2.3): the
 * customer signs in with the password first, and the backend gets a SELF_SERVICE ticket for them.
 * Otherwise a reset email (whose "this wasn't me" link carries the ticket) would still be enough.
 */
export const assertTicketOpensEnrollment = (ticket: TicketItem) => {
  // A REPLACE ticket, too, is only issued to the backend after the password (and a step-up code).
  if (config().enrollLink.mode === 'login' && ticket.purpose === 'RESET')
    throw forbidden(
      'LOGIN_REQUIRED',
      'Sign in with your password first; the site then takes you to 2FA setup.',
    );
};

/** The ticket, checked as every enrollment step checks it: usable, opening enrollment, for a customer who may enroll. */
export const requireEnrollmentTicket = async (
  ticket: string,
  deps: Deps,
  options: { chainHead?: boolean } = {},
) => {
  const usable = await requireUsableTicket(ticket, deps, options);
  assertTicketOpensEnrollment(usable.ticket);
  assertMayEnroll(usable.customer, enrollmentModeOf(usable.ticket.purpose));
  return usable;
};

/**
 * The customer write's condition: still allowed to enroll (or, for a REPLACE ticket, to replace),
 * and this ticket is still the current one.
 */
export const customerCondition = (ticket: TicketItem) => {
  const allowed = enrollConditionFor(enrollmentModeOf(ticket.purpose));
  return {
    expression: `attribute_exists(customerId) AND ${allowed.expression} AND enrollmentTicketHash = :ticketHash`,
    values: { ...allowed.values, ':ticketHash': ticket.ticketHash },
  };
};

/** ENROLLMENT_STARTED, however the enrollment starts (an app's secret, a resumed one, a passkey's challenge). */
export const enrollmentStartedEvent = (
  customer: Pick<CustomerItem, 'customerId'>,
  item: TicketItem,
  details: AuditEventInput['details'],
): AuditEventInput => ({
  type: 'ENROLLMENT_STARTED',
  actorType: 'customer',
  actorId: customer.customerId,
  customerId: customer.customerId,
  ...(item.caseId ? { caseId: item.caseId } : {}),
  details: { purpose: item.purpose, ...details },
});

export interface ConfirmedEnrollment {
  twoFactor: 'ENABLED';
  mode: EnrollmentMode;
  /** Shown once: only their hashes are stored. */
  backupCodes: string[];
}

/** The new authenticator's part of the customer write, and the events only it knows. */
export interface NewAuthenticator {
  method: EnrollmentMethod;
  /** `SET` clauses (without the keyword) and their values. */
  set: string[];
  remove: string[];
  /** Conditions beyond customerCondition: the pending secret or challenge is still the one checked. */
  conditions: string[];
  values: Record<string, unknown>;
  events: (audit: Omit<AuditEventInput, 'type' | 'details'>) => AuditEventInput[];
}

/** The authenticators a replacement removes besides the one the new one overwrites. */
const replacedAttributes: Record<EnrollmentMethod, string[]> = {
  totp: ['passkeys'],
  passkey: ['totpSecret', 'totpLastUsedStep'],
};

export const completeEnrollment = async (
  ticket: string,
  {
    ticket: item,
    customer,
    chainHead,
  }: { ticket: TicketItem; customer: CustomerItem; chainHead?: Promise<ChainHead | undefined> },
  now: Date,
  added: NewAuthenticator,
  deps: Deps,
): Promise<ConfirmedEnrollment> => {
  const { codes, hashes } = await generateBackupCodes(deps.random);
  const condition = customerCondition(item);
  const replacing = enrollmentModeOf(item.purpose) === 'REPLACE' ? customer.totpSecret : undefined;
  await withRaceExplained(ticket, deps, () =>
    commitWithAudit(
      customer.customerId,
      deps,
      async (append) => {
        const audit = {
          actorType: 'customer' as const,
          actorId: customer.customerId,
          customerId: customer.customerId,
          ...(item.caseId ? { caseId: item.caseId } : {}),
        };
        if (replacing)
          append({
            ...audit,
            type: 'AUTHENTICATOR_REPLACED',
            details: {
              method: added.method,
              purpose: item.purpose,
              backupCodes: codes.length,
              backupCodesVoided: customer.backupCodeHashes?.size ?? 0,
            },
          });
        else
          append({
            ...audit,
            type: 'TWO_FA_ENABLED',
            details: { method: added.method, purpose: item.purpose, backupCodes: codes.length },
          });
        if (replacing) for (const removal of passkeyRemovals(customer, audit, 'REPLACED')) append(removal);
        for (const event of added.events(audit)) append(event);
        const remove = [
          ...added.remove,
          ...(replacing ? replacedAttributes[added.method] : []),
          'pendingEnrollment',
          'passkeyRegistrationChallenge',
          'enrollmentTicketHash',
          'lockedUntil',
          'verifyLockCount',
        ];
        const writes: TransactItem[] = [
          {
            Update: {
              TableName: tableName('customers'),
              Key: { customerId: customer.customerId },
              UpdateExpression: [
                `SET ${added.set.join(', ')}, twoFactor = :enabled,`,
                'backupCodeHashes = :hashes, backupCodesIssuedAt = :now,',
                replacing ? 'authenticatorReplacedAt = :now,' : 'twoFactorEnabledAt = :now,',
                'verifyFailures = :zero, version = version + :one',
                `REMOVE ${[...new Set(remove)].join(', ')}`,
              ].join(' '),
              // A replacement removes exactly the authenticator that was in use when it was confirmed.
              ConditionExpression: [
                condition.expression,
                ...added.conditions,
                ...(replacing ? ['totpSecret.iv = :replacedIv'] : []),
              ].join(' AND '),
              ExpressionAttributeValues: {
                ...condition.values,
                ...added.values,
                ':enabled': 'ENABLED',
                ':hashes': new Set(hashes),
                ':now': now.toISOString(),
                ':zero': 0,
                ':one': 1,
                ...(replacing ? { ':replacedIv': replacing.iv } : {}),
              },
            },
          },
          spendTicketItem(item, now),
        ];
        return { writes, result: undefined, onConflict: () => new EnrollmentRaced() };
      },
      chainHead,
    ),
  );
  return { twoFactor: 'ENABLED', mode: replacing ? 'REPLACE' : 'ENROLL', backupCodes: codes };
};
