// Printing a case record: the record holds personal data (name, email, notes), so who printed which
// case and when is itself audited (CASE_RECORD_PRINTED) before the console lets the page be printed.
// Only those who may read the session print it (./access.ts). One person's prints of one case within
// a minute are one event: a reload, a double click or a reopened print dialog is the same print.
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { commitWithAudit } from '../audit/store';
import { dynamoDb, tableName, type TransactItem } from '../aws/dynamodb';
import { epochSeconds, type Clock, type Random } from '../clock';
import { requireCustomer } from '../customers/store';
import { conflict } from '../errors';
import type { SessionReader } from './access';
import { requireVisibleVerification } from './reads';

export type Printer = SessionReader;

/** Prints of one case by one person this close together are one audit event. */
export const PRINT_WINDOW_SECONDS = 60;

/**
 * The last recorded print of a case by a person: an item in the idempotency table (its answer is
 * replayed within the window). It holds ids only; TTL removes it, but the time decides, not TTL.
 */
interface PrintMarker {
  idempotencyKey: string;
  customerId: string;
  printedAt: string;
  auditEventId: string;
  expiresAtEpoch: number;
}

const markerKey = (printerId: string, verificationId: string) =>
  `case-record-print#${printerId}#${verificationId}`;

const windowStart = (now: Date) => new Date(now.getTime() - PRINT_WINDOW_SECONDS * 1000).toISOString();

const printWithinWindow = async (key: string, now: Date): Promise<PrintMarker | undefined> => {
  const result = await dynamoDb().send(
    new GetCommand({
      TableName: tableName('idempotency'),
      Key: { idempotencyKey: key },
      ConsistentRead: true,
    }),
  );
  const marker = result.Item as PrintMarker | undefined;
  return marker && marker.printedAt > windowStart(now) ? marker : undefined;
};

/** Claims the window: fails if this person's last print of the case is younger than a minute. */
const claimPrint = (marker: PrintMarker): TransactItem => ({
  Put: {
    TableName: tableName('idempotency'),
    Item: marker,
    ConditionExpression: 'attribute_not_exists(idempotencyKey) OR printedAt <= :windowStart',
    ExpressionAttributeValues: { ':windowStart': windowStart(new Date(marker.printedAt)) },
  },
});

/** A parallel print by the same person won the window. */
class PrintedMeanwhile extends Error {}

/** The audit's actorType has no security officer: an officer acts as `admin`, the role in the details. */
const printerRole = (printer: Printer) =>
  printer.groups.includes('admin') ? 'admin' : printer.groups.includes('security') ? 'security' : 'agent';

export const recordCaseRecordPrinted = async (
  request: { verificationId: string; staff: Printer },
  deps: { clock: Clock; random: Random },
) => {
  const verification = await requireVisibleVerification(request.verificationId, request.staff);
  // An erased customer has no record left to print (404 ERASED, as everywhere else).
  await requireCustomer(verification.customerId);
  const answer = (marker: Pick<PrintMarker, 'auditEventId' | 'printedAt'>) => ({
    auditEventId: marker.auditEventId,
    printedBy: request.staff.id,
    printedAt: marker.printedAt,
    caseNumber: verification.caseNumber ?? null,
  });
  const key = markerKey(request.staff.id, verification.verificationId);
  const earlier = await printWithinWindow(key, deps.clock.now());
  if (earlier) return answer(earlier);

  const role = printerRole(request.staff);
  // The event and its marker carry one time, so a print folded into it answers the event's own time.
  let at = deps.clock.now();
  try {
    const { events } = await commitWithAudit(
      verification.customerId,
      { random: deps.random, clock: { now: () => at } },
      async (append) => {
        at = deps.clock.now();
        const event = append({
          type: 'CASE_RECORD_PRINTED',
          actorType: role === 'agent' ? 'agent' : 'admin',
          actorId: request.staff.id,
          customerId: verification.customerId,
          caseId: verification.verificationId,
          details: {
            verificationId: verification.verificationId,
            caseNumber: verification.caseNumber ?? null,
            ...(role === 'security' ? { actorRole: 'security' } : {}),
          },
        });
        const marker: PrintMarker = {
          idempotencyKey: key,
          customerId: verification.customerId,
          printedAt: at.toISOString(),
          auditEventId: event.eventId,
          expiresAtEpoch: epochSeconds(at) + PRINT_WINDOW_SECONDS + 3600,
        };
        return { writes: [claimPrint(marker)], result: marker, onConflict: () => new PrintedMeanwhile() };
      },
    );
    const event = events[0];
    if (!event) throw new Error('the print was not recorded');
    return answer({ auditEventId: event.eventId, printedAt: event.at });
  } catch (error) {
    if (!(error instanceof PrintedMeanwhile)) throw error;
    const winner = await printWithinWindow(key, deps.clock.now());
    if (winner) return answer(winner);
    throw conflict('CONCURRENT_CHANGE', 'The print could not be recorded; try again.');
  }
};
