// The words the security team's mails (alert, review) use for the customer and the case.
import type { CustomerItem } from '../customers/customer';
import type { ApprovalReason } from '../reset/policy';

/**
 * "klant Jan de Vries (Cube BV, cust-1001)": the team recognises a name and a company at a glance and
 * the id finds the record. The mail goes only to the team's own address (SECURITY_ALERT_EMAIL), so a
 * name is fine there; the email address stays out on purpose: a shared mailbox keeps and forwards
 * mail for years, the console link shows the contact details to whoever signs in, and in a review the
 * address on file may be the one an attacker just put there, not one to reach the customer on.
 */
export const securityCustomerLabel = (
  customer: Pick<CustomerItem, 'customerId' | 'fullName' | 'companyName'>,
) =>
  `klant ${customer.fullName} (${customer.companyName ? `${customer.companyName}, ` : ''}${customer.customerId})`;

/** The case number, or in words that there is none (a report that belongs to no helpdesk reset). */
export const securityCaseLabel = (caseNumber: string | undefined) =>
  caseNumber ?? 'geen, de melding hoort niet bij een helpdeskzaak';

/** The approval reasons in the security team's words (the mail is Dutch, like the team). */
export const securityReviewWords: Record<ApprovalReason, string> = {
  PRIVILEGED_CUSTOMER: 'bevoorrechte klant',
  EMAIL_CHANGED_RECENTLY: 'e-mailadres kort geleden gewijzigd',
  RECENT_RESET: '2FA kort geleden al gereset',
  NO_POSSESSION_PROOF: 'geverifieerd zonder bezitsbewijs (geen e-mailcode)',
  ADMIN_VELOCITY: 'ongewoon veel uitschakelingen door deze admin in het afgelopen uur',
  AGENT_VELOCITY: 'ongewoon veel geslaagde verificaties door deze medewerker in het afgelopen uur',
  TOTAL_VELOCITY: 'ongewoon veel uitschakelingen door alle admins samen in het afgelopen uur',
};
