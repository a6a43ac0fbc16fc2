// What every way of finishing an enrollment shares, whichever authenticator it adds (an app's TOTP
// secret, a passkey): the ticket's own refusals, the customer write's condition, the backup codes, the
// audit event (TWO_FA_ENABLED, AUTHENTICATOR_REPLACED for a REPLACE ticket, AUTHENTICATOR_ADDED for an
// ADD one), the spent ticket and the ADD ticket for a second authenticator (./add-another.ts), in one
// transaction. A replacement leaves the new authenticator as the only one: the old app's secret and
// every older passkey go (each passkey with its PASSKEY_REMOVED). An addition keeps everything, the
// backup codes included.
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
import { addAnotherTicket, mayAddCondition, type AddAnother } from './add-another';
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
  /** Shown once: only their hashes are stored. None for an addition: the codes on file stay. */
  backupCodes: string[];
  /** The ADD ticket for a second authenticator, for the page that finished this one. */
  addAnother: AddAnother;
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
  /** Attribute names the clauses use (a new passkey's credential id as a map key). */
  names?: Record<string, string>;
  events: (audit: Omit<AuditEventInput, 'type' | 'details'>) => AuditEventInput[];
}

/** The authenticators a replacement removes besides the one the new one overwrites. */
const replacedAttributes: Record<EnrollmentMethod, string[]> = {
  totp: ['passkeys'],
  passkey: ['totpSecret', 'totpLastUsedStep'],
};

/** The first two modes end with a new set of backup codes and a clean slate of failures; an addition does not. */
const customerUpdate = (mode: EnrollmentMode, added: NewAuthenticator, remove: string[]) =>
  mode === 'ADD'
    ? [
        `SET ${added.set.join(', ')}, enrollmentTicketHash = :next, version = version + :one`,
        `REMOVE ${[...new Set(remove)].join(', ')}`,
      ]
    : [
        `SET ${added.set.join(', ')}, twoFactor = :enabled,`,
        'backupCodeHashes = :hashes, backupCodesIssuedAt = :now,',
        mode === 'REPLACE' ? 'authenticatorReplacedAt = :now,' : 'twoFactorEnabledAt = :now,',
        'verifyFailures = :zero, enrollmentTicketHash = :next, version = version + :one',
        `REMOVE ${[...new Set([...remove, 'lockedUntil', 'verifyLockCount'])].join(', ')}`,
      ];

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
  const mode = enrollmentModeOf(item.purpose);
  const { codes, hashes } =
    mode === 'ADD' ? { codes: [], hashes: [] } : await generateBackupCodes(deps.random);
  const condition = customerCondition(item);
  const adding = mayAddCondition(mode, added.method);
  const replacing = mode === 'REPLACE';
  const next = addAnotherTicket(customer, item, now, deps.random);
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
        // The ADD link handed back is named in the event of the enrollment it follows (its hash is not).
        const addAnotherUntil = next.item.expiresAt;
        if (mode === 'ADD')
          append({
            ...audit,
            type: 'AUTHENTICATOR_ADDED',
            details: { method: added.method, purpose: item.purpose, addAnotherUntil },
          });
        else if (replacing)
          append({
            ...audit,
            type: 'AUTHENTICATOR_REPLACED',
            details: {
              method: added.method,
              purpose: item.purpose,
              backupCodes: codes.length,
              backupCodesVoided: customer.backupCodeHashes?.size ?? 0,
              addAnotherUntil,
            },
          });
        else
          append({
            ...audit,
            type: 'TWO_FA_ENABLED',
            details: {
              method: added.method,
              purpose: item.purpose,
              backupCodes: codes.length,
              addAnotherUntil,
            },
          });
        if (replacing) for (const removal of passkeyRemovals(customer, audit, 'REPLACED')) append(removal);
        for (const event of added.events(audit)) append(event);
        const remove = [
          ...added.remove,
          ...(replacing ? replacedAttributes[added.method] : []),
          'pendingEnrollment',
          'passkeyRegistrationChallenge',
        ];
        const writes: TransactItem[] = [
          {
            Update: {
              TableName: tableName('customers'),
              Key: { customerId: customer.customerId },
              UpdateExpression: customerUpdate(mode, added, remove).join(' '),
              // A replacement removes exactly the authenticators that were in use when it was confirmed.
              ConditionExpression: [
                condition.expression,
                ...added.conditions,
                ...adding.expressions,
                ...(replacing
                  ? [customer.totpSecret ? 'totpSecret.iv = :replacedIv' : 'attribute_not_exists(totpSecret)']
                  : []),
              ].join(' AND '),
              ...(added.names && Object.keys(added.names).length
                ? { ExpressionAttributeNames: added.names }
                : {}),
              ExpressionAttributeValues: {
                ...condition.values,
                ...added.values,
                ...adding.values,
                ':next': next.item.ticketHash,
                ':one': 1,
                ...(mode === 'ADD'
                  ? {}
                  : {
                      ':enabled': 'ENABLED',
                      ':hashes': new Set(hashes),
                      ':now': now.toISOString(),
                      ':zero': 0,
                    }),
                ...(replacing && customer.totpSecret ? { ':replacedIv': customer.totpSecret.iv } : {}),
              },
            },
          },
          spendTicketItem(item, now),
          next.put,
        ];
        return { writes, result: undefined, onConflict: () => new EnrollmentRaced() };
      },
      chainHead,
    ),
  );
  return { twoFactor: 'ENABLED', mode, backupCodes: codes, addAnother: next.answer };
};
