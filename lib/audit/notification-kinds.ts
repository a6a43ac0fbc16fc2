// The mails an audit event can call for: the notifier's templates are keyed by them (lib/audit/outbox.ts).
export const notificationKinds = [
  'RESET',
  'ENABLED',
  'LOCKED',
  'BACKUP_CODE_USED',
  'LAST_BACKUP_CODE',
  'AUTHENTICATOR_REPLACED',
  'AUTHENTICATOR_ADDED',
  'PASSKEY_REMOVED',
  'BACKUP_CODES_RENEWED',
  'SECURITY_ALERT',
  'SECURITY_REVIEW',
  'LOCK_RELEASED',
  'LIMITS_RESET',
  'SELF_SERVICE_GUIDE',
  'REPORT_RECEIVED',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];
