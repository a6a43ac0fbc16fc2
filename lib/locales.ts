// The languages customers are served in: one list per surface, and what a mail language writes outside
// its templates. Every text of a surface is a `Record<its locale, …>`, so a language added to a list
// makes tsc name each text still missing (and test/notify/mail-languages.test.ts each template file).
// The enrollment page follows the customer's language from its link's status answer (else the browser);
// its list is in web/enroll/messages.ts.

/** The languages of the mails to customers: each customer mail is `lib/notify/templates/<mail>/<locale>.txt|html`. */
export const mailLocales = ['nl', 'en'] as const;
export type MailLocale = (typeof mailLocales)[number];

/** What each mail language writes outside its templates. */
interface MailWording {
  /** How a date and time read (Intl), in the operator's time zone ... */
  dateTag: string;
  /** ... which the date names after it, in brackets. */
  timeZone: string;
  /** The `{{helpdesk}}` of the templates. */
  helpdesk: string;
  /**
   * The `{{helpdeskPhone}}` of the templates and of the enrollment page's "contact the helpdesk": the
   * operator's one number, written as a caller of that language dials it (from abroad: with +31). Here
   * and not in the config: it is text the customer reads, fixed per language like the helpdesk's name,
   * and the enrollment page (which has no config) imports it as a word.
   */
  helpdeskPhone: string;
}

export const mailWording: Record<MailLocale, MailWording> = {
  nl: {
    dateTag: 'nl-NL',
    timeZone: 'Nederlandse tijd',
    helpdesk: 'onze helpdesk',
    helpdeskPhone: '020 794 7700',
  },
  en: {
    dateTag: 'en-GB',
    timeZone: 'Amsterdam time',
    helpdesk: 'our helpdesk',
    helpdeskPhone: '+31 20 794 7700',
  },
};

/**
 * The customer's language on their record (`locale` in the login service's sync): a language the
 * customer can be served in. What follows it is the mails, so it is exactly the mail languages; a
 * sync with any other value is refused (400), never mailed in a language we picked for them.
 */
export const customerLocales = mailLocales;
export type CustomerLocale = MailLocale;

export const isMailLocale = (value: unknown): value is MailLocale =>
  (mailLocales as readonly unknown[]).includes(value);
