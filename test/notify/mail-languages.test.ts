// A language is a list entry plus its texts: every customer mail exists in every mail language
// (lib/locales.ts), so adding a language to the list names here each template file still to write.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mailLocales } from '../../lib/locales';
import { securityTeamLocale } from '../../lib/notify/templates';

const templatesDir = join(__dirname, '../../lib/notify/templates');
/** The security team's mails: to staff, in the team's one language (securityTeamTemplates). */
const securityTeamMails = ['security-alert', 'security-review'];

const mails = readdirSync(templatesDir, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);
const filesOf = (mail: string) => readdirSync(join(templatesDir, mail)).sort();
const filesIn = (locales: readonly string[]) =>
  locales.flatMap((locale) => [`${locale}.html`, `${locale}.txt`]).sort();

/** What a mail's folder lacks, and holds beyond, for `locales`: both empty when it is complete. */
const gaps = (mail: string, locales: readonly string[]) => {
  const files = filesOf(mail);
  const wanted = filesIn(locales);
  return {
    mail,
    missing: wanted.filter((file) => !files.includes(file)).map((file) => `${mail}/${file}`),
    inNoList: files.filter((file) => !wanted.includes(file)).map((file) => `${mail}/${file}`),
  };
};
const incomplete = (gap: ReturnType<typeof gaps>) => gap.missing.length > 0 || gap.inNoList.length > 0;

describe('the mail languages', () => {
  it('every customer mail is written in every mail language, and in no other', () => {
    const customerMails = mails.filter((mail) => !securityTeamMails.includes(mail));
    expect(customerMails.length).toBeGreaterThan(10);
    expect(customerMails.map((mail) => gaps(mail, mailLocales)).filter(incomplete)).toEqual([]);
  });

  it('no language is another one copied: each template differs from the same mail in every other language', () => {
    // A copied file passes the test above; a new language's texts must be written, not stubbed.
    const copies = mails.flatMap((mail) =>
      ['txt', 'html'].flatMap((kind) => {
        const texts = mailLocales
          .map((locale) => join(templatesDir, mail, `${locale}.${kind}`))
          .filter((file) => filesOf(mail).includes(file.split('/').at(-1) ?? ''))
          .map((file) => ({ file, text: readFileSync(file, 'utf8') }));
        return texts.flatMap((one, index) =>
          texts
            .slice(index + 1)
            .filter((other) => other.text === one.text)
            .map((other) => `${mail}: ${one.file.split('/').at(-1)} = ${other.file.split('/').at(-1)}`),
        );
      }),
    );
    expect(copies).toEqual([]);
  });

  it("the security team's mails are written in the team's language only", () => {
    expect(securityTeamMails.map((mail) => gaps(mail, [securityTeamLocale])).filter(incomplete)).toEqual([]);
  });
});
