// The name a new phone's app entry gets in replace mode: told apart from every earlier entry of the
// account, the same on a reload, and readable as an otpauth label.
import type { CustomerItem } from '../../lib/customers/customer';
import { appAccountName } from '../../lib/enrollment/app-entry';
import { otpauthUri } from '../../lib/totp/key-uri';

const customer = (at: Partial<CustomerItem>): CustomerItem =>
  ({ customerId: 'c', email: 'anna@voltpark.nl', version: 1, ...at }) as CustomerItem;

describe('the app entry’s account name', () => {
  it('is the address alone for a first enrollment and an addition', () => {
    const anna = customer({ twoFactorEnabledAt: '2026-12-07T08:00:00.000Z' });
    expect(appAccountName(anna, 'ENROLL', '2026-12-07T08:10:00.000Z')).toBe('anna@voltpark.nl');
    expect(appAccountName(anna, 'ADD', '2026-12-07T08:10:00.000Z')).toBe('anna@voltpark.nl');
  });

  it('carries the Dutch date in replace mode, the day the new entry was made', () => {
    const anna = customer({ twoFactorEnabledAt: '2026-11-02T10:00:00.000Z' });
    // 23:30 UTC on 6 December is 00:30 on 7 December in Amsterdam.
    expect(appAccountName(anna, 'REPLACE', '2026-12-06T23:30:00.000Z')).toBe('anna@voltpark.nl, 2026-12-07');
  });

  it('adds the time when the app in use was set up the same day, and the seconds in the same minute', () => {
    const sameDay = customer({
      twoFactorEnabledAt: '2026-10-01T10:00:00.000Z',
      authenticatorReplacedAt: '2026-12-07T07:05:00.000Z',
    });
    expect(appAccountName(sameDay, 'REPLACE', '2026-12-07T08:14:09.000Z')).toBe(
      'anna@voltpark.nl, 2026-12-07 09.14',
    );
    const sameMinute = customer({ twoFactorEnabledAt: '2026-12-07T08:14:01.000Z' });
    expect(appAccountName(sameMinute, 'REPLACE', '2026-12-07T08:14:09.000Z')).toBe(
      'anna@voltpark.nl, 2026-12-07 09.14.09',
    );
  });

  it('is a label an app reads back whole: no colon of its own, the comma and space encoded', () => {
    const name = appAccountName(
      customer({ twoFactorEnabledAt: '2026-12-07T07:00:00.000Z' }),
      'REPLACE',
      '2026-12-07T08:14:09.000Z',
    );
    expect(name).not.toContain(':');
    const uri = new URL(otpauthUri({ issuer: 'Cube', accountName: name, secret: Buffer.alloc(20, 1) }));
    expect(decodeURIComponent(uri.pathname)).toBe(`/Cube:${name}`);
  });
});
