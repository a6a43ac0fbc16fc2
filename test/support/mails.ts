// A customer's mail found by what it is, not by when it came: the mails of one drain reach the SES server
// in any order (the notifier sends a batch's entries side by side), so "the last mail" is a race. A mail's
// kind shows in its subject, the first line of its template in each mail language.
import { emailCodeTemplates, mailTemplates } from '../../lib/notify/mail-languages';
import {
  securityTeamTemplates,
  type CustomerNotificationKind,
  type SecurityTeamNotificationKind,
} from '../../lib/notify/templates';
import type { TemplateSource } from '../../lib/notify/mail-language';
import type { SentEmail, TestStack } from './stack';

/** The outbox's kinds (lib/audit/outbox.ts), the reset's notice to the further addresses, the helpdesk's code mail. */
export type MailKind =
  CustomerNotificationKind | SecurityTeamNotificationKind | 'RESET_NOTICE' | 'EMAIL_CODE';

const sourcesOf = (kind: MailKind): TemplateSource[] => {
  const languages = Object.values(mailTemplates);
  if (kind === 'RESET_NOTICE') return languages.map((language) => language.resetNotice);
  if (kind === 'EMAIL_CODE') return Object.values(emailCodeTemplates);
  if (kind === 'SECURITY_ALERT' || kind === 'SECURITY_REVIEW') return [securityTeamTemplates[kind]];
  if (kind === 'SELF_SERVICE_GUIDE') return languages.flatMap((language) => Object.values(language.guides));
  return languages.map((language) => language.mails[kind]);
};

/** The template's subject line as a pattern: each {{placeholder}} stands for any text. */
const subjectPattern = (source: TemplateSource) => {
  const subject = /^Subject:\s*(.+)$/m.exec(source.text.split('\n')[0] ?? '')?.[1] ?? '';
  const parts = subject.split(/\{\{\{?\w+\}?\}\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`);
};

/** Is this mail of `kind` (in any mail language)? */
export const isMailOfKind = (mail: SentEmail, kind: MailKind) =>
  sourcesOf(kind).some((source) => subjectPattern(source).test(mail.subject));

/** Every mail of `kind` to `address`, in the order the SES server received them. */
export const mailsOfKind = async (stack: TestStack, address: string, kind: MailKind) =>
  (await stack.sentEmails()).filter(
    (mail) => mail.destination.to.includes(address) && isMailOfKind(mail, kind),
  );

/**
 * The newest mail of `kind` to `address` (a re-sent reset link: the newer one), or undefined. Mails of
 * one kind to one address come one request after another in a test, so their order is the test's own.
 */
export const mailOfKind = async (stack: TestStack, address: string, kind: MailKind) =>
  (await mailsOfKind(stack, address, kind)).at(-1);
