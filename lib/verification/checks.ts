// Compares what a caller said with the customer's records. Pure: the answer and the record go in,
// MATCH / MISMATCH / NOT_ON_FILE comes out; the stored truth never leaves this function.
import { normalizeChargePointId, normalizeEmail, normalizeText } from '../customers/normalize';
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

/** "2026-11-19", "19-11-2026", "19/11/2026", "19.11.2026" → "2026-11-19"; undefined when there is no date. */
export const parseDay = (text: string): { day: string; rest: string } | undefined => {
  const iso = /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/.exec(text);
  const dutch = /\b(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\b/.exec(text);
  const match = iso ?? dutch;
  if (!match) return undefined;
  const [year, month, day] = iso ? [iso[1], iso[2], iso[3]] : [dutch?.[3], dutch?.[2], dutch?.[1]];
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return undefined;
  return {
    day: `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
    rest: text.replace(match[0], ' '),
  };
};

/** "€ 18,45", "18.45", "EUR 18" → 1845 / 1800 cents. */
export const parseAmountCents = (text: string): number | undefined => {
  const match = /(?:€|eur\b)?\s*(\d{1,7})(?:[.,](\d{1,2}))?(?!\d)/i.exec(text);
  if (!match) return undefined;
  const euros = Number(match[1]);
  const cents = match[2] === undefined ? 0 : Number(match[2].padEnd(2, '0'));
  return euros * 100 + cents;
};

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

const compareText = (given: string, onFile: string | undefined): CheckResult =>
  onFile === undefined || onFile.trim() === ''
    ? 'NOT_ON_FILE'
    : normalizeText(given) === normalizeText(onFile)
      ? 'MATCH'
      : 'MISMATCH';

/**
 * Charge points compare as sets: every id named must be one of the customer's, and the caller must
 * name at least `minimumNamed` of them (or all, if they have fewer). Naming one wrong id is a mismatch.
 */
export const compareChargePoints = (given: string, onFile: string[], rule: ChargePointRule): CheckResult => {
  if (onFile.length === 0) return 'NOT_ON_FILE';
  const known = new Set(onFile.map(normalizeChargePointId));
  const named = new Set(parseChargePointIds(given));
  if (named.size === 0) return 'MISMATCH';
  for (const id of named) if (!known.has(id)) return 'MISMATCH';
  return named.size >= Math.min(rule.minimumNamed, known.size) ? 'MATCH' : 'MISMATCH';
};

/** A transaction matches by its day and by either its amount (to the cent) or its charge point. */
export const compareTransaction = (given: string, onFile: CustomerItem['lastTransaction']): CheckResult => {
  if (!onFile) return 'NOT_ON_FILE';
  const parsedDay = parseDay(given);
  if (!parsedDay || parsedDay.day !== dayInOperatorZone(onFile.at)) return 'MISMATCH';
  const chargePoint = normalizeChargePointId(onFile.chargePointId);
  // Commas stay inside words: "18,45" is an amount, not two numbers.
  const words = parsedDay.rest.split(/[\s;]+/).filter(Boolean);
  const isChargePoint = (word: string) => normalizeChargePointId(word.replace(/,$/, '')) === chargePoint;
  const namesChargePoint = words.some(isChargePoint);
  const amount = parseAmountCents(words.filter((word) => !isChargePoint(word)).join(' '));
  // A wrong amount is a wrong answer even when the charge point is right.
  if (amount !== undefined && amount !== onFile.amountCents) return 'MISMATCH';
  return namesChargePoint || amount === onFile.amountCents ? 'MATCH' : 'MISMATCH';
};

/**
 * Company information matches when the text is the same, or when the caller gives the registration
 * number on file (KvK, VAT, company number: any run of 6+ digits), which is what callers actually know.
 */
export const compareCompanyInfo = (given: string, onFile: string | undefined): CheckResult => {
  if (onFile === undefined || onFile.trim() === '') return 'NOT_ON_FILE';
  const alnum = (value: string) => normalizeText(value).replace(/[^\p{L}\p{N}]+/gu, '');
  if (alnum(given) === alnum(onFile)) return 'MATCH';
  const registrationNumbers = (normalizeText(onFile)
    .replace(/[.\s]/g, '')
    .match(/\d{6,}/g) ?? []) as string[];
  const givenDigits =
    normalizeText(given)
      .replace(/[.\s]/g, '')
      .match(/\d{6,}/g) ?? [];
  return registrationNumbers.length > 0 && givenDigits.some((digits) => registrationNumbers.includes(digits))
    ? 'MATCH'
    : 'MISMATCH';
};

export const compareLastLogin = (given: string, lastLoginAt: string | undefined): CheckResult => {
  if (!lastLoginAt) return 'NOT_ON_FILE';
  const parsed = parseDay(given);
  return parsed && parsed.day === dayInOperatorZone(lastLoginAt) ? 'MATCH' : 'MISMATCH';
};

/** Knowledge checks; EMAIL_CODE is judged separately against the code that was emailed. */
export const compareKnowledgeAnswer = (
  type: Exclude<CheckType, 'EMAIL_CODE'>,
  answer: string,
  customer: CustomerItem,
  rule: ChargePointRule = { minimumNamed: 2 },
): CheckResult => {
  switch (type) {
    case 'FULL_NAME':
      return compareText(answer, customer.fullName);
    case 'EMAIL':
      return normalizeEmail(answer) === customer.emailKey ? 'MATCH' : 'MISMATCH';
    case 'COMPANY_NAME':
      return compareText(answer, customer.companyName);
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
