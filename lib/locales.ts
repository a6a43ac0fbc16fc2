// The languages customers are served in, and the one fact each writes the same on every surface. A
// surface's words are one file per language (mails: lib/notify/languages/<locale>.ts, its words, templates
// and email code, collected in lib/notify/mail-languages.ts; the enrollment page: web/enroll/words/<lang>.ts,
// collected with its list in web/enroll/messages.ts), so a language added here makes tsc name the records
// still without it, then the new file names each word still missing (and test/notify/mail-languages.test.ts
// each template file).

/** The languages of the mails to customers: each customer mail is `lib/notify/templates/<mail>/<locale>.txt|html`. */
export const mailLocales = ['nl', 'en'] as const;
export type MailLocale = (typeof mailLocales)[number];

/**
 * The `{{helpdeskPhone}}` of the templates and of the enrollment page's "contact the helpdesk": the
 * operator's one number, written as a caller of that language dials it (from abroad: with +31). Here
 * and not in the config: it is text the customer reads, fixed per language like the helpdesk's name,
 * and the enrollment page (which has no config) imports it as a word.
 */
export const helpdeskPhones: Record<MailLocale, string> = {
  nl: '020 794 7700',
  en: '+31 20 794 7700',
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
