// Printing a case record: the record holds personal data (name, email, notes), so who printed which
// case and when is itself audited (CASE_RECORD_PRINTED) before the console lets the page be printed.
import { commitWithAudit } from '../audit/store';
import type { Clock, Random } from '../clock';
import { requireCustomer } from '../customers/store';
import type { StaffGroup } from '../staff/groups';
import { requireVerification } from './reads';

export interface Printer {
  id: string;
  groups: readonly StaffGroup[];
}

export const recordCaseRecordPrinted = async (
  request: { verificationId: string; staff: Printer },
  deps: { clock: Clock; random: Random },
) => {
  const verification = await requireVerification(request.verificationId);
  // An erased customer has no record left to print (404 ERASED, as everywhere else).
  await requireCustomer(verification.customerId);
  const { events } = await commitWithAudit(verification.customerId, deps, async (append) => {
    append({
      type: 'CASE_RECORD_PRINTED',
      actorType: request.staff.groups.includes('admin') ? 'admin' : 'agent',
      actorId: request.staff.id,
      customerId: verification.customerId,
      caseId: verification.verificationId,
      details: {
        verificationId: verification.verificationId,
        caseNumber: verification.caseNumber ?? null,
      },
    });
    return { writes: [], result: undefined };
  });
  const event = events[0];
  if (!event) throw new Error('the print was not recorded');
  return {
    auditEventId: event.eventId,
    printedBy: event.actorId,
    printedAt: event.at,
    caseNumber: verification.caseNumber ?? null,
  };
};
