// Enrollment tickets as the customer meets them: a long random link, which works once, until it
// expires, and only while it is the newest one.
import { createHash } from 'node:crypto';
import { fixedClock, systemRandom } from '../../lib/clock';
import { resetConfigForTests } from '../../lib/config';
import { tables } from '../../lib/data/tables';
import {
  enrollmentEmailLink,
  enrollmentUrl,
  hashTicket,
  newTicket,
  ticketRefusal,
  ticketState,
  ticketUnknown,
  type TicketItem,
} from '../../lib/tickets/ticket';

const useEnvironment = (extra: Record<string, string>) => {
  for (const table of Object.values(tables)) process.env[table.envVar] = `test-${table.baseName}`;
  Object.assign(process.env, {
    PUBLIC_BASE_URL: 'https://recovery.example.com/',
    SENDER_EMAIL: 'no-reply@example.com',
    SECURITY_ALERT_EMAIL: 'security@example.com',
    SECRET_KEY_SOURCE: 'local',
    LOCAL_SECRET_KEY: Buffer.alloc(32, 7).toString('base64'),
    ...extra,
  });
  resetConfigForTests();
};
afterEach(() => {
  delete process.env.ENROLL_LINK_MODE;
  delete process.env.LOGIN_URL;
  resetConfigForTests();
});

describe('a new ticket', () => {
  it('is 256 random bits in 43 URL-safe characters, kept only as its SHA-256', () => {
    const { ticket, ticketHash } = newTicket(systemRandom);
    expect(ticket).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(ticket, 'base64url')).toHaveLength(32);
    expect(ticketHash).toBe(createHash('sha256').update(ticket).digest('hex'));
    expect(hashTicket(ticket)).toBe(ticketHash);
    expect(newTicket(systemRandom).ticket).not.toBe(ticket);
  });
});

describe('the state of a ticket', () => {
  const item: TicketItem = {
    ticketHash: 'h',
    customerId: 'c-1',
    purpose: 'RESET',
    createdAt: '2026-11-25T10:00:00.000Z',
    expiresAt: '2026-11-28T10:00:00.000Z',
    expiresAtEpoch: 1795860000,
  };

  it('is usable until the instant it expires', () => {
    expect(ticketState(item, fixedClock('2026-11-28T09:59:59.999Z'))).toBe('USABLE');
    expect(ticketState(item, fixedClock('2026-11-28T10:00:00.000Z'))).toBe('EXPIRED');
  });

  it('says spent or voided rather than expired when that is what happened', () => {
    const late = fixedClock('2026-12-01T00:00:00Z');
    expect(ticketState({ ...item, spentAt: '2026-11-25T10:05:00Z' }, late)).toBe('SPENT');
    expect(ticketState({ ...item, voidedAt: '2026-11-25T11:00:00Z' }, late)).toBe('VOIDED');
  });

  it('is refused with a distinct code per reason', () => {
    expect(ticketUnknown()).toMatchObject({ kind: 'NotFound', code: 'TICKET_UNKNOWN' });
    expect(ticketRefusal('EXPIRED')).toMatchObject({ kind: 'Gone', code: 'TICKET_EXPIRED' });
    expect(ticketRefusal('SPENT')).toMatchObject({ kind: 'Gone', code: 'TICKET_SPENT' });
    expect(ticketRefusal('VOIDED')).toMatchObject({ kind: 'Gone', code: 'TICKET_VOIDED' });
  });
});

describe('the link to the enrollment page', () => {
  it('carries the ticket only in the fragment, which browsers never send to a server', () => {
    useEnvironment({});
    const url = new URL(enrollmentUrl('abc_DEF-123'));
    expect(url.origin + url.pathname).toBe('https://recovery.example.com/enroll/');
    expect(url.search).toBe('');
    expect(url.hash).toBe('#ticket=abc_DEF-123');
  });

  it('is the enrollment page itself in the email in direct mode', () => {
    useEnvironment({});
    expect(enrollmentEmailLink('abc')).toBe('https://recovery.example.com/enroll/#ticket=abc');
  });

  it('is the backend login, without any ticket, in login mode', () => {
    useEnvironment({ ENROLL_LINK_MODE: 'login', LOGIN_URL: 'https://backend.example.com/login' });
    expect(enrollmentEmailLink('abc')).toBe('https://backend.example.com/login');
  });
});
