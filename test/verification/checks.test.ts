// How the server compares what a caller says with the records, as the manual's checks need it.
import {
  compareKnowledgeAnswer,
  parseAmountCents,
  parseAmounts,
  parseDay,
  parseDays,
} from '../../lib/verification/checks';
import type { CustomerItem } from '../../lib/customers/customer';

const customer = {
  customerId: 'c-1',
  email: 'Emile.DHondt@Laadplein.be',
  emailKey: 'emile.dhondt@laadplein.be',
  fullName: "Émile D'Hondt",
  companyName: 'Laadplein',
  companyInfo: 'BE 0712.345.678, Gent',
  locale: 'nl',
  privileged: false,
  lastLoginAt: '2026-11-18T23:30:00Z',
  chargePointIds: ['BE-LDP-0420', 'BE-LDP-0421', 'BE-LDP-0422'],
  lastTransaction: { at: '2026-11-17T09:30:00Z', chargePointId: 'BE-LDP-0420', amountCents: 960 },
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  twoFactor: 'ENABLED',
  version: 1,
} as CustomerItem;

describe('comparing answers with the records', () => {
  it('ignores case, spacing and accents in names', () => {
    expect(compareKnowledgeAnswer('FULL_NAME', "  emile   d'hondt", customer)).toBe('MATCH');
    expect(compareKnowledgeAnswer('FULL_NAME', 'Emile Dupont', customer)).toBe('MISMATCH');
    expect(compareKnowledgeAnswer('EMAIL', 'EMILE.dhondt@laadplein.BE ', customer)).toBe('MATCH');
    expect(compareKnowledgeAnswer('COMPANY_NAME', 'laadplein', customer)).toBe('MATCH');
  });

  it('judges the last login by the Dutch calendar day, in ISO or Dutch notation', () => {
    // 23:30 UTC on the 18th is already the 19th in Amsterdam.
    expect(compareKnowledgeAnswer('LAST_LOGIN_DATE', '19-11-2026', customer)).toBe('MATCH');
    expect(compareKnowledgeAnswer('LAST_LOGIN_DATE', '2026-11-18', customer)).toBe('MISMATCH');
    expect(compareKnowledgeAnswer('LAST_LOGIN_DATE', 'last week', customer)).toBe('MISMATCH');
  });

  it('compares charge points as sets: all named must be theirs, at least as many as the rule asks', () => {
    const two = { minimumNamed: 2 };
    expect(compareKnowledgeAnswer('CHARGE_POINT_IDS', 'be-ldp-0421 en BE LDP 0420', customer, two)).toBe(
      'MATCH',
    );
    expect(compareKnowledgeAnswer('CHARGE_POINT_IDS', 'BE-LDP-0420', customer, two)).toBe('MISMATCH');
    expect(compareKnowledgeAnswer('CHARGE_POINT_IDS', 'BE-LDP-0420', customer)).toBe('MATCH');
    expect(compareKnowledgeAnswer('CHARGE_POINT_IDS', 'BE-LDP-0420, BE-LDP-9999', customer)).toBe('MISMATCH');
    const single = { ...customer, chargePointIds: ['NL-1'] } as CustomerItem;
    expect(compareKnowledgeAnswer('CHARGE_POINT_IDS', 'nl-1', single)).toBe('MATCH');
  });

  it('matches a transaction by its day and its amount or charge point', () => {
    expect(compareKnowledgeAnswer('LAST_TRANSACTION', '17-11-2026 €9,60', customer)).toBe('MATCH');
    expect(compareKnowledgeAnswer('LAST_TRANSACTION', '2026-11-17 at BE-LDP-0420', customer)).toBe('MATCH');
    expect(compareKnowledgeAnswer('LAST_TRANSACTION', '2026-11-17 BE-LDP-0420 €12', customer)).toBe(
      'MISMATCH',
    );
    expect(compareKnowledgeAnswer('LAST_TRANSACTION', '2026-11-16 €9,60', customer)).toBe('MISMATCH');
    expect(compareKnowledgeAnswer('LAST_TRANSACTION', '2026-11-17', customer)).toBe('MISMATCH');
  });

  it('accepts the registration number as company information', () => {
    expect(compareKnowledgeAnswer('COMPANY_INFO', 'ondernemingsnummer 0712 345 678', customer)).toBe('MATCH');
    expect(compareKnowledgeAnswer('COMPANY_INFO', 'Gent', customer)).toBe('MISMATCH');
  });

  it('says NOT_ON_FILE where the record has nothing to compare with', () => {
    const bare = {
      ...customer,
      companyName: undefined,
      companyInfo: undefined,
      lastLoginAt: undefined,
      lastTransaction: undefined,
      chargePointIds: [],
    } as CustomerItem;
    for (const type of [
      'COMPANY_NAME',
      'COMPANY_INFO',
      'LAST_LOGIN_DATE',
      'LAST_TRANSACTION',
      'CHARGE_POINT_IDS',
    ] as const)
      expect(compareKnowledgeAnswer(type, 'anything 2026-01-01', bare)).toBe('NOT_ON_FILE');
  });

  it('accepts what an honest caller says: the company without its legal form, Dutch dates and amounts', () => {
    const voltpark = { ...customer, companyName: 'VoltPark B.V.' } as CustomerItem;
    for (const said of ['VoltPark', 'voltpark bv', 'VoltPark B.V.', 'Voltpark b.v'])
      expect(compareKnowledgeAnswer('COMPANY_NAME', said, voltpark)).toBe('MATCH');
    expect(compareKnowledgeAnswer('COMPANY_NAME', 'VoltPark N.V.', voltpark)).toBe('MISMATCH');
    expect(compareKnowledgeAnswer('COMPANY_NAME', 'Park', voltpark)).toBe('MISMATCH');
    for (const said of [
      '17 november, 9,60 euro',
      '17-11 € 9.60',
      '17 nov 2026 9 euro 60',
      '17/11 BE-LDP-0420',
    ])
      expect([said, compareKnowledgeAnswer('LAST_TRANSACTION', said, customer)]).toEqual([said, 'MATCH']);
    for (const said of ['19 november', '19-11', '19 nov 2026', '19.11.2026'])
      expect([said, compareKnowledgeAnswer('LAST_LOGIN_DATE', said, customer)]).toEqual([said, 'MATCH']);
    expect(compareKnowledgeAnswer('LAST_LOGIN_DATE', '19 november 2025', customer)).toBe('MISMATCH');
  });

  it('takes one claim per answer: a list of guesses is a mismatch', () => {
    expect(compareKnowledgeAnswer('LAST_LOGIN_DATE', '18-11 of 19-11', customer)).toBe('MISMATCH');
    expect(compareKnowledgeAnswer('LAST_TRANSACTION', '17-11-2026 €9,60 €9,70', customer)).toBe('MISMATCH');
    expect(compareKnowledgeAnswer('LAST_TRANSACTION', '16-11 17-11 €9,60', customer)).toBe('MISMATCH');
    expect(
      compareKnowledgeAnswer(
        'CHARGE_POINT_IDS',
        'BE-LDP-0420, BE-LDP-0421, BE-LDP-0422, BE-LDP-0423',
        customer,
      ),
    ).toBe('MISMATCH');
    const numbers = Array.from({ length: 50 }, (_, index) => `0712345${String(650 + index)}`).join(' ');
    expect(numbers).toContain('0712345678');
    expect(compareKnowledgeAnswer('COMPANY_INFO', numbers, customer)).toBe('MISMATCH');
  });

  it('parses the dates and amounts people say', () => {
    expect(parseDay('31/12/2026')?.day).toBe('2026-12-31');
    expect(parseDay('31-02-2026')).toBeUndefined();
    expect(parseAmountCents('EUR 18')).toBe(1800);
    expect(parseAmountCents('€ 18,5')).toBe(1850);
    expect(parseAmounts('18 euro 45')).toEqual([1845]);
    expect(parseAmounts('€ 18.45')).toEqual([1845]);
    expect(parseDays('19 nov').days).toEqual([{ month: 11, day: 19 }]);
    expect(parseDays('30 februari').days).toEqual([]);
  });
});
