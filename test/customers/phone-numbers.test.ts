// What the helpdesk sees of a number on file, and what the sync accepts as one.
import { customerRecordSchema } from '../../lib/customers/schemas';
import { maskPhoneNumber } from '../../lib/customers/phone-numbers';

const record = (phoneNumbers: unknown) => ({
  email: 'jan@example.nl',
  fullName: 'Jan de Vries',
  locale: 'nl',
  chargePointIds: [],
  phoneNumbers,
});

describe('a masked number', () => {
  it('keeps the country code’s first digits and the last two, whatever the length', () => {
    expect(maskPhoneNumber('+31612345678')).toBe('+31 •••• •••78');
    expect(maskPhoneNumber('+12025550143')).toBe('+12 •••• •••43');
    expect(maskPhoneNumber('+3212345')).toBe('+32 •••45');
    expect(maskPhoneNumber('+491511234567890')).toBe('+49 •••• •••• •••90');
  });
  it('never holds more than four of the number’s digits', () => {
    for (const number of ['+31612345678', '+491511234567890', '+3212345'])
      expect(maskPhoneNumber(number).replace(/\D/g, '')).toHaveLength(4);
  });
});

describe('phoneNumbers in the sync schema', () => {
  it('accepts up to two E.164 numbers, the shortest and the longest', () => {
    for (const numbers of [[], ['+3212345'], ['+31612345678', '+491511234567890']])
      expect(customerRecordSchema.safeParse(record(numbers)).success).toBe(true);
  });
  it('refuses a third number, a national, spaced, dashed, too short or too long number', () => {
    for (const numbers of [
      ['+31612345678', '+31201234567', '+32475001122'],
      ['0612345678'],
      ['+31 6 12345678'],
      ['+31-6-12345678'],
      ['+31612345678 '],
      ['+0612345678'],
      ['+321234'],
      ['+4915112345678901'],
      ['+31６12345678'],
    ])
      expect({ numbers, ok: customerRecordSchema.safeParse(record(numbers)).success }).toEqual({
        numbers,
        ok: false,
      });
  });
});
