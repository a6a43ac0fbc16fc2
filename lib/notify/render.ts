// Renders email templates: files a non-developer can edit (`templates/<name>/<locale>.txt|html`), with
// {{name}} placeholders that are HTML-escaped in the HTML part. A missing variable is an error, not "".
import type { MailLocale } from '../locales';
import { formatAmsterdamDateTime } from './date-format';
import type { TemplateSource } from './mail-language';
import { mailWords } from './mail-languages';
import layout from './templates/layout.html';

export type { TemplateSource };

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export const escapeHtml = (value: string) =>
  value.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char,
  );

/**
 * One pass over the template: a value once put in is never read again for placeholders, so a name
 * that holds "{{x}}" is mailed as written instead of failing the mail (or filling in another value).
 */
const fill = (template: string, variables: Record<string, string>, escape: (value: string) => string) =>
  template.replace(/\{\{\{(\w+)\}\}\}|\{\{(\w+)\}\}/g, (_, raw?: string, escaped?: string) => {
    const name = raw ?? escaped ?? '';
    const value = variables[name];
    if (value === undefined) throw new Error(`template variable ${name} is missing`);
    return raw === undefined ? escape(value) : value;
  });

export const renderEmail = (
  source: TemplateSource,
  locale: MailLocale,
  variables: Record<string, string>,
): RenderedEmail => {
  const [firstLine = '', ...rest] = source.text.split('\n');
  const subjectMatch = /^Subject:\s*(.+)$/.exec(firstLine);
  if (!subjectMatch?.[1]) throw new Error('a text template starts with "Subject: …"');
  const subject = fill(subjectMatch[1], variables, (value) => value).replace(/[\r\n]+/g, ' ');
  const text = fill(rest.join('\n').replace(/^\n+/, ''), variables, (value) => value);
  const content = fill(source.html, variables, escapeHtml);
  const html = fill(layout, { locale, subject, content }, escapeHtml);
  return { subject, text, html };
};

/** Dates in emails read the way the customer's locale writes them, in the operator's time zone. */
export const formatDateTime = (at: Date | string, locale: MailLocale) =>
  `${formatAmsterdamDateTime(new Date(at), mailWords[locale])} (${mailWords[locale].timeZone})`;
