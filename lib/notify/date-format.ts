// Dates in mails, written without Intl for the mail languages and the operator's time zone: a process's
// first Intl.DateTimeFormat loads ICU's locale and time-zone data, about 25 ms of CPU and 100 ms of wall
// time at the notifier's cold start, for two month lists and one summer-time rule. The output is Intl's
// own, checked against Intl for every mail language over many instants (test/notify/date-format.test.ts),
// so a Node whose ICU writes it differently fails that test rather than the mails drifting.
import type { MailWords } from './mail-language';

/** What a language's dates need: its Intl locale, its long date's shape and months, the word before the time. */
export type DateWords = Pick<MailWords, 'dateTag' | 'longDate' | 'months' | 'at'>;

/** 01:00 UTC on the last Sunday of a month (0-based): when EU summer time starts or ends. */
const lastSundayAtOneUtc = (year: number, month: number) => {
  const lastDay = new Date(Date.UTC(year, month + 1, 0, 1));
  return lastDay.getTime() - lastDay.getUTCDay() * 86_400_000;
};

// The EU rule (Directive 2000/84/EC, the same dates since 1996); outside these years Intl decides.
const FIRST_RULE_YEAR = 1996;
const LAST_CHECKED_YEAR = 2099;

/**
 * Europe/Amsterdam's offset from UTC in hours: 2 from the last Sunday of March to the last Sunday of
 * October (01:00 UTC each), else 1; undefined for a year the rule is not known to hold for.
 */
export const amsterdamOffsetHours = (at: Date): 1 | 2 | undefined => {
  const year = at.getUTCFullYear();
  if (year < FIRST_RULE_YEAR || year > LAST_CHECKED_YEAR) return undefined;
  const time = at.getTime();
  return time >= lastSundayAtOneUtc(year, 2) && time < lastSundayAtOneUtc(year, 9) ? 2 : 1;
};

const twoDigits = (value: number) => String(value).padStart(2, '0');

/**
 * "7 december 2026 om 09:00" / "7 December 2026 at 09:00": Intl's long date and short time in
 * Europe/Amsterdam for `words.dateTag`, without loading ICU's data for it when the year is one the rule holds for.
 */
export const formatAmsterdamDateTime = (at: Date, words: DateWords): string => {
  const offset = amsterdamOffsetHours(at);
  if (offset === undefined)
    return new Intl.DateTimeFormat(words.dateTag, {
      dateStyle: 'long',
      timeStyle: 'short',
      timeZone: 'Europe/Amsterdam',
    }).format(at);
  const local = new Date(at.getTime() + offset * 3_600_000);
  const date = words.longDate
    .replace('{day}', String(local.getUTCDate()))
    .replace('{month}', words.months[local.getUTCMonth()] ?? '')
    .replace('{year}', String(local.getUTCFullYear()));
  return `${date}${words.at}${twoDigits(local.getUTCHours())}:${twoDigits(local.getUTCMinutes())}`;
};
