// A verification started on a triage's advice names it, so the audit shows the path the call took:
// HELPDESK_TRIAGE_RECORDED (VERIFY) → VERIFICATION_STARTED with the same triageId.
import { conflict, invalid } from '../errors';
import type { ReportedProblem } from './vocabulary';

/** A triage is the call in progress for this long; a verification started later cannot name it. */
export const TRIAGE_LINK_MINUTES = 60;

interface StoredTriage {
  triageId: string;
  at: string;
  advice: 'SELF_SERVICE' | 'VERIFY';
  reportedProblem: string;
}

const isCurrent = (stored: StoredTriage, now: Date) =>
  now.getTime() - Date.parse(stored.at) <= TRIAGE_LINK_MINUTES * 60_000;

const advisedSelfService = () =>
  conflict(
    'TRIAGE_ADVISED_SELF_SERVICE',
    'The triage sent this caller to self-service; a verification (and a reset) is not needed. If self-service did not work, record the triage again.',
  );

/**
 * A start that names no triage is refused while the call's triage (the customer's newest of the last
 * hour) advised self-service: otherwise leaving the triageId out would skip the advice it gave.
 */
export const assertNoSelfServiceAdvice = (stored: StoredTriage | undefined, now: Date) => {
  if (stored && stored.advice === 'SELF_SERVICE' && isCurrent(stored, now)) throw advisedSelfService();
};

/**
 * The report the session carries when it names a triage: the triage's own. Refused: a triage that is
 * not this customer's newest, is older than the call, advised self-service, or disagrees on the report.
 */
export const reportOfLinkedTriage = (
  stored: StoredTriage | undefined,
  request: { triageId: string; reportedProblem?: ReportedProblem },
  now: Date,
): ReportedProblem => {
  if (!stored || stored.triageId !== request.triageId || !isCurrent(stored, now))
    throw conflict(
      'TRIAGE_NOT_CURRENT',
      `That triage is not this customer's newest of the last ${TRIAGE_LINK_MINUTES} minutes; record the triage again.`,
    );
  if (stored.advice !== 'VERIFY') throw advisedSelfService();
  if (request.reportedProblem !== undefined && request.reportedProblem !== stored.reportedProblem)
    throw invalid('TRIAGE_REPORT_DIFFERS', 'The reported problem differs from the one in the triage.');
  return stored.reportedProblem as ReportedProblem;
};
