// Every mail language's words and templates, by the list in lib/locales.ts: a language added there is a
// tsc error here until its file (lib/notify/languages/<locale>.ts, a MailLanguage) is written and named.
import type { MailLocale } from '../locales';
import type { MailLanguage } from './mail-language';
import { en } from './languages/en';
import { nl } from './languages/nl';

export const mailLanguages: Record<MailLocale, MailLanguage> = { nl, en };
