// The security team's templates, bundled as text; the customers' are in each mail language's file
// (lib/notify/languages/<locale>.ts). Only the functions that send mail import this module.
import securityAlertNl from './templates/security-alert/nl.txt';
import securityAlertNlHtml from './templates/security-alert/nl.html';
import securityReviewNl from './templates/security-review/nl.txt';
import securityReviewNlHtml from './templates/security-review/nl.html';
import type { MailLocale } from '../locales';
import type { NotificationKind } from '../audit/outbox';
import type { CustomerNotificationKind, SecurityTeamNotificationKind, TemplateSource } from './mail-language';

// The kinds are the outbox's vocabulary (which audit event calls for which email).
export type { CustomerNotificationKind, NotificationKind, SecurityTeamNotificationKind };

/** The security team reads Dutch: its mails are written in that one language. */
export const securityTeamLocale = 'nl' satisfies MailLocale;
export const securityTeamTemplates: Record<SecurityTeamNotificationKind, TemplateSource> = {
  SECURITY_ALERT: { text: securityAlertNl, html: securityAlertNlHtml },
  SECURITY_REVIEW: { text: securityReviewNl, html: securityReviewNlHtml },
};
