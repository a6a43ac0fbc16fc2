// The transactional outbox: an audit event that calls for an email commits, in its own transaction,
// with a PENDING entry in the Notifications ledger. Which events call for which email, and the shape
// of that entry, live here beside the audit store that writes it; the notifier (lib/notify/ledger.ts)
// claims and settles the entries, and its templates are keyed by the kinds named here.
import { tableName, type TransactItem } from '../aws/dynamodb';
import { epochSeconds } from '../clock';
import { auditEvents, facetFor, type AuditItem } from './events';
import type { NotificationKind } from './notification-kinds';

export type { NotificationKind };

/** Which email an audit event calls for, if any (its declaration's `mail`): read by the audit store and by the notifier. */
export const notificationKindOf = (
  event: Pick<AuditItem, 'type' | 'details'>,
): NotificationKind | undefined => facetFor<NotificationKind>(auditEvents[event.type].mail, event);

export type LedgerStatus = 'PENDING' | 'SENDING' | 'SENT' | 'FAILED_RETRYABLE' | 'FAILED_PERMANENT';

export interface LedgerItem {
  eventId: string;
  customerId: string;
  kind: NotificationKind;
  status: LedgerStatus;
  attempts: number;
  /**
   * Where the audit event is: the reconciliation reads it back from there. Not named subject/seq: an
   * item with those is an audit event to `audit verify`, which recognises events by content.
   */
  auditSubject: string;
  auditSeq: number;
  /** The event's time; with pendingFlag, the key of the sparse `pending` index. */
  pendingSince: string;
  /** Present until the entry is settled (SENT or FAILED_PERMANENT). */
  pendingFlag?: typeof PENDING_FLAG;
  messageId?: string;
  /** When SES reported the message bounced, or a complaint about it (lib/bounces): once each. */
  bouncedAt?: string;
  complainedAt?: string;
  /** The last failure as a fixed code (ours, or the SES error's name) and SES's class of it. */
  errorCode?: string;
  errorClass?: string;
  /** SES's own text, written before the codes; removed by the next write, else gone with the TTL. */
  lastError?: string;
  updatedAt: string;
  expiresAtEpoch: number;
}

export const PENDING_FLAG = 'PENDING' as const;
export const PENDING_INDEX = 'pending';

export type LedgerEntry = Pick<AuditItem, 'eventId' | 'customerId' | 'subject' | 'seq' | 'at'> & {
  kind: NotificationKind;
};

/** The fields of an entry that is not settled yet: in the sparse `pending` index. */
export const unsettledFields = (event: LedgerEntry) => ({
  eventId: event.eventId,
  customerId: event.customerId,
  kind: event.kind,
  auditSubject: event.subject,
  auditSeq: event.seq,
  pendingSince: event.at,
  pendingFlag: PENDING_FLAG,
});

/** Long enough to outlive any stream redelivery (24 h) many times over. */
export const LEDGER_RETENTION_DAYS = 90;

export const ledgerExpiry = (now: Date) => epochSeconds(now) + LEDGER_RETENTION_DAYS * 86400;

/** The outbox marker, Put in the same transaction as the audit event that calls for the email. */
export const pendingMarker = (event: LedgerEntry, now: Date): TransactItem => ({
  Put: {
    TableName: tableName('notifications'),
    Item: {
      ...unsettledFields(event),
      status: 'PENDING',
      attempts: 0,
      updatedAt: now.toISOString(),
      expiresAtEpoch: ledgerExpiry(now),
    } satisfies LedgerItem,
    ConditionExpression: 'attribute_not_exists(eventId)',
  },
});

/**
 * The event outbox (lib/events/publications.ts claims and settles it): an audit event that changes the
 * customer's authentication state (its declaration's accountChange, ./events.ts) commits with a PENDING
 * EventPublications item.
 */
export type PublicationStatus = 'PENDING' | 'PUBLISHING' | 'PUBLISHED';

export interface PublicationItem {
  eventId: string;
  customerId: string;
  status: PublicationStatus;
  attempts: number;
  /** Where the audit event is: the reconciliation reads it back from there. */
  auditSubject: string;
  auditSeq: number;
  /** The event's time; with pendingFlag, the key of the sparse `unpublished` index. */
  pendingSince: string;
  /** Present until published. */
  pendingFlag?: typeof UNPUBLISHED_FLAG;
  /** The customer id, present until published: the sparse `unpublishedByCustomer` index. */
  unpublishedCustomer?: string;
  /** EventBridge's id of the published event. */
  busEventId?: string;
  publishedAt?: string;
  lastErrorCode?: string;
  updatedAt: string;
  expiresAtEpoch: number;
}

export const UNPUBLISHED_FLAG = 'PENDING' as const;

export type PublicationEvent = Pick<AuditItem, 'eventId' | 'customerId' | 'subject' | 'seq' | 'at'>;

/** The fields of a publication not made yet: in both sparse indexes. */
export const unpublishedFields = (event: PublicationEvent) => ({
  eventId: event.eventId,
  customerId: event.customerId,
  auditSubject: event.subject,
  auditSeq: event.seq,
  pendingSince: event.at,
  pendingFlag: UNPUBLISHED_FLAG,
  unpublishedCustomer: event.customerId,
});

/** The outbox marker, Put in the same transaction as the audit event it publishes. */
export const publicationMarker = (event: PublicationEvent, now: Date): TransactItem => ({
  Put: {
    TableName: tableName('eventPublications'),
    Item: {
      ...unpublishedFields(event),
      status: 'PENDING',
      attempts: 0,
      updatedAt: now.toISOString(),
      expiresAtEpoch: ledgerExpiry(now),
    } satisfies PublicationItem,
    ConditionExpression: 'attribute_not_exists(eventId)',
  },
});
