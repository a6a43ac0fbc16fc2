// The languages customers are served in: one list per surface. Every text of a surface is a
// `Record<its locale, …>`, so a language added to a list makes tsc name each text still missing.
// The enrollment page follows the browser, not the record: its list is in web/enroll/messages.ts.

/** The languages of the mails to customers: each customer mail is `lib/notify/templates/<mail>/<locale>.txt|html`. */
export const mailLocales = ['nl', 'en'] as const;
export type MailLocale = (typeof mailLocales)[number];

/**
 * The customer's language on their record (`locale` in the login service's sync): a language the
 * customer can be served in. What follows it is the mails, so it is exactly the mail languages; a
 * sync with any other value is refused (400), never mailed in a language we picked for them.
 */
export const customerLocales = mailLocales;
export type CustomerLocale = MailLocale;

export const isMailLocale = (value: unknown): value is MailLocale =>
  (mailLocales as readonly unknown[]).includes(value);
