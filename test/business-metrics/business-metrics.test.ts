// Which metric an audit event counts towards: the distinctions the alarms depend on.
import { metricOf } from '../../lib/business-metrics/business-metrics';

const event = (type: Parameters<typeof metricOf>[0]['type'], details: Record<string, string> = {}) => ({
  type,
  details,
  actorType: 'admin' as const,
  actorId: 'admin-1',
});

it('tells a direct disable from one a second admin approved', () => {
  expect(metricOf(event('TWO_FA_DISABLED', { verificationId: 'v1' }))).toBe('DisablesDirect');
  expect(metricOf(event('TWO_FA_DISABLED', { verificationId: 'v1', approvalId: 'a1' }))).toBe(
    'DisablesApproved',
  );
  expect(metricOf(event('TWO_FA_DISABLE_PENDING_APPROVAL'))).toBe('ApprovalsPending');
});

it('tells a passed verification from a failed one, and counts a reset email apart from other mail', () => {
  expect(metricOf(event('VERIFICATION_COMPLETED', { outcome: 'PASSED' }))).toBe('VerificationsPassed');
  expect(metricOf(event('VERIFICATION_COMPLETED', { outcome: 'FAILED' }))).toBe('VerificationsFailed');
  expect(metricOf(event('RESET_EMAIL_FAILED'))).toBe('ResetEmailsFailed');
  expect(metricOf(event('NOTIFICATION_FAILED'))).toBe('NotificationsFailed');
});

it('counts nothing for a recorded check: its result is not a business outcome', () => {
  expect(metricOf(event('VERIFICATION_CHECK_RECORDED'))).toBeUndefined();
});
