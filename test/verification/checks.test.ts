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
    // Right but too few: ask for another one.
    expect(compareKnowledgeAnswer('CHARGE_POINT_IDS', 'BE-LDP-0420', customer, two)).toBe('INCOMPLETE');
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
    expect(compareKnowledgeAnswer('LAST_TRANSACTION', '2026-11-17', customer)).toBe('INCOMPLETE');
  });

  it('accepts the registration number as company information; the place alone is incomplete', () => {
    expect(compareKnowledgeAnswer('COMPANY_INFO', 'ondernemingsnummer 0712 345 678', customer)).toBe('MATCH');
    expect(compareKnowledgeAnswer('COMPANY_INFO', 'BE 0712.345.678 vestiging Gent', customer)).toBe('MATCH');
    expect(compareKnowledgeAnswer('COMPANY_INFO', 'Gent', customer)).toBe('INCOMPLETE');
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

describe('honest slips: folded before comparing', () => {
  const sarah = { ...customer, fullName: "Sarah O'Connor" } as CustomerItem;

  it('takes a name however the apostrophe, hyphen, quote, space or accent came out', () => {
    for (const said of [
      'sarah oconnor',
      'Sarah O’Connor',
      'Sarah O‘Connor',
      'Sarah O Connor',
      'SARAH  O`CONNOR',
      'Sarah O\u00a0Connor',
      'Sárah Ó’Connor',
      'sarah o-connor',
      'Sarah O\u200bConnor',
    ])
      expect([said, compareKnowledgeAnswer('FULL_NAME', said, sarah)]).toEqual([said, 'MATCH']);
    const jeanLuc = { ...customer, fullName: 'Jean-Luc Müller-Lüdenscheidt' } as CustomerItem;
    for (const said of [
      'jean luc muller ludenscheidt',
      'Jean–Luc Müller—Lüdenscheidt',
      'jeanluc mullerludenscheidt',
    ])
      expect([said, compareKnowledgeAnswer('FULL_NAME', said, jeanLuc)]).toEqual([said, 'MATCH']);
    const strauss = { ...customer, fullName: 'Jørgen Strauß' } as CustomerItem;
    expect(compareKnowledgeAnswer('FULL_NAME', 'Jorgen Strauss', strauss)).toBe('MATCH');
  });

  it('folds company names the same way, and keeps their legal forms apart', () => {
    const oneill = { ...customer, companyName: "O'Neill Laadpalen B.V." } as CustomerItem;
    for (const said of ['oneill laadpalen', 'O’Neill-Laadpalen B.V.', 'O Neill Laadpalen bv'])
      expect([said, compareKnowledgeAnswer('COMPANY_NAME', said, oneill)]).toEqual([said, 'MATCH']);
    expect(compareKnowledgeAnswer('COMPANY_NAME', 'O’Neill Laadpalen N.V.', oneill)).toBe('MISMATCH');
  });

  it('says a name with some of its words and nothing else is incomplete, and another name a mismatch', () => {
    const jan = { ...customer, fullName: 'Jan de Vries' } as CustomerItem;
    expect(compareKnowledgeAnswer('FULL_NAME', 'Sarah', sarah)).toBe('INCOMPLETE');
    expect(compareKnowledgeAnswer('FULL_NAME', 'O’Connor', sarah)).toBe('INCOMPLETE');
    expect(compareKnowledgeAnswer('FULL_NAME', 'Jan Vries', jan)).toBe('INCOMPLETE');
    expect(compareKnowledgeAnswer('FULL_NAME', 'Sarah Connor', sarah)).toBe('MISMATCH');
    expect(compareKnowledgeAnswer('FULL_NAME', 'Sarah O’Connor Smith', sarah)).toBe('MISMATCH');
    expect(compareKnowledgeAnswer('FULL_NAME', 'Vries de Jan', jan)).toBe('MISMATCH');
  });
});

describe('partial answers: one correct part and none wrong is incomplete, any wrong part a mismatch', () => {
  it('takes the parts of the last transaction: day, amount, charge point', () => {
    const said = (answer: string) => compareKnowledgeAnswer('LAST_TRANSACTION', answer, customer);
    // The right day alone, the right amount alone, the right charge point alone: ask for more.
    for (const partial of ['17 november', '17-11-2026', '€ 9,60', 'BE-LDP-0420', '9 euro 60 bij BE-LDP-0420'])
      expect([partial, said(partial)]).toEqual([partial, 'INCOMPLETE']);
    // Any wrong part, even next to right ones: a mismatch, the same word whichever part it was.
    for (const wrong of [
      '16 november',
      '€ 9,70',
      'BE-LDP-0421',
      '17 november € 9,70',
      '16 november € 9,60',
      '17 november BE-LDP-0421',
      '17-11-2025',
      'gisteren',
    ])
      expect([wrong, said(wrong)]).toEqual([wrong, 'MISMATCH']);
  });

  it('takes the parts of company information: a registration number, a place', () => {
    const info = (answer: string) => compareKnowledgeAnswer('COMPANY_INFO', answer, customer);
    for (const partial of ['Gent', 'vestiging Gent', 'Vestiging: gent'])
      expect([partial, info(partial)]).toEqual([partial, 'INCOMPLETE']);
    for (const wrong of ['Antwerpen', '0712.345.679', 'BE 0712.345.678, Antwerpen', 'Gent 2019', 'vestiging'])
      expect([wrong, info(wrong)]).toEqual([wrong, 'MISMATCH']);
    const dutch = { ...customer, companyInfo: 'KvK 81234567, vestiging Den Haag' } as CustomerItem;
    expect(compareKnowledgeAnswer('COMPANY_INFO', 'den haag', dutch)).toBe('INCOMPLETE');
    expect(compareKnowledgeAnswer('COMPANY_INFO', 'KvK-nummer 81234567', dutch)).toBe('MATCH');
    expect(compareKnowledgeAnswer('COMPANY_INFO', '81234567 Den Haag', dutch)).toBe('MATCH');
    expect(compareKnowledgeAnswer('COMPANY_INFO', '81234567 Delft', dutch)).toBe('MISMATCH');
  });

  it('never makes an answer with nothing said right incomplete', () => {
    for (const type of ['FULL_NAME', 'COMPANY_INFO', 'LAST_TRANSACTION', 'CHARGE_POINT_IDS'] as const)
      for (const said of ['-', '’', 'weet ik niet', 'vestiging'])
        expect([type, said, compareKnowledgeAnswer(type, said, customer)]).toEqual([type, said, 'MISMATCH']);
  });
});
