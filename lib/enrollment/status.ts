// What the enrollment page needs to know the moment it opens: whether its link still works, for which
// kind of enrollment, and (only while it works) which account it is for. A read: nothing is written.
import type { Clock } from '../clock';
import { config } from '../config';
import { getCustomer } from '../customers/store';
import { isMailLocale, type CustomerLocale } from '../locales';
import { mayReport } from '../reset/report';
import { recoveryPendingUntil } from '../reset/waiting-period';
import { enrollmentModeOf, getTicket, ticketStateFor, type EnrollmentMode } from '../tickets/store';
import { hashTicket, ticketUnknown, type TicketPurpose, type TicketState } from '../tickets/ticket';
import { getVerification } from '../verification/reads';

/** The link's state in the page's words; the ticket's own vocabulary is lib/tickets/ticket.ts. */
export type LinkState = 'VALID' | 'USED' | 'VOIDED' | 'EXPIRED';

const linkStateOf: Record<TicketState, LinkState> = {
  USABLE: 'VALID',
  SPENT: 'USED',
  VOIDED: 'VOIDED',
  EXPIRED: 'EXPIRED',
};

export interface EnrollmentLinkStatus {
  state: LinkState;
  /** RESET: after a helpdesk disable; SELF_SERVICE: a first enrollment; REPLACE: a new phone. */
  purpose: TicketPurpose;
  mode: EnrollmentMode;
  expiresAt: string;
  /** The issuer the authenticator app will show (TOTP_ISSUER), so the page names the same service. */
  serviceName: string;
  /** Only while the link works: the address the link was mailed to, which the otpauth label carries too. */
  accountEmail?: string;
  /** Whether "this wasn't me" works with this link: only a reset link, also when a newer one voided it. */
  reportable: boolean;
  /**
   * Recovery is locked after a "this wasn't me" report: whatever the link's state, the page says the
   * account is locked for the customer's protection and that security calls, never "you're done".
   */
  recoveryLocked: boolean;
  /** The helpdesk session's case number (HD-XXXX-XXXX) the link came from, which the reset mail names too. */
  caseNumber?: string;
  /** The customer's language on record: the page speaks it unless the customer switches. */
  locale?: CustomerLocale;
  /** While the reset's waiting period runs: when the link opens (the page shows it in local time). */
  availableAt?: string;
  /** An ADD link while it works: the account has an app already (a second one cannot be added). */
  appOnFile?: boolean;
}

/** The case number as the reset mail names it; a session from before case numbers has none to show. */
const caseNumberOf = async (caseId: string | undefined) =>
  caseId ? (await getVerification(caseId))?.caseNumber : undefined;

/**
 * Throws TICKET_UNKNOWN (404) for a ticket that never existed, was deleted after its retention or whose
 * customer is gone, exactly as start, confirm and report do: tickets are 256 random bits, so telling
 * "unknown" from "expired" helps no guesser, while it lets the page tell a customer what to do.
 */
export const enrollmentLinkStatus = async (
  ticket: string,
  deps: { clock: Clock },
): Promise<EnrollmentLinkStatus> => {
  const item = await getTicket(hashTicket(ticket));
  if (!item) throw ticketUnknown();
  const customer = await getCustomer(item.customerId, true);
  if (!customer) throw ticketUnknown();
  const state = await ticketStateFor(item, customer, deps.clock);
  const caseNumber = await caseNumberOf(item.caseId);
  const availableAt = state === 'USABLE' ? recoveryPendingUntil(customer, deps.clock.now()) : undefined;
  return {
    state: linkStateOf[state],
    purpose: item.purpose,
    mode: enrollmentModeOf(item.purpose),
    expiresAt: item.expiresAt,
    serviceName: config().totpIssuer,
    ...(state === 'USABLE' ? { accountEmail: customer.email } : {}),
    reportable: mayReport(item, state, deps.clock),
    recoveryLocked: customer.recoveryLockedAt !== undefined,
    ...(caseNumber ? { caseNumber } : {}),
    ...(isMailLocale(customer.locale) ? { locale: customer.locale } : {}),
    ...(availableAt ? { availableAt } : {}),
    ...(state === 'USABLE' && item.purpose === 'ADD' ? { appOnFile: customer.totpSecret !== undefined } : {}),
  };
};
