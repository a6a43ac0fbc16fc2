// Phone numbers on file: the only numbers a security officer calls back on before releasing a lock or
// resetting the recovery limits (never one the caller gives). Officers read them in full; everyone
// else on staff sees only the last two digits, enough to say "we call you on the number ending 78".
import * as z from '../schema';

/** At most this many numbers per customer (mobile and landline). */
export const MAX_PHONE_NUMBERS = 2;

/** E.164: a plus, a country code that does not start with 0, 7 to 15 digits in all; no spaces. */
export const phoneNumberSchema = z
  .string()
  .check(z.regex(/^\+[1-9][0-9]{6,14}$/, 'a phone number is E.164: "+" and 7-15 digits, no spaces'));

export const phoneNumbersSchema = z
  .array(phoneNumberSchema)
  .check(z.maxLength(MAX_PHONE_NUMBERS, `at most ${MAX_PHONE_NUMBERS} phone numbers`));

/** The same number twice is one number: the login service may send it as mobile and as landline. */
export const distinctPhoneNumbers = (numbers: readonly string[] | undefined) =>
  numbers ? [...new Set(numbers)] : undefined;

/** "+31 •••• •••78": the country code's first digits and the last two, the rest hidden. */
export const maskPhoneNumber = (number: string) => {
  const digits = number.slice(1);
  const hidden = '•'.repeat(Math.max(digits.length - 4, 0)).replace(/(.{4})(?=.)/g, '$1 ');
  return `+${digits.slice(0, 2)} ${hidden}${digits.slice(-2)}`;
};
