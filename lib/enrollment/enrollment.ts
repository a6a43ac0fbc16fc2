// Enrollment of a new authenticator from a ticket: start (a fresh secret, its otpauth URI and QR
// code) and confirm (a code for that secret turns 2FA on and yields the backup codes, once). The
// reset email and the profile page (self-service.ts) lead here alike: one enrollment mechanism.
import type { ChainHead } from '../audit/chain';
import { commitWithAudit } from '../audit/store';
import { tableName, type TransactItem } from '../aws/dynamodb';
import { config } from '../config';
import type { CustomerItem, PendingEnrollment } from '../customers/customer';
import { conflict, gone, invalid } from '../errors';
import { assertRecoveryAvailable, recoveryAvailableCondition } from '../reset/waiting-period';
import { openSecret, sealSecret } from '../secrets/sealed-secret';
import { enrollmentModeOf, type EnrollmentMode, ticketUsableCheck } from '../tickets/store';
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
import type { TicketItem } from '../tickets/ticket';
import { assertMayAdd } from './add-another';
import { appAccountName, refuseOldEntryCode } from './app-entry';
import { base32Encode } from '../totp/base32';
import { generateTotpSecret, otpauthUri } from '../totp/key-uri';
import { qrCodePng } from '../totp/qr-png';
import { matchTotp } from '../totp/totp';
import { parseTotpCode } from '../totp/typed-code';

export interface StartedEnrollment {
  /** REPLACE: the authenticator in use keeps working until this one is confirmed (the page says so). */
  mode: EnrollmentMode;
  otpauthUri: string;
  /** The name the app lists under the issuer: in replace mode dated, to tell it from the old entry. */
  accountName: string;
  /** The QR code as a PNG data URL, unless the caller draws it from `otpauthUri` itself. */
  qrPng?: string;
  /** Base32, for typing into an app by hand. */
  secret: string;
  expiresAt: string;
  /**
   * An earlier QR code of this account was never confirmed and this one replaces it: an app that added
   * the earlier one holds an entry that will not work (the page says to delete it if a code fails).
   */
  earlierQrReplaced: boolean;
}

export interface StartOptions {
  /** false: leave the PNG out (the page draws the QR code itself: a phone on the page needs none). */
  qrPng: boolean;
}

/** What the app and the page need for a secret: its otpauth URI, the QR code of it, the key to type. */
const appEntryOf = async (
  customer: CustomerItem,
  item: TicketItem,
  pending: Pick<PendingEnrollment, 'startedAt'>,
  secret: Buffer,
  options: StartOptions,
) => {
  const accountName = appAccountName(customer, enrollmentModeOf(item.purpose), pending.startedAt);
  const uri = otpauthUri({ issuer: config().totpIssuer, accountName, secret });
  return {
    otpauthUri: uri,
    accountName,
    ...(options.qrPng ? { qrPng: await qrCodePng(uri) } : {}),
    secret: base32Encode(secret),
  };
};

/**
 * The same link started again while its QR code is still valid (the page was reloaded, a phone's
 * browser dropped the tab while the customer was in the authenticator app): the pending secret again,
 * not a new one, so the entry the app already added keeps working. Only for this very ticket: a newer
 * link voids this one, and the secret is handed only to whoever holds the ticket it was made for.
 */
const resumeEnrollment = async (
  item: TicketItem,
  customer: CustomerItem,
  pending: PendingEnrollment,
  now: Date,
  ticket: string,
  deps: Deps,
  options: StartOptions,
  chainHead: Promise<ChainHead | undefined> | undefined,
): Promise<StartedEnrollment> => {
  const secret = await openSecret(pending.secret, {
    customerId: customer.customerId,
    purpose: 'totp-secret',
  });
  try {
    const entry = await appEntryOf(customer, item, pending, secret, options);
    const condition = customerCondition(item);
    await withRaceExplained(ticket, deps, () =>
      commitWithAudit(
        customer.customerId,
        deps,
        async (append) => {
          append(
            enrollmentStartedEvent(customer, item, {
              restarted: true,
              resumed: true,
              expiresAt: pending.expiresAt,
            }),
          );
          const writes: TransactItem[] = [
            ticketUsableCheck(item, now),
            {
              ConditionCheck: {
                TableName: tableName('customers'),
                Key: { customerId: customer.customerId },
                // Still this pending secret: a start or confirm that raced this one wins.
                ConditionExpression: `${condition.expression} AND pendingEnrollment.startedAt = :startedAt AND pendingEnrollment.secret.iv = :iv`,
                ExpressionAttributeValues: {
                  ...condition.values,
                  ':startedAt': pending.startedAt,
                  ':iv': pending.secret.iv,
                },
              },
            },
          ];
          return { writes, result: undefined, onConflict: () => new EnrollmentRaced() };
        },
        chainHead,
      ),
    );
    return {
      mode: enrollmentModeOf(item.purpose),
      ...entry,
      expiresAt: pending.expiresAt,
      earlierQrReplaced: false,
    };
  } finally {
    secret.fill(0);
  }
};

/**
 * Creates a fresh secret as the pending enrollment, or, for the same ticket while its QR code is
 * still valid, hands out the pending one again (resumeEnrollment). An expired or another link's
 * pending secret is replaced.
 */
export const startEnrollment = async (
  ticket: string,
  deps: Deps,
  options: StartOptions = { qrPng: true },
): Promise<StartedEnrollment> => {
  // The chain head comes with the customer: the start's audit event needs it, one round trip fewer.
  const {
    ticket: item,
    customer,
    chainHead,
  } = await requireEnrollmentTicket(ticket, deps, {
    chainHead: true,
  });
  const now = deps.clock.now();
  assertRecoveryAvailable(customer, now);
  assertMayAdd(customer, enrollmentModeOf(item.purpose), 'totp');
  const previous = customer.pendingEnrollment;
  if (previous?.ticketHash === item.ticketHash && now.getTime() < new Date(previous.expiresAt).getTime())
    return resumeEnrollment(item, customer, previous, now, ticket, deps, options, chainHead);
  const { policy } = config();
  const expiresAt = new Date(
    Math.min(now.getTime() + policy.enrollmentPendingMinutes * 60_000, new Date(item.expiresAt).getTime()),
  );
  const secret = generateTotpSecret(deps.random);
  try {
    const pending: PendingEnrollment = {
      secret: await sealSecret(secret, { customerId: customer.customerId, purpose: 'totp-secret' }, deps),
      ticketHash: item.ticketHash,
      startedAt: now.toISOString(),
      expiresAt: expiresAt.toISOString(),
    };
    // Drawn before anything is written: a failure here leaves no half-started enrollment behind.
    const entry = await appEntryOf(customer, item, pending, secret, options);
    const restarted = customer.pendingEnrollment?.ticketHash === item.ticketHash;
    const condition = customerCondition(item);
    const waiting = recoveryAvailableCondition(now);
    await withRaceExplained(ticket, deps, () =>
      commitWithAudit(
        customer.customerId,
        deps,
        async (append) => {
          append(enrollmentStartedEvent(customer, item, { restarted, expiresAt: pending.expiresAt }));
          const writes: TransactItem[] = [
            ticketUsableCheck(item, now),
            {
              Update: {
                TableName: tableName('customers'),
                Key: { customerId: customer.customerId },
                UpdateExpression: 'SET pendingEnrollment = :pending, version = version + :one',
                ConditionExpression: `${condition.expression} AND ${waiting.expression}`,
                ExpressionAttributeValues: {
                  ...condition.values,
                  ...waiting.values,
                  ':pending': pending,
                  ':one': 1,
                },
              },
            },
          ];
          return { writes, result: undefined, onConflict: () => new EnrollmentRaced() };
        },
        chainHead,
      ),
    );
    return {
      mode: enrollmentModeOf(item.purpose),
      ...entry,
      expiresAt: pending.expiresAt,
      earlierQrReplaced: previous !== undefined,
    };
  } finally {
    secret.fill(0);
  }
};

const requirePending = (customer: CustomerItem, item: TicketItem, now: Date) => {
  const pending = customer.pendingEnrollment;
  if (!pending || pending.ticketHash !== item.ticketHash)
    throw conflict(
      'NO_PENDING_ENROLLMENT',
      'There is no enrollment to confirm: start it first (scan the QR code), then confirm with a code.',
    );
  if (now.getTime() >= new Date(pending.expiresAt).getTime())
    throw gone('ENROLLMENT_EXPIRED', 'This QR code has expired. Start again to get a new one.');
  return pending;
};

/**
 * Turns 2FA on with the pending secret when `code` is right for it, spends the ticket, and writes
 * TWO_FA_ENABLED, all in one transaction. A REPLACE ticket's confirm swaps the authenticator in use
 * for the new one and the backup codes for new ones, as AUTHENTICATOR_REPLACED: until this commits
 * the old authenticator keeps working, after it only the new one does. The code's time step counts as used, so the code that
 * confirmed the enrollment cannot also be used to log in.
 */
export type { ConfirmedEnrollment };

export const confirmEnrollment = async (
  ticket: string,
  typedCode: string,
  deps: Deps,
): Promise<ConfirmedEnrollment> => {
  const digits = parseTotpCode(typedCode);
  const {
    ticket: item,
    customer,
    chainHead,
  } = await requireEnrollmentTicket(ticket, deps, {
    chainHead: true,
  });
  const now = deps.clock.now();
  assertRecoveryAvailable(customer, now);
  const pending = requirePending(customer, item, now);
  const key = await openSecret(pending.secret, { customerId: customer.customerId, purpose: 'totp-secret' });
  let match: ReturnType<typeof matchTotp>;
  try {
    match = matchTotp(key, digits, now);
  } finally {
    key.fill(0);
  }
  if (match.result !== 'accepted') {
    // A customer with both entries in the app may type the old one's code: named, not a clock hint.
    if (enrollmentModeOf(item.purpose) === 'REPLACE') await refuseOldEntryCode(customer, digits, now);
    throw invalid(
      'WRONG_CODE',
      'That code does not belong to this QR code. Check that your phone shows the right time and enter the current code.',
    );
  }
  return completeEnrollment(
    ticket,
    { ticket: item, customer, chainHead },
    now,
    {
      method: 'totp',
      set: ['totpSecret = :secret', 'totpLastUsedStep = :step'],
      remove: [],
      // The pending secret must be the one the code was checked against, not a newer start's.
      conditions: ['pendingEnrollment.startedAt = :startedAt', 'pendingEnrollment.secret.iv = :iv'],
      values: {
        ':secret': pending.secret,
        ':step': match.step,
        ':startedAt': pending.startedAt,
        ':iv': pending.secret.iv,
      },
      events: () => [],
    },
    deps,
  );
};
