// Dates in mails are written by hand for the mail languages and Europe/Amsterdam (no ICU load at a
// cold start): whatever instant a mail names, the customer reads exactly what Intl would have written.
import { amsterdamOffsetHours, formatAmsterdamDateTime } from '../../lib/notify/date-format';
import { formatDateTime } from '../../lib/notify/render';
import { mailLocales } from '../../lib/locales';
import { mailWords } from '../../lib/notify/mail-languages';

const formatters = new Map<string, Intl.DateTimeFormat>();
const intl = (at: Date, dateTag: string) => {
  const formatter =
    formatters.get(dateTag) ??
    new Intl.DateTimeFormat(dateTag, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });
  formatters.set(dateTag, formatter);
  return formatter.format(at);
};

/** The instants whose text differs from Intl's, with both texts: empty when every one matches. */
const differences = (instants: Date[], locale: (typeof mailLocales)[number]) => {
  const { dateTag } = mailWords[locale];
  return instants.flatMap((at) => {
    const ours = formatAmsterdamDateTime(at, mailWords[locale]);
    const theirs = intl(at, dateTag);
    return ours === theirs ? [] : [{ at: at.toISOString(), ours, theirs }];
  });
};

/** The instants of the EU summer-time changes of a year (last Sunday of March and October, 01:00 UTC). */
const changesOf = (year: number) =>
  [2, 9].map((month) => {
    const last = new Date(Date.UTC(year, month + 1, 0, 1));
    return new Date(last.getTime() - last.getUTCDay() * 86_400_000);
  });

describe('dates in mails, written without Intl', () => {
  it.each(mailLocales)(
    '%s: the same text as Intl around every summer-time change from 1996 to 2099',
    (locale) => {
      const instants: Date[] = [];
      for (let year = 1996; year <= 2099; year += 1)
        for (const change of changesOf(year))
          // A second and a minute either side, and the hour either side: the hour that repeats or is skipped.
          for (const delta of [-3_600_000, -60_000, -1000, 0, 1000, 60_000, 3_599_000, 3_600_000])
            instants.push(new Date(change.getTime() + delta));
      expect(differences(instants, locale)).toEqual([]);
    },
  );

  it.each(mailLocales)('%s: the same text as Intl for 20,000 instants spread over 1996–2099', (locale) => {
    const from = Date.UTC(1996, 0, 1);
    const to = Date.UTC(2100, 0, 1) - 1;
    // A fixed pseudo-random walk, so a failure names the same instant on every run.
    let seed = 0x2f6b_1a3d;
    const instants = Array.from({ length: 20_000 }, () => {
      seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
      return new Date(from + Math.floor((seed / 2 ** 32) * (to - from)));
    });
    expect(differences(instants, locale)).toEqual([]);
  });

  it.each(mailLocales)(
    '%s: the first and last minutes of days, months and years (single-digit days, midnight, new year)',
    (locale) => {
      const instants: Date[] = [];
      for (const year of [1996, 2026, 2027, 2028, 2099])
        for (let month = 0; month < 12; month += 1)
          for (const day of [1, 9, 10, 28, 31])
            for (const [hour, minute] of [
              [-2, 0],
              [-1, 59],
              [0, 0],
              [22, 59],
              [23, 0],
              [23, 59],
            ] as const)
              instants.push(new Date(Date.UTC(year, month, day, hour, minute)));
      expect(differences(instants, locale)).toEqual([]);
    },
  );

  it('leaves a year the summer-time rule is not known to hold for to Intl', () => {
    for (const iso of ['1995-09-24T00:30:00Z', '1980-06-01T12:00:00Z', '2100-07-01T12:00:00Z']) {
      const at = new Date(iso);
      expect(amsterdamOffsetHours(at)).toBeUndefined();
      for (const locale of mailLocales)
        expect(formatAmsterdamDateTime(at, mailWords[locale])).toBe(intl(at, mailWords[locale].dateTag));
    }
  });

  it('builds no Intl formatter for a date the rule covers (no ICU data loaded at a cold start)', () => {
    const built = jest.spyOn(Intl, 'DateTimeFormat');
    try {
      for (const locale of mailLocales) formatDateTime('2026-12-07T08:00:00Z', locale);
      expect(built).not.toHaveBeenCalled();
    } finally {
      built.mockRestore();
    }
  });

  it('names the zone after the time in the mail', () => {
    expect(formatDateTime('2026-03-29T00:59:00Z', 'nl')).toBe('29 maart 2026 om 01:59 (Nederlandse tijd)');
    expect(formatDateTime('2026-03-29T01:00:00Z', 'nl')).toBe('29 maart 2026 om 03:00 (Nederlandse tijd)');
    expect(formatDateTime('2026-10-25T00:59:00Z', 'en')).toBe('25 October 2026 at 02:59 (Amsterdam time)');
    expect(formatDateTime('2026-10-25T01:00:00Z', 'en')).toBe('25 October 2026 at 02:00 (Amsterdam time)');
  });
});
