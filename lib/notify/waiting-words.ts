// The reset mail's and the notices' sentence about the waiting period (lib/reset/waiting-period.ts):
// when the link opens, in the customer's language and the operator's time zone; nothing without a wait.
import type { CustomerItem } from '../customers/customer';
import type { MailLocale } from '../locales';
import { recoveryPendingUntil } from '../reset/waiting-period';
import { escapeHtml, formatDateTime } from './render';

const sentence: Record<MailLocale, string> = {
  nl: 'Voor uw veiligheid werkt de link om 2FA weer aan te zetten pas vanaf {availableAt}. Tot dan kan niemand 2FA voor uw account instellen en kunt u niet inloggen. Heeft u hier niet om gevraagd? Meld het dan nu met de link hieronder: het herstel stopt direct.',
  en: 'For your protection the link to turn 2FA on again works only from {availableAt}. Until then no one can set up 2FA for your account and you cannot sign in. Did you not ask for this? Report it now with the link below: the recovery stops at once.',
};

/** `waiting` for the text part (a paragraph, or empty), `waitingHtml` for the HTML part (escaped here). */
export const waitingWords = (
  customer: Pick<CustomerItem, 'twoFactor' | 'recoveryLockedAt' | 'recoveryAvailableAt'>,
  now: Date,
  locale: MailLocale,
) => {
  const availableAt = recoveryPendingUntil(customer, now);
  if (!availableAt) return { waiting: '', waitingHtml: '' };
  const words = sentence[locale].replace('{availableAt}', formatDateTime(availableAt, locale));
  return { waiting: `${words}\n\n`, waitingHtml: `<p><strong>${escapeHtml(words)}</strong></p>` };
};
