// The helpdesk's out-of-band code email: sent to the address on file while the caller is on the line.
// The code is only in the body, never in the subject (lock screens and mail lists show subjects).
import type { MailLocale } from '../locales';
import { sesFailureLog } from '../aws/ses-errors';
import { logger } from '../observability/logger';
import { sendEmail } from './mailer';
import { emailCodeTemplates } from './mail-languages';
import { formatDateTime, renderEmail } from './render';

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
