// Demo customers for the local stack: loaded on first start so the helpdesk flow can be tried at once.
// Two of them have 2FA on, enrolled through the same functions the enrollment page calls.
import type { Clock, Random } from '../lib/clock';
import type { CustomerRecord } from '../lib/customers/schemas';
import { confirmEnrollment, startEnrollment } from '../lib/enrollment/enrollment';
import { issueTicket } from '../lib/tickets/store';
import { base32Decode } from '../lib/totp/base32';
import { totpAt } from '../lib/totp/totp';

export interface DemoCustomer {
  customerId: string;
  record: CustomerRecord;
  /** Enrolled with an authenticator when the demo data is loaded, so a reset can be tried on them. */
  twoFactorEnabled?: boolean;
}

export const demoCustomers: DemoCustomer[] = [
  {
    customerId: 'cust-1001',
    twoFactorEnabled: true,
    record: {
      email: 'jan.devries@voltpark.nl',
      fullName: 'Jan de Vries',
      companyName: 'VoltPark B.V.',
      companyInfo: 'KvK 81234567, Utrecht',
      locale: 'nl',
      lastLoginAt: '2026-11-20T08:14:00Z',
      chargePointIds: ['NL-VPK-00017', 'NL-VPK-00018', 'NL-VPK-00019'],
      lastTransaction: { at: '2026-11-19T17:42:00Z', chargePointId: 'NL-VPK-00018', amountCents: 1845 },
    },
  },
  {
    customerId: 'cust-1002',
    record: {
      email: 'emile.dhondt@laadplein.be',
      fullName: "Émile D'Hondt",
      companyName: 'Laadplein',
      companyInfo: 'BE 0712.345.678, Gent',
      locale: 'nl',
      lastLoginAt: '2026-11-18T12:01:00Z',
      chargePointIds: ['BE-LDP-0420'],
      lastTransaction: { at: '2026-11-17T09:30:00Z', chargePointId: 'BE-LDP-0420', amountCents: 960 },
    },
  },
  {
    customerId: 'cust-1003',
    twoFactorEnabled: true,
    record: {
      email: 'sarah.oconnor@greenfleet.co.uk',
      fullName: "Sarah O'Connor",
      companyName: 'GreenFleet Ltd',
      companyInfo: 'Company no. 09876543, Bristol',
      locale: 'en',
      privileged: true,
      lastLoginAt: '2026-11-22T19:45:00Z',
      chargePointIds: ['GB-GFL-1001', 'GB-GFL-1002'],
      lastTransaction: { at: '2026-11-22T07:05:00Z', chargePointId: 'GB-GFL-1002', amountCents: 2350 },
    },
  },
  {
    customerId: 'cust-1004',
    record: {
      email: 'p.bakker@example.nl',
      fullName: 'Pieter Bakker',
      locale: 'nl',
      chargePointIds: ['NL-HOME-7781'],
      lastTransaction: { at: '2026-11-10T21:12:00Z', chargePointId: 'NL-HOME-7781', amountCents: 1220 },
    },
  },
];

export interface DemoAuthenticator {
  customerId: string;
  otpauthUri: string;
  backupCodes: string[];
}

/**
 * Enrolls a demo customer as a customer would: a ticket, start, and a confirm with the current code.
 * The result holds the secret; the local stack keeps it in .data/ (never printed, never committed).
 */
export const enrollDemoAuthenticator = async (
  customerId: string,
  deps: { clock: Clock; random: Random },
): Promise<DemoAuthenticator> => {
  const { ticket } = await issueTicket(
    { customerId, purpose: 'SELF_SERVICE', actor: { type: 'system', id: 'local-demo-data' } },
    deps,
  );
  const started = await startEnrollment(ticket, deps);
  const code = totpAt(base32Decode(started.secret), deps.clock.now());
  const { backupCodes } = await confirmEnrollment(ticket, code, deps);
  return { customerId, otpauthUri: started.otpauthUri, backupCodes };
};
