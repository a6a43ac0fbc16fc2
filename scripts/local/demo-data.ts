// Demo customers for the local stack: loaded on first start so the helpdesk flow can be tried at once.
import type { CustomerRecord } from '../../lib/customers/schemas';

export interface DemoCustomer {
  customerId: string;
  record: CustomerRecord;
}

export const demoCustomers: DemoCustomer[] = [
  {
    customerId: 'cust-1001',
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
