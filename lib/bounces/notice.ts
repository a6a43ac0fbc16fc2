// What staff are told about mail to a customer that came back: the last bounce or complaint, kept on
// the customer, shown until the login service reports a new address (the old one is what refused).
import type { NotificationKind } from '../audit/outbox';
import type { MailFeedbackMark } from '../customers/customer';

export type { MailFeedbackMark };

/** The mails that go to the customer's address; the security team's come back to the team's, not theirs. */
export const reachesCustomer: Record<NotificationKind, boolean> = {
  RESET: true,
  ENABLED: true,
  LOCKED: true,
  BACKUP_CODE_USED: true,
  LAST_BACKUP_CODE: true,
  AUTHENTICATOR_REPLACED: true,
  AUTHENTICATOR_ADDED: true,
  PASSKEY_REMOVED: true,
  BACKUP_CODES_RENEWED: true,
  SECURITY_ALERT: false,
  SECURITY_REVIEW: false,
  LOCK_RELEASED: true,
  LIMITS_RESET: true,
  SELF_SERVICE_GUIDE: true,
  REPORT_RECEIVED: true,
};

/** The notice the console shows, or null once the address it concerned has been replaced. */
export const mailFeedbackNotice = (customer: {
  lastMailFeedback?: MailFeedbackMark;
  emailChangedAt?: string;
}): MailFeedbackMark | null => {
  const mark = customer.lastMailFeedback;
  if (!mark) return null;
  if (customer.emailChangedAt && customer.emailChangedAt > mark.at) return null;
  return mark;
};
