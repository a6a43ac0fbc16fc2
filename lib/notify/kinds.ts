// Which audit events call for an email, and which: read by the notifier and by the audit store, which
// writes the outbox marker of such an event in the same transaction as the event itself.
import type { AuditItem } from '../audit/events';
import type { NotificationKind } from './templates';

export const notificationKindOf = (
  event: Pick<AuditItem, 'type' | 'details'>,
): NotificationKind | undefined => {
  switch (event.type) {
    case 'TWO_FA_DISABLED':
    // A re-sent link is the reset email again, with a new ticket.
    case 'RESET_LINK_RESENT':
      return 'RESET';
    case 'TWO_FA_ENABLED':
      return 'ENABLED';
    case 'TWO_FA_LOCKED':
      return 'LOCKED';
    case 'BACKUP_CODE_USED':
      return Number(event.details.backupCodesLeft) === 1 ? 'LAST_BACKUP_CODE' : 'BACKUP_CODE_USED';
    case 'AUTHENTICATOR_REPLACED':
      return 'AUTHENTICATOR_REPLACED';
    case 'BACKUP_CODES_REGENERATED':
      return 'BACKUP_CODES_RENEWED';
    case 'UNAUTHORIZED_RESET_REPORTED':
      return 'SECURITY_ALERT';
    case 'RECOVERY_LOCK_RELEASED':
      return 'LOCK_RELEASED';
    // Only a self-service advice with the guide asked for; a VERIFY triage mails nothing.
    case 'HELPDESK_TRIAGE_RECORDED':
      return event.details.guideEmailed === true ? 'SELF_SERVICE_GUIDE' : undefined;
    case 'TWO_FA_DISABLE_PENDING_APPROVAL':
      return event.details.alertSecurity === true ? 'SECURITY_REVIEW' : undefined;
    default:
      return undefined;
  }
};
