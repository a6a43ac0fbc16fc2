// SES's bounce and complaint events, back on the customer: the outbox entry is found by the message's
// own tag (the audit event id the mail was sent for) and must name the same SES message id, so only a
// mail we sent and SES reported can mark a customer. One audit event per message and kind of feedback:
// a redelivered event finds the entry marked and changes nothing.
import type { AuditEventType } from '../audit/events';
import type { LedgerItem } from '../audit/outbox';
import { commitWithAudit } from '../audit/store';
import { tableName, type TransactItem } from '../aws/dynamodb';
import type { Clock, Random } from '../clock';
import { config } from '../config';
import { getCustomer } from '../customers/store';
import { getLedger } from '../notify/ledger';
import { NOTIFICATION_TAG } from '../notify/mailer';
import { reachesCustomer, type MailFeedbackMark } from './notice';
import { parseSesFeedback, sentWithConfigurationSet, type MailFeedback } from './ses-event';

export type FeedbackResult =
  /** Not SES's bounce or complaint of our configuration set: a forged or stray event. */
  | 'REFUSED'
  /**
   * A mail that names no outbox entry came back: the staff mail Cognito sends through our SES identity
   * (-c staffMailThroughSes) or an emailed verification code. No customer to mark; counted and logged.
   */
  | 'UNTRACKED'
  /** The tag names no entry that sent this message (an unknown entry, another message id): nothing to mark. */
  | 'UNKNOWN_MESSAGE'
  | 'ALREADY_RECORDED'
  | 'RECORDED';

/** The ledger field that marks the message as reported, one per kind of feedback. */
const markField = { bounce: 'bouncedAt', complaint: 'complainedAt' } as const;

const auditTypeOf = (
  entry: LedgerItem,
  feedback: MailFeedback,
): Extract<AuditEventType, 'EMAIL_COMPLAINT_RECEIVED' | 'RESET_EMAIL_BOUNCED' | 'NOTIFICATION_BOUNCED'> =>
  feedback.feedback === 'complaint'
    ? 'EMAIL_COMPLAINT_RECEIVED'
    : entry.kind === 'RESET'
      ? 'RESET_EMAIL_BOUNCED'
      : 'NOTIFICATION_BOUNCED';

/** SES's fixed classes of the feedback: what the audit event and the customer's mark keep. */
const classesOf = (feedback: MailFeedback): { details: Record<string, string>; mark: string } =>
  feedback.feedback === 'bounce'
    ? {
        details: { bounceType: feedback.bounceType, bounceSubType: feedback.bounceSubType },
        mark: feedback.bounceType,
      }
    : { details: { complaintType: feedback.complaintType }, mark: feedback.complaintType };

class AlreadyRecorded extends Error {}

const markLedger = (entry: LedgerItem, feedback: MailFeedback, at: string): TransactItem => ({
  Update: {
    TableName: tableName('notifications'),
    Key: { eventId: entry.eventId },
    UpdateExpression: 'SET #mark = :at',
    ConditionExpression: 'messageId = :messageId AND attribute_not_exists(#mark)',
    ExpressionAttributeNames: { '#mark': markField[feedback.feedback] },
    ExpressionAttributeValues: { ':at': at, ':messageId': feedback.messageId },
  },
});

const markCustomer = (customerId: string, mark: MailFeedbackMark): TransactItem => ({
  Update: {
    TableName: tableName('customers'),
    Key: { customerId },
    // A new version, so a sync that read the item before cannot put it back without the mark.
    UpdateExpression: 'SET lastMailFeedback = :mark, #version = #version + :one',
    ConditionExpression: 'attribute_exists(customerId)',
    ExpressionAttributeNames: { '#version': 'version' },
    ExpressionAttributeValues: { ':mark': mark, ':one': 1 },
  },
});

/** The entry this message was the main mail of, if the tag names one that SES's message id matches. */
const entryOf = async (feedback: MailFeedback) => {
  const [eventId, ...more] = feedback.tags[NOTIFICATION_TAG] ?? [];
  if (!eventId || more.length > 0) return undefined;
  const entry = await getLedger(eventId);
  return entry?.status === 'SENT' && entry.messageId === feedback.messageId ? entry : undefined;
};

export const recordMailFeedback = async (
  event: unknown,
  deps: { clock: Clock; random: Random },
): Promise<FeedbackResult> => {
  const feedback = parseSesFeedback(event);
  if (!feedback || !sentWithConfigurationSet(feedback, config().sesConfigurationSet)) return 'REFUSED';
  if (!feedback.tags[NOTIFICATION_TAG]?.length) return 'UNTRACKED';
  const entry = await entryOf(feedback);
  if (!entry) return 'UNKNOWN_MESSAGE';
  if (entry[markField[feedback.feedback]]) return 'ALREADY_RECORDED';
  // An erased customer has no audit chain to add to and no page to show it on.
  if (!(await getCustomer(entry.customerId, true))) return 'UNKNOWN_MESSAGE';
  try {
    await commitWithAudit(entry.customerId, deps, async (append) => {
      const at = deps.clock.now().toISOString();
      const classes = classesOf(feedback);
      append({
        type: auditTypeOf(entry, feedback),
        actorType: 'system',
        actorId: 'ses',
        customerId: entry.customerId,
        details: {
          kind: entry.kind,
          triggeredBy: entry.eventId,
          messageId: feedback.messageId,
          ...classes.details,
        },
      });
      const mark: MailFeedbackMark = {
        at,
        kind: entry.kind,
        feedback: feedback.feedback,
        class: classes.mark,
      };
      return {
        writes: [
          markLedger(entry, feedback, at),
          ...(reachesCustomer[entry.kind] ? [markCustomer(entry.customerId, mark)] : []),
        ],
        result: undefined,
        onConflict: () => new AlreadyRecorded(),
      };
    });
  } catch (error) {
    // The same event delivered twice at once: the other delivery marked the entry first.
    if (error instanceof AlreadyRecorded) return 'ALREADY_RECORDED';
    throw error;
  }
  return 'RECORDED';
};
