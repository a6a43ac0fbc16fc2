// Every mail language's words and templates, by the list in lib/locales.ts: a language added there is a
// tsc error here until its file (lib/notify/languages/<locale>.ts) is written and named in each record.
// Three records, not one: a bundle takes only what it reads, so the admin API (the email code) carries
// the words and that one template, not every mail's.
import type { MailLocale } from '../locales';
import type { MailTemplates, MailWords, TemplateSource } from './mail-language';
import * as en from './languages/en';
import * as nl from './languages/nl';

export const mailWords: Record<MailLocale, MailWords> = { nl: nl.words, en: en.words };

export const mailTemplates: Record<MailLocale, MailTemplates> = { nl: nl.templates, en: en.templates };

export const emailCodeTemplates: Record<MailLocale, TemplateSource> = { nl: nl.emailCode, en: en.emailCode };
