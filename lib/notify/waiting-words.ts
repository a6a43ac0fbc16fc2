// The reset mail's and the notices' sentence about the waiting period (lib/reset/waiting-period.ts):
// when the link opens, in the customer's language and the operator's time zone; nothing without a wait.
import type { CustomerItem } from '../customers/customer';
import type { MailLocale } from '../locales';
import { recoveryPendingUntil } from '../reset/waiting-period';
import { mailWords } from './mail-languages';
import { escapeHtml, formatDateTime } from './render';

/** `waiting` for the text part (a paragraph, or empty), `waitingHtml` for the HTML part (escaped here). */
export const waitingWords = (
  customer: Pick<CustomerItem, 'twoFactor' | 'recoveryLockedAt' | 'recoveryAvailableAt'>,
  now: Date,
  locale: MailLocale,
) => {
  const availableAt = recoveryPendingUntil(customer, now);
  if (!availableAt) return { waiting: '', waitingHtml: '' };
  const words = mailWords[locale].waiting.replace('{availableAt}', formatDateTime(availableAt, locale));
  return { waiting: `${words}\n\n`, waitingHtml: `<p><strong>${escapeHtml(words)}</strong></p>` };
};
