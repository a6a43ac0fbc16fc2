// Compares what a caller said with the customer's records. Pure: the answer and the record go in,
// MATCH / INCOMPLETE / MISMATCH / NOT_ON_FILE comes out; the stored truth never leaves this function.
// Tolerant of how honest people say things (apostrophes, legal forms, Dutch dates and amounts), strict
// on how many things they say: one claim per answer, so a list of guesses is a wrong answer, not a search.
// INCOMPLETE: every part the caller said is right, but too few parts to match ("ask for more"); any
// wrong part makes the whole answer a MISMATCH, so the result never says which part was wrong.
import { foldAnswer, normalizeChargePointId, normalizeEmail, normalizeText } from '../customers/normalize';
import type { CustomerItem } from '../customers/customer';
import type { CheckResult, CheckType } from './schemas';

/** Calendar days are judged in the operator's time zone: "I logged in on Tuesday" means Dutch Tuesday. */
export const OPERATOR_TIME_ZONE = 'Europe/Amsterdam';

const dayInOperatorZone = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: OPERATOR_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));

/** A day as the caller said it; the year is optional ("19 november", "19-11"). */
export interface SaidDay {
  year?: number;
  month: number;
  day: number;
}

const monthNames: Record<string, number> = {
  jan: 1,
  januari: 1,
  january: 1,
  feb: 2,
  februari: 2,
  february: 2,
  mrt: 3,
  maart: 3,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  mei: 5,
  may: 5,
  jun: 6,
  juni: 6,
  june: 6,
  jul: 7,
  juli: 7,
  july: 7,
  aug: 8,
  augustus: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  okt: 10,
  oct: 10,
  oktober: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const validDay = (year: number | undefined, month: number, day: number) => {
  const date = new Date(Date.UTC(year ?? 2024, month - 1, day)); // 2024: a leap year, so 29-02 exists
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/**
 * Every day in the text: "2026-11-19", "19-11-2026", "19/11", "19.11.2026", "19 november",
 * "19 nov 2026". A dotted day needs its year ("18.05" is an amount). `rest` is the text without them.
 */
export const parseDays = (text: string): { days: SaidDay[]; rest: string } => {
  const days: SaidDay[] = [];
  let rest = normalizeText(text);
  const take = (pattern: RegExp, read: (match: RegExpExecArray) => SaidDay | undefined) => {
    rest = rest.replace(pattern, (...args: unknown[]) => {
      const match = args.slice(0, -2) as unknown as RegExpExecArray;
      const said = read(match);
      if (!said || !validDay(said.year, said.month, said.day)) return String(match[0]);
      days.push(said);
      return ' ';
    });
  };
  take(/\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g, (m) => ({
    year: +String(m[1]),
    month: +String(m[2]),
    day: +String(m[3]),
  }));
  take(/\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b/g, (m) => ({
    year: +String(m[3]),
    month: +String(m[2]),
    day: +String(m[1]),
  }));
  take(/\b(\d{1,2})[-/](\d{1,2})(?:[-/](\d{4}))?\b/g, (m) => ({
    ...(m[3] ? { year: +m[3] } : {}),
    month: +String(m[2]),
    day: +String(m[1]),
  }));
  take(/\b(\d{1,2})\s+([a-z]{3,9})\.?(?:\s+(\d{4}))?\b/g, (m) => {
    const month = monthNames[String(m[2])];
    return month ? { ...(m[3] ? { year: +m[3] } : {}), month, day: +String(m[1]) } : undefined;
  });
  return { days, rest };
};

/** The one day in the text as "YYYY-MM-DD" (year required); undefined when there is none or more. */
export const parseDay = (text: string): { day: string; rest: string } | undefined => {
  const { days, rest } = parseDays(text);
  const [said] = days;
  if (days.length !== 1 || !said || said.year === undefined) return undefined;
  return {
    day: `${String(said.year).padStart(4, '0')}-${String(said.month).padStart(2, '0')}-${String(said.day).padStart(2, '0')}`,
    rest,
  };
};

const sameDay = (said: SaidDay, iso: string) => {
  const [year, month, day] = dayInOperatorZone(iso).split('-').map(Number);
  return said.month === month && said.day === day && (said.year === undefined || said.year === year);
};

/** Every amount in the text, in cents: "18,45", "€ 18.45", "EUR 18", "18 euro 45", "18,45 euro". */
export const parseAmounts = (text: string): number[] => {
  const amounts: number[] = [];
  const rest = normalizeText(text).replace(
    /\b(\d{1,7})\s*(?:euro|eur)\s+(\d{1,2})\b/g,
    (_, euros: string, cents: string) => {
      amounts.push(Number(euros) * 100 + Number(cents.padEnd(2, '0')));
      return ' ';
    },
  );
  for (const match of rest.matchAll(/(\d{1,7})(?:[.,](\d{1,2}))?(?!\d)/g))
    amounts.push(Number(match[1]) * 100 + (match[2] === undefined ? 0 : Number(match[2].padEnd(2, '0'))));
  return amounts;
};

/** The one amount in the text; undefined when there is none. */
export const parseAmountCents = (text: string): number | undefined => parseAmounts(text)[0];

/** A list of charge-point ids as people say or paste them: separated by commas, semicolons, "en"/"and" or new lines. */
export const parseChargePointIds = (text: string): string[] =>
  text
    .split(/[,;\n]+|\s+(?:en|and|&)\s+/i)
    .map((part) => normalizeChargePointId(part))
    .filter((part) => part.length > 0);

export interface ChargePointRule {
  /** How many ids a caller must name when they manage more (all of them when they manage fewer). */
  minimumNamed: number;
}

/** What comparing one answer can come to; the session decides whether a MISMATCH counts yet (answers.ts). */
export type Comparison = Exclude<CheckResult, 'MISMATCH_UNCONFIRMED' | 'UNKNOWN'>;

const foldedWords = (value: string) => foldAnswer(value).split(' ').filter(Boolean);

/** Whether `joined` spells some of `words`, in their order, but not all of them ("Sarah" of "Sarah O'Connor"). */
const spellsSomeOf = (joined: string, words: string[]) => {
  // Names have a handful of words; a longer record is compared whole only.
  if (joined === '' || words.length > 8) return false;
  for (let mask = 1; mask < 2 ** words.length - 1; mask += 1)
    if (words.filter((_, index) => mask & (2 ** index)).join('') === joined) return true;
  return false;
};

/**
 * Names compare folded (foldAnswer) and without spaces, so "sarah oconnor", "Sarah O’Connor" and
 * "O Connor" spelled apart are the name on file. Some of its words and nothing else ("Sarah",
 * "Jan Vries" for "Jan de Vries") is INCOMPLETE: ask for the full name.
 */
export const compareName = (given: string, onFile: string | undefined): Comparison => {
  if (onFile === undefined || onFile.trim() === '') return 'NOT_ON_FILE';
  const said = foldedWords(given).join('');
  const record = foldedWords(onFile);
  if (said === record.join('')) return 'MATCH';
  return spellsSomeOf(said, record) ? 'INCOMPLETE' : 'MISMATCH';
};

/** Dutch and common legal forms: "VoltPark" is the company "VoltPark B.V." as callers say it. */
const legalForms = ['bv', 'nv', 'vof', 'cv', 'bvba', 'srl', 'sa', 'gmbh', 'ltd', 'inc'];

/** The name without its legal form, and the form if one was said. */
const companyParts = (value: string) => {
  const words = foldAnswer(value)
    .replace(/[.]/g, '')
    .split(/[^\p{L}\p{N}&]+/u)
    .filter(Boolean);
  const form =
    words.length > 1 && legalForms.includes(words[words.length - 1] ?? '') ? words.pop() : undefined;
  return { core: words.join(''), form };
};

/** With or without the legal form; but "N.V." for a B.V. is another company. */
export const compareCompanyName = (given: string, onFile: string | undefined): Comparison => {
  if (onFile === undefined || onFile.trim() === '') return 'NOT_ON_FILE';
  const said = companyParts(given);
  const record = companyParts(onFile);
  return said.core === record.core && (said.form === undefined || said.form === record.form)
    ? 'MATCH'
    : 'MISMATCH';
};

/**
 * Charge points compare as sets: every id named must be one of the customer's, and the caller must
 * name at least `minimumNamed` of them (or all, if they have fewer); fewer, all theirs, is INCOMPLETE.
 * Naming one wrong id is a mismatch.
 */
export const compareChargePoints = (given: string, onFile: string[], rule: ChargePointRule): Comparison => {
  if (onFile.length === 0) return 'NOT_ON_FILE';
  const known = new Set(onFile.map(normalizeChargePointId));
  const named = new Set(parseChargePointIds(given));
  if (named.size === 0 || named.size > known.size) return 'MISMATCH';
  for (const id of named) if (!known.has(id)) return 'MISMATCH';
  return named.size >= Math.min(rule.minimumNamed, known.size) ? 'MATCH' : 'INCOMPLETE';
};

/**
 * A transaction has three parts: its day, its amount (to the cent) and its charge point. It matches by
 * its one day and either its amount or its charge point. Any part said wrong is a MISMATCH (more than
 * one day or amount counts as wrong); right parts that do not yet match (the day alone, the amount
 * alone) are INCOMPLETE.
 */
export const compareTransaction = (given: string, onFile: CustomerItem['lastTransaction']): Comparison => {
  if (!onFile) return 'NOT_ON_FILE';
  const { days, rest } = parseDays(given);
  const [said] = days;
  if (days.length > 1) return 'MISMATCH';
  const chargePoint = normalizeChargePointId(onFile.chargePointId);
  // Commas stay inside words: "18,45" is an amount, not two numbers.
  const words = rest.split(/[\s;]+/).filter(Boolean);
  const isChargePoint = (word: string) => normalizeChargePointId(word.replace(/,$/, '')) === chargePoint;
  const namesChargePoint = words.some(isChargePoint);
  // Anything else with digits in it (another charge point, a second amount) reads as an amount: a claim.
  const amounts = parseAmounts(words.filter((word) => !isChargePoint(word)).join(' '));
  if (amounts.length > 1) return 'MISMATCH';
  const [amount] = amounts;
  const dayRight = said === undefined ? undefined : sameDay(said, onFile.at);
  const amountRight = amount === undefined ? undefined : amount === onFile.amountCents;
  if (dayRight === false || amountRight === false) return 'MISMATCH';
  if (dayRight && (amountRight || namesChargePoint)) return 'MATCH';
  return dayRight || amountRight || namesChargePoint ? 'INCOMPLETE' : 'MISMATCH';
};

/** The runs of digits in the text, with dots, spaces and dashes inside a number closed up ("0712.345.678"). */
const digitRuns = (text: string): string[] => foldAnswer(text).replace(/[.\s]/g, '').match(/\d+/g) ?? [];

/** Words that label a part of company information rather than being one ("KvK-nummer", "vestiging"). */
const companyInfoLabels = new Set(
  [
    'kvk kvknummer btw btwnummer vat nr no nummer number registratie registratienummer registration',
    'chamber of commerce company ondernemingsnummer handelsregister vestiging vestigingsplaats branch',
    'location locatie plaats city kantoor hoofdkantoor office headquarters adres address in te is op en and',
    'the de het',
  ]
    .join(' ')
    .split(' '),
);

/**
 * The words of company information that are neither numbers nor labels, joined: the place ("Gent",
 * "Den Haag"). A short word right before a number is its country prefix ("BE 0712.345.678").
 */
const placeOf = (text: string) => {
  const words = foldAnswer(text.replace(/\./g, ''))
    .split(/[\s,;:()]+/)
    .filter(Boolean);
  const hasDigit = (word: string | undefined) => word !== undefined && /\d/.test(word);
  return words
    .filter(
      (word, index) =>
        !hasDigit(word) && !companyInfoLabels.has(word) && !(word.length <= 2 && hasDigit(words[index + 1])),
    )
    .join('');
};

/**
 * Company information has parts: its registration numbers (KvK, VAT, company number: any run of 6+
 * digits), which is what callers actually know, and its places (the record's parts without a
 * number: "Utrecht" of "KvK 81234567, Utrecht"). It matches when the text is the same, or when the
 * caller gives a registration number on file and nothing wrong; the right place alone is INCOMPLETE
 * (ask for the number). A number not on file or another place is a MISMATCH, and naming more numbers
 * than the record holds is a list of guesses, not an answer.
 */
export const compareCompanyInfo = (given: string, onFile: string | undefined): Comparison => {
  if (onFile === undefined || onFile.trim() === '') return 'NOT_ON_FILE';
  const alnum = (value: string) => foldAnswer(value).replace(/[^\p{L}\p{N}]+/gu, '');
  if (alnum(given) === alnum(onFile)) return 'MATCH';
  const recordRuns = digitRuns(onFile);
  const saidRuns = digitRuns(given);
  const registrationNumbers = (runs: string[]) => new Set(runs.filter((run) => run.length >= 6));
  const named = registrationNumbers(saidRuns);
  if (named.size > registrationNumbers(recordRuns).size || !saidRuns.every((run) => recordRuns.includes(run)))
    return 'MISMATCH';
  const places = onFile
    .split(/[,;\n]+/)
    .filter((part) => !/\d/.test(part))
    .map(placeOf)
    .filter(Boolean);
  const place = placeOf(given);
  if (place !== '' && !places.includes(place)) return 'MISMATCH';
  if (named.size > 0) return 'MATCH';
  return place === '' ? 'MISMATCH' : 'INCOMPLETE';
};

export const compareLastLogin = (given: string, lastLoginAt: string | undefined): Comparison => {
  if (!lastLoginAt) return 'NOT_ON_FILE';
  const { days } = parseDays(given);
  const [said] = days;
  return days.length === 1 && said && sameDay(said, lastLoginAt) ? 'MATCH' : 'MISMATCH';
};

/** Knowledge checks; EMAIL_CODE is judged separately against the code that was emailed. */
export const compareKnowledgeAnswer = (
  type: Exclude<CheckType, 'EMAIL_CODE'>,
  answer: string,
  customer: CustomerItem,
  rule: ChargePointRule = { minimumNamed: 1 },
): Comparison => {
  switch (type) {
    case 'FULL_NAME':
      return compareName(answer, customer.fullName);
    case 'EMAIL':
      return normalizeEmail(answer) === customer.emailKey ? 'MATCH' : 'MISMATCH';
    case 'COMPANY_NAME':
      return compareCompanyName(answer, customer.companyName);
    case 'LAST_LOGIN_DATE':
      return compareLastLogin(answer, customer.lastLoginAt);
    case 'CHARGE_POINT_IDS':
      return compareChargePoints(answer, customer.chargePointIds, rule);
    case 'LAST_TRANSACTION':
      return compareTransaction(answer, customer.lastTransaction);
    case 'COMPANY_INFO':
      return compareCompanyInfo(answer, customer.companyInfo);
  }
};
