// The notifier: turns audit events into emails, exactly once per event as far as SES allows.
// The disable transaction is the only trigger for a reset email (transactional outbox): this code
// runs from the AuditEvents stream, never from a request handler.
import type { AuditItem } from '../audit/events';
import { notificationKindOf } from '../audit/outbox';
import { commitWithAudit } from '../audit/store';
import { isServiceUnavailable } from '../aws/errors';
import { sesFailure, sesFailureLog, type SesErrorClass } from '../aws/ses-errors';
import type { Clock, Random } from '../clock';
import { config } from '../config';
import type { CustomerItem } from '../customers/customer';
import { getCustomer } from '../customers/store';
import { isDomainError } from '../errors';
import { helpdeskPhones, isMailLocale } from '../locales';
import { logger } from '../observability/logger';
import { issueTicket } from '../tickets/store';
import { getVerification } from '../verification/reads';
import { enrollmentEmailLink, enrollmentUrl } from '../tickets/ticket';
import { claimSend, getLedger, markRetryable, settleLedger } from './ledger';
import { sendEmail } from './mailer';
import { verifiedByWords } from './verified-by';
import { securityCaseLabel, securityCustomerLabel, securityReviewWords } from './security-mail';
import { formatDateTime, renderEmail, type RenderedEmail } from './render';
import { notifierStreamSource } from './stream-settings';
import { mailTemplates, mailWords } from './mail-languages';
import {
  securityTeamLocale,
  securityTeamTemplates,
  type NotificationKind,
  type SecurityTeamNotificationKind,
} from './templates';
import { selfServicePaths } from '../triage/advice';
import { issueNoticeLinks } from '../reset/notice-report';
import { waitingWords } from './waiting-words';
import { recipientWords } from './recipient-words';
import {
  deliverableAddress,
  furtherAddresses,
  noticeAddresses,
  PermanentSendFailure,
  pickedAddress,
} from './recipients';

export { notificationKindOf };

export interface Deps {
  clock: Clock;
  random: Random;
  send?: typeof sendEmail;
}

/** Attempts before a transient failure is reported as final: the stream mapping's retries plus one. */
export const MAX_SEND_ATTEMPTS = notifierStreamSource.maximumRetryAttempts + 1;

/** SES errors that no retry will fix: a rejected message, a bad or unverified address. */
const isPermanentSesError = (error: unknown) =>
  error instanceof PermanentSendFailure ||
  (error instanceof Error &&
    [
      'MessageRejected',
      'InvalidParameterValue',
      'MailFromDomainNotVerifiedException',
      'AccountSendingPausedException',
    ].includes(error.name));

interface Prepared {
  to: string;
  email: RenderedEmail;
  /** The notice to each further address on file (customer.notificationEmails), one message each. */
  copies?: { to: string; email: RenderedEmail }[];
}

/**
 * The case as customers and staff name it: the session's case number (`HD-XXXX-XXXX`), from the event
 * or its session; the verification id for sessions from before case numbers; '-' without a case.
 */
const caseNumberOf = async (event: AuditItem): Promise<string | undefined> => {
  if (typeof event.details.caseNumber === 'string') return event.details.caseNumber;
  if (!event.caseId) return undefined;
  return (await getVerification(event.caseId))?.caseNumber ?? event.caseId;
};

/** The channel the event's session verified the caller on, for the reset mail's "by phone". */
const channelOf = async (event: AuditItem) =>
  event.caseId ? (await getVerification(event.caseId))?.channel : undefined;

const caseLabelOf = async (event: AuditItem): Promise<string> => (await caseNumberOf(event)) ?? '-';

/** Every notice to the customer goes to every address on file (NIST SP 800-63B-4 §4.6). */
const withCopies = (
  customer: CustomerItem,
  prepared: Prepared,
  copyEmail: (address: string) => RenderedEmail = () => prepared.email,
): Prepared => {
  const to = furtherAddresses(customer);
  return to.length
    ? { ...prepared, copies: to.map((address) => ({ to: address, email: copyEmail(address) })) }
    : prepared;
};

/** The security team's mails: about a customer, to the team, in the team's language. */
const prepareSecurityMail = async (
  kind: SecurityTeamNotificationKind,
  event: AuditItem,
  customer: CustomerItem,
): Promise<Prepared> => {
  switch (kind) {
    case 'SECURITY_ALERT':
      return {
        to: config().securityAlertEmail,
        email: renderEmail(securityTeamTemplates.SECURITY_ALERT, securityTeamLocale, {
          at: formatDateTime(event.at, securityTeamLocale),
          customer: securityCustomerLabel(customer),
          caseNumber: securityCaseLabel(await caseNumberOf(event)),
          consoleLink: `${config().publicBaseUrl}/console/#customer=${encodeURIComponent(customer.customerId)}`,
        }),
      };
    case 'SECURITY_REVIEW': {
      const reasons = Array.isArray(event.details.approvalReasons) ? event.details.approvalReasons : [];
      return {
        to: config().securityAlertEmail,
        email: renderEmail(securityTeamTemplates.SECURITY_REVIEW, securityTeamLocale, {
          at: formatDateTime(event.at, securityTeamLocale),
          customer: securityCustomerLabel(customer),
          caseNumber: securityCaseLabel(await caseNumberOf(event)),
          requestedBy: event.actorId,
          verifiedBy: String(event.details.verifiedBy ?? '-'),
          alert: reasons
            .map(
              (reason) =>
                securityReviewWords[String(reason) as keyof typeof securityReviewWords] ?? String(reason),
            )
            .join(', '),
          consoleLink: `${config().publicBaseUrl}/console/#customer=${encodeURIComponent(customer.customerId)}`,
        }),
      };
    }
  }
};

/** Builds the email for an event; for a reset this issues the enrollment ticket (voiding older ones). */
const prepare = async (
  kind: NotificationKind,
  event: AuditItem,
  customer: CustomerItem,
  deps: Deps,
): Promise<Prepared> => {
  if (kind === 'SECURITY_ALERT' || kind === 'SECURITY_REVIEW')
    return prepareSecurityMail(kind, event, customer);
  // The sync accepts only mail languages; a stored record outside them is not mailed in one we pick.
  const locale = customer.locale;
  if (!isMailLocale(locale)) throw new PermanentSendFailure('UNSUPPORTED_LOCALE');
  const words = mailWords[locale];
  const templates = mailTemplates[locale];
  const base = {
    name: customer.fullName,
    at: formatDateTime(event.at, locale),
    helpdesk: words.helpdesk,
    helpdeskPhone: helpdeskPhones[locale],
    // A notice at a further address must say which account it is about.
    account: customer.email,
  };
  switch (kind) {
    // After a release the customer enrolls afresh, exactly as after a reset: a new RESET ticket.
    case 'LOCK_RELEASED':
    case 'RESET': {
      // Checked before the ticket: a link for an address no longer on file is not issued at all.
      const further = kind === 'RESET' ? pickedAddress(event, customer) : undefined;
      const { ticket, expiresAt } = await issueTicket(
        {
          customerId: customer.customerId,
          purpose: 'RESET',
          ...(event.caseId ? { caseId: event.caseId } : {}),
        },
        deps,
      );
      const caseId = await caseLabelOf(event);
      // The wait as the customer item holds it now (an officer may have ended it since the disable).
      const waiting = waitingWords(customer, deps.clock.now(), locale);
      const where = recipientWords(further !== undefined, customer.email, locale);
      const prepared = {
        to: further ?? customer.email,
        email: renderEmail(templates.mails[kind], locale, {
          ...base,
          ...waiting,
          ...where,
          enrollLink: enrollmentEmailLink(ticket),
          reportLink: `${enrollmentUrl(ticket)}&report=1`,
          expiresAt: formatDateTime(expiresAt, locale),
          caseId,
          verifiedBy: verifiedByWords(await channelOf(event), locale),
        }),
      };
      // The notices carry no enrollment link (a notice address must not recover), only their own
      // "this wasn't me" link: for that address and this reset alone. Every address on file but the
      // link's gets one, the main address too when the link went to a further one.
      const noticeTo = noticeAddresses(customer, further);
      const reportLinks = await issueNoticeLinks(customer, noticeTo, deps);
      const notice = (address: string) =>
        renderEmail(templates.resetNotice, locale, {
          ...base,
          ...waiting,
          linkWent: where.linkWent,
          caseId,
          reportLink: reportLinks.get(address) ?? '',
        });
      return noticeTo.length
        ? { ...prepared, copies: noticeTo.map((address) => ({ to: address, email: notice(address) })) }
        : prepared;
    }
    case 'LOCKED':
      return withCopies(customer, {
        to: customer.email,
        email: renderEmail(templates.mails[kind], locale, {
          ...base,
          failures: String(config().policy.verifyMaxFailures),
          lockedUntil:
            typeof event.details.lockedUntil === 'string'
              ? formatDateTime(event.details.lockedUntil, locale)
              : '-',
        }),
      });
    case 'BACKUP_CODE_USED':
    case 'LAST_BACKUP_CODE':
      return withCopies(customer, {
        to: customer.email,
        email: renderEmail(templates.mails[kind], locale, {
          ...base,
          left: String(event.details.backupCodesLeft ?? '?'),
        }),
      });
    // "This wasn't me" confirmed, to every address on file: login blocked, security calls, the case.
    case 'REPORT_RECEIVED':
      return withCopies(customer, {
        to: customer.email,
        email: renderEmail(templates.mails[kind], locale, {
          ...base,
          caseId: await caseLabelOf(event),
        }),
      });
    // Names the authenticator that turned 2FA on (or was added): a customer who set up an app reads
    // "a passkey" as an alarm.
    case 'ENABLED':
    case 'AUTHENTICATOR_ADDED':
      return withCopies(customer, {
        to: customer.email,
        email: renderEmail(templates.mails[kind], locale, {
          ...base,
          method: words.enabledMethod[event.details.method === 'passkey' ? 'passkey' : 'totp'],
        }),
      });
    case 'LIMITS_RESET':
    case 'AUTHENTICATOR_REPLACED':
    case 'PASSKEY_REMOVED':
    case 'BACKUP_CODES_RENEWED':
      return withCopies(customer, {
        to: customer.email,
        email: renderEmail(templates.mails[kind], locale, base),
      });
    // The guide carries no link and no code, so the further addresses get the same text: they are
    // on file too, and an attacker who triggers the guide only tells the customer someone called.
    case 'SELF_SERVICE_GUIDE': {
      const guide = selfServicePaths.find((path) => path === event.details.selfServicePath);
      if (!guide) throw new PermanentSendFailure('UNKNOWN_SELF_SERVICE_PATH');
      return withCopies(customer, {
        to: customer.email,
        email: renderEmail(templates.guides[guide], locale, base),
      });
    }
  }
};

/**
 * Sends the copies once, after the main email went out, one message per address (no address sees
 * another). A failed copy is recorded (copiesSent: false) and logged rather than retried: a retry
 * would send the main email, with its ticket, a second time.
 */
const sendCopy = async (
  event: AuditItem,
  kind: NotificationKind,
  copies: NonNullable<Prepared['copies']>,
  deps: Deps,
) => {
  let sent = true;
  for (const copy of copies) {
    try {
      await (deps.send ?? sendEmail)(copy.to, copy.email);
    } catch (error) {
      sent = false;
      logger.warn('notification copy to a further address failed; not retried', {
        eventId: event.eventId,
        kind,
        ...sesFailureLog(error),
      });
    }
  }
  return { addresses: copies.length, sent };
};

/** The audit event that reports the outcome: RESET_EMAIL_* for resets, NOTIFICATION_* otherwise. */
const recordOutcome = async (
  event: AuditItem,
  kind: NotificationKind,
  outcome:
    | {
        sent: true;
        messageId: string;
        confirmed: boolean;
        attempts: number;
        /** The copy to the further addresses: how many, and whether SES took it. */
        copies?: { addresses: number; sent: boolean };
      }
    | {
        sent: false;
        /** A fixed code: ours (INVALID_ADDRESS, …) or the SES error's name, never text SES wrote. */
        reason: string;
        /** Only for a failure SES reported. */
        errorClass?: SesErrorClass;
        attempts: number;
        final: boolean;
      },
  deps: Deps,
  settle: boolean,
) => {
  await commitWithAudit(event.customerId, deps, async (append) => {
    const now = deps.clock.now();
    append({
      type:
        kind === 'RESET'
          ? outcome.sent
            ? 'RESET_EMAIL_SENT'
            : 'RESET_EMAIL_FAILED'
          : outcome.sent
            ? 'NOTIFICATION_SENT'
            : 'NOTIFICATION_FAILED',
      actorType: 'system',
      actorId: 'notifier',
      customerId: event.customerId,
      ...(event.caseId ? { caseId: event.caseId } : {}),
      details: {
        kind,
        triggeredBy: event.eventId,
        attempts: outcome.attempts,
        ...(outcome.sent
          ? {
              messageId: outcome.messageId,
              confirmed: outcome.confirmed,
              ...(outcome.copies
                ? { copiesTo: outcome.copies.addresses, copiesSent: outcome.copies.sent }
                : {}),
            }
          : {
              reason: outcome.reason,
              ...(outcome.errorClass ? { errorClass: outcome.errorClass } : {}),
              final: outcome.final,
            }),
      },
    });
    return {
      writes: settle
        ? [
            settleLedger(event.eventId, outcome.sent ? 'SENT' : 'FAILED_PERMANENT', now, {
              ...(outcome.sent
                ? { messageId: outcome.messageId }
                : {
                    errorCode: outcome.reason,
                    ...(outcome.errorClass ? { errorClass: outcome.errorClass } : {}),
                  }),
            }),
          ]
        : [],
      result: undefined,
    };
  });
};

export type DeliveryResult =
  'IGNORED' | 'ALREADY_HANDLED' | 'SENT' | 'SENT_UNCONFIRMED' | 'FAILED_PERMANENTLY';

/**
 * Delivers the email an audit event calls for. Safe to call again for the same event: a SENT or
 * failed ledger entry ends it; a SENDING entry means an earlier run died between SES and the ledger,
 * and since SES cannot tell whether it sent, we record it as sent (unconfirmed) rather than mail twice.
 * Transient failures throw, so the stream mapping retries and finally dead-letters the record.
 */
export const deliverNotification = async (event: AuditItem, deps: Deps): Promise<DeliveryResult> => {
  const kind = notificationKindOf(event);
  if (!kind) return 'IGNORED';
  const ledger = await getLedger(event.eventId);
  if (ledger?.status === 'SENT' || ledger?.status === 'FAILED_PERMANENT') return 'ALREADY_HANDLED';
  if (ledger?.status === 'SENDING') {
    await recordOutcome(
      event,
      kind,
      { sent: true, messageId: 'unknown', confirmed: false, attempts: ledger.attempts },
      deps,
      true,
    );
    logger.warn('notification outcome unknown after an interrupted send; recorded as sent, not resent', {
      eventId: event.eventId,
      kind,
    });
    return 'SENT_UNCONFIRMED';
  }
  const attempts = (ledger?.attempts ?? 0) + 1;
  const customer = await getCustomer(event.customerId, true);

  let prepared: Prepared;
  try {
    if (!customer) throw new PermanentSendFailure('CUSTOMER_NOT_FOUND');
    prepared = await prepare(kind, event, customer, deps);
    if (!deliverableAddress(prepared.to)) throw new PermanentSendFailure('INVALID_ADDRESS');
  } catch (error) {
    // No ticket can be issued (2FA already on again, recovery locked) or no address: nothing to retry.
    if (error instanceof PermanentSendFailure || isDomainError(error)) {
      const reason = error instanceof PermanentSendFailure ? error.message : error.code;
      if (await claimSend({ ...event, kind, attempts }, deps.clock.now()))
        await recordOutcome(event, kind, { sent: false, reason, attempts, final: true }, deps, true);
      return 'FAILED_PERMANENTLY';
    }
    throw error;
  }

  if (!(await claimSend({ ...event, kind, attempts }, deps.clock.now()))) return 'ALREADY_HANDLED';
  let messageId: string;
  try {
    ({ messageId } = await (deps.send ?? sendEmail)(prepared.to, prepared.email, event.eventId));
  } catch (error) {
    // The code and class only: SES's message names the recipient, and this lands in the audit trail.
    const { code: reason, errorClass } = sesFailure(error);
    if (isPermanentSesError(error)) {
      await recordOutcome(
        event,
        kind,
        { sent: false, reason, errorClass, attempts, final: true },
        deps,
        true,
      );
      logger.warn('notification refused by SES; not retried', {
        eventId: event.eventId,
        kind,
        attempts,
        ...sesFailureLog(error),
      });
      return 'FAILED_PERMANENTLY';
    }
    await markRetryable(event.eventId, deps.clock.now(), { errorCode: reason, errorClass });
    if (attempts >= MAX_SEND_ATTEMPTS)
      await recordOutcome(
        event,
        kind,
        { sent: false, reason, errorClass, attempts, final: true },
        deps,
        false,
      );
    logger.warn('notification send failed; the stream will retry', {
      eventId: event.eventId,
      kind,
      attempts,
      transient: isServiceUnavailable(error),
      ...sesFailureLog(error),
    });
    throw error;
  }
  const copies = prepared.copies ? await sendCopy(event, kind, prepared.copies, deps) : undefined;
  await recordOutcome(
    event,
    kind,
    { sent: true, messageId, confirmed: true, attempts, ...(copies ? { copies } : {}) },
    deps,
    true,
  );
  return 'SENT';
};
