// The helpdesk's out-of-band code email: sent to the address on file while the caller is on the line.
// The code is only in the body, never in the subject (lock screens and mail lists show subjects).
import en from './templates/email-code/en.txt';
import enHtml from './templates/email-code/en.html';
import nl from './templates/email-code/nl.txt';
import nlHtml from './templates/email-code/nl.html';
import type { MailLocale } from '../locales';
import { sesFailureLog } from '../aws/ses-errors';
import { logger } from '../observability/logger';
import { sendEmail } from './mailer';
import { formatDateTime, renderEmail, type TemplateSource } from './render';

export const emailCodeTemplates: Record<MailLocale, TemplateSource> = {
  nl: { text: nl, html: nlHtml },
  en: { text: en, html: enHtml },
};

export const sendVerificationCodeEmail = async (
  to: string,
  name: string,
  locale: MailLocale,
  code: string,
  expiresAt: Date,
  /** The session's case number (the id before those): the caller reads it back, the agent sees it on screen. */
  reference: string,
) => {
  const email = renderEmail(emailCodeTemplates[locale], locale, {
    name,
    code,
    expiresAt: formatDateTime(expiresAt, locale),
    reference,
  });
  try {
    return await sendEmail(to, email);
  } catch (error) {
    // The caller maps this to EMAIL_CODE_NOT_DELIVERED; the operator needs SES's code, never its text.
    logger.warn('verification code email not accepted by SES', { ...sesFailureLog(error) });
    throw error;
  }
};
