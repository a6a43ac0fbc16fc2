// The business metrics vocabulary as plain data: the functions emit these names, the CDK alarms and
// dashboard read them, so the two cannot drift apart. Imported by CDK, so nothing here loads at runtime.

/** CloudWatch namespace of every business metric (EMF). */
export const metricsNamespace = 'MfaRecovery';
/** The only dimension: the service. No customer, agent or ticket id ever becomes a dimension. */
export const metricsService = 'mfa-recovery';

export const businessMetrics = [
  'TriagesSelfService',
  'TriagesVerify',
  'VerificationsStarted',
  'VerificationsPassed',
  'VerificationsFailed',
  'EmailCodesSent',
  'DisablesDirect',
  'DisablesApproved',
  'DisablesRejected',
  'ApprovalsPending',
  'ResetEmailsSent',
  'ResetEmailsFailed',
  'ResetEmailsBounced',
  'NotificationsSent',
  'NotificationsFailed',
  'NotificationsBounced',
  'EmailComplaints',
  'UntrackedMailFeedback',
  'Enrollments',
  'SelfServiceReplacements',
  'BackupCodesRenewed',
  'LoginVerifyOk',
  'LoginVerifyFailed',
  'LoginVerifyReplayed',
  'LoginVerifyLocked',
  'Lockouts',
  'BackupCodesUsed',
  'UnauthorizedResetReports',
  'LockReleases',
  'NotificationsReconciled',
  'OutboxBacklog',
  'AuditExportsFailed',
  'AuditDigestsWritten',
] as const;

export type BusinessMetric = (typeof businessMetrics)[number];

/**
 * Staff actions that move a customer towards a reset: each is also logged as one JSON line with the
 * staff member's id, which the Contributor Insights rules rank (one agent doing many resets is the
 * helpdesk-attack pattern), because an id must never be a metric dimension.
 */
export const recoveryActionLog = {
  message: 'recovery action',
  actionField: 'recoveryAction',
  staffField: 'staffId',
} as const;

export const rankedRecoveryActions = {
  disables: ['DisablesDirect', 'DisablesApproved'],
  passedVerifications: ['VerificationsPassed'],
} as const satisfies Record<string, readonly BusinessMetric[]>;
