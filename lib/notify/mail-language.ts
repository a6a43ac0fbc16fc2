// What a mail language brings: every word a customer mail writes outside its templates (MailWords),
// its templates (MailTemplates) and the email code's. One file per language
// (lib/notify/languages/<locale>.ts) exports the three, and lib/notify/mail-languages.ts holds them as
// `Record<MailLocale, …>`s: a language added to lib/locales.ts makes tsc name those records, then the
// new file names each word and template still missing.
import type { NotificationKind } from '../audit/notification-kinds';
import type { SelfServicePath } from '../triage/advice';
import type { Channel } from '../verification/schemas';

/** A template: `templates/<mail>/<locale>.txt` (starting with `Subject: …`) and its `.html` part. */
export interface TemplateSource {
  text: string;
  html: string;
}

/** The mails to the security team, not to a customer: they have no customer language. */
export type SecurityTeamNotificationKind = 'SECURITY_ALERT' | 'SECURITY_REVIEW';
export type CustomerNotificationKind = Exclude<NotificationKind, SecurityTeamNotificationKind>;
/** The self-service guide is one mail per path (`guides`); every other customer mail has one template. */
export type SingleTemplateKind = Exclude<CustomerNotificationKind, 'SELF_SERVICE_GUIDE'>;

type Months = readonly [
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
  string,
];

export interface MailWords {
  /**
   * The Intl locale whose long date and short time the mails write (lib/notify/date-format.ts writes it
   * without Intl from `months` and `at`, and test/notify/date-format.test.ts holds the two to Intl's text).
   */
  dateTag: string;
  /** How `dateTag` writes a long date: `{day}` (no leading zero), `{month}` (from `months`) and `{year}`. */
  longDate: string;
  /** January to December, as `dateTag` writes them in a long date. */
  months: Months;
  /** Between the date and the time, as Intl's `dateStyle: 'long', timeStyle: 'short'` writes it (" om "). */
  at: string;
  /** The operator's time zone, in brackets after every date ("Nederlandse tijd"). */
  timeZone: string;
  /** The `{{helpdesk}}` of the templates ("onze helpdesk"). */
  helpdesk: string;
  /** The reset mail's `{{verifiedBy}}`: how the session verified the caller ("telefonisch"). */
  verifiedBy: Record<Channel, string>;
  /** … for a session from before channels were kept: the helpdesk, no channel named. */
  verifiedAtHelpdesk: string;
  /**
   * The reset mail at a further address: which account it is about and why it came here; `{account}`
   * is the account's main address.
   */
  atFurtherAddress: string;
  /** The notices' `{{linkWent}}`: where the reset link went (the main address, or one further address). */
  linkWent: Record<'EMAIL' | 'FURTHER_ADDRESS', string>;
  /** The reset mail's and the notices' waiting period; `{availableAt}` is when the link opens. */
  waiting: string;
  /** The authenticator in the "2FA is on" mail, as "… turned on with {{method}}" ends. */
  enabledMethod: Record<'totp' | 'passkey', string>;
}

/** The notifier's templates; the email code's is apart (the admin API sends it and bundles only that one). */
export interface MailTemplates {
  /** Every mail to a customer but the guides. */
  mails: Record<SingleTemplateKind, TemplateSource>;
  /** The self-service guide after a triage, by the path the triage advised. */
  guides: Record<SelfServicePath, TemplateSource>;
  /** What the further addresses get for a reset: the notice, without the reset mail's links. */
  resetNotice: TemplateSource;
}
