// The triage's outcome is a business metric: self-service advised (a reset avoided if followed) or
// verification advised; the dashboard graphs them next to the disables.
import { metricOf } from '../../lib/business-metrics/business-metrics';

const triage = (advice: string) => ({
  type: 'HELPDESK_TRIAGE_RECORDED' as const,
  actorType: 'agent' as const,
  actorId: 'agent-bram',
  details: { advice, reportedProblem: 'NEW_PHONE' },
});

it('counts a triage by its advice', () => {
  expect(metricOf(triage('SELF_SERVICE'))).toBe('TriagesSelfService');
  expect(metricOf(triage('VERIFY'))).toBe('TriagesVerify');
});
