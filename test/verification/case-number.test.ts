// Case numbers: the format staff read out, Crockford's forgiving reading of what they type.
import { systemRandom, type Random } from '../../lib/clock';
import { newCaseNumber, parseCaseNumber } from '../../lib/verification/case-number';

const fixedBytes = (bytes: number[]): Random => ({ ...systemRandom, bytes: () => Buffer.from(bytes) });

describe('case numbers', () => {
  it('are HD-XXXX-XXXX in Crockford base32, 40 bits of randomness', () => {
    expect(newCaseNumber(fixedBytes([0, 0, 0, 0, 0]))).toBe('HD-0000-0000');
    expect(newCaseNumber(fixedBytes([255, 255, 255, 255, 255]))).toBe('HD-ZZZZ-ZZZZ');
    const many = new Set(Array.from({ length: 2000 }, () => newCaseNumber(systemRandom)));
    expect(many.size).toBe(2000);
    for (const number of many) expect(number).toMatch(/^HD-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('are found however they are typed: lower case, no hyphens, O for 0, I or L for 1', () => {
    expect(parseCaseNumber('hd-7k3q-9m2x')).toBe('HD-7K3Q-9M2X');
    expect(parseCaseNumber(' HD 7K3Q 9M2X ')).toBe('HD-7K3Q-9M2X');
    expect(parseCaseNumber('HD7K3Q9M2X')).toBe('HD-7K3Q-9M2X');
    expect(parseCaseNumber('HD-O0IL-1111')).toBe('HD-0011-1111');
  });

  it('are not guessed from names or other text', () => {
    expect(parseCaseNumber('Hendriks')).toBeUndefined();
    expect(parseCaseNumber('7K3Q9M2X')).toBeUndefined();
    expect(parseCaseNumber('HD-7K3Q-9M2')).toBeUndefined();
    expect(parseCaseNumber('HD-7K3Q-9M2U')).toBeUndefined();
    expect(parseCaseNumber('jan@voltpark.nl')).toBeUndefined();
  });
});
