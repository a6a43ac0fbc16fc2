// The local stack's staff accounts: who can sign in to the console in `npm start` and the browser
// tests, and in which Cognito groups. Distinct people, so the separation-of-duties rules (verifier ≠
// disabler ≠ approver, officer ≠ verifier) can be walked through; `lead-kim` holds two roles on purpose.
import type { StaffGroup } from '../lib/staff/groups';

export interface LocalStaffMember {
  username: string;
  name: string;
  email: string;
  groups: readonly StaffGroup[];
}

export const localStaff = [
  { username: 'agent-bram', name: 'Bram Visser', email: 'bram@helpdesk.local', groups: ['helpdesk'] },
  { username: 'agent-cees', name: 'Cees Bakker', email: 'cees@helpdesk.local', groups: ['helpdesk'] },
  { username: 'agent-dora', name: 'Dora Smit', email: 'dora@helpdesk.local', groups: ['helpdesk'] },
  { username: 'agent-erik', name: 'Erik Mulder', email: 'erik@helpdesk.local', groups: ['helpdesk'] },
  { username: 'admin-anna', name: 'Anna de Boer', email: 'anna@helpdesk.local', groups: ['admin'] },
  { username: 'admin-bob', name: 'Bob Meijer', email: 'bob@helpdesk.local', groups: ['admin'] },
  { username: 'admin-frits', name: 'Frits de Groot', email: 'frits@helpdesk.local', groups: ['admin'] },
  {
    username: 'officer-fatima',
    name: 'Fatima El Amrani',
    email: 'fatima@security.local',
    groups: ['security'],
  },
  { username: 'officer-gijs', name: 'Gijs Hendriks', email: 'gijs@security.local', groups: ['security'] },
  { username: 'lead-kim', name: 'Kim Peters', email: 'kim@helpdesk.local', groups: ['helpdesk', 'admin'] },
] as const satisfies readonly LocalStaffMember[];

export type LocalStaffUsername = (typeof localStaff)[number]['username'];

export const localStaffMember = (username: LocalStaffUsername): LocalStaffMember => {
  const member = localStaff.find((candidate) => candidate.username === username);
  if (!member) throw new Error(`no local staff member ${username}`);
  return member;
};
