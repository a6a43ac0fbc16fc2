// The enrollment page's languages and its words: one list, and one file per language
// (web/enroll/words/<lang>.ts, every key of the page: the steps' words, the language's name on the switch,
// how it writes dates). A language added to the list is a tsc error here until its file is written and
// named below; the file is then checked key by key against the Dutch one.
import type { MailLocale } from '../../lib/locales';
import type { Dictionary } from '../shared/i18n';
import { en } from './words/en';
import { nl, type EnrollWords } from './words/nl';

/**
 * The languages of the enrollment page, the first its fallback. It speaks the customer's language on
 * record once the link's status names it (unless the customer switched), before that the browser's. They
 * are mail languages: the customer came from a mail, and the page dials the helpdesk as lib/locales.ts
 * writes its number for that language.
 */
export const enrollLanguages = ['nl', 'en'] as const satisfies readonly MailLocale[];
export type EnrollLang = (typeof enrollLanguages)[number];

/**
 * And every mail language: a customer mailed in theirs opens the link in it. A mail language added in
 * lib/locales.ts is a tsc error here, naming it, until the list above has it.
 */
export const pageSpeaksEveryMailLanguage: [Exclude<MailLocale, EnrollLang>] extends [never]
  ? true
  : { missingFromThePage: Exclude<MailLocale, EnrollLang> } = true;

export type MessageKey = keyof EnrollWords;

export const messages: Dictionary<MessageKey, EnrollLang> = { nl, en };

export const isMessageKey = (key: string): key is MessageKey => key in nl;

/** Refusals about the link itself: each gets a page of its own instead of an inline error. */
export const ticketErrorCodes = [
  'TICKET_UNKNOWN',
  'TICKET_EXPIRED',
  'TICKET_SPENT',
  'TICKET_VOIDED',
  'RECOVERY_LOCKED',
  'LOGIN_REQUIRED',
  'TWO_FA_ALREADY_ENABLED',
] as const;
export type TicketErrorCode = (typeof ticketErrorCodes)[number];
