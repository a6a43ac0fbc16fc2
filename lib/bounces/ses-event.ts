// An SES bounce or complaint event as EventBridge delivers it, parsed to what we keep: SES's fixed
// classes only. The recipient's address and SES's diagnostic text are read past, never returned: they
// would land in an audit trail that is locked for years (docs/privacy.md).
import * as z from '../schema';
import { CONFIGURATION_SET_TAG, SES_EVENT_SOURCE, SES_FEEDBACK_DETAIL_TYPES } from './ses-source';

/** SES's bounce types and subtypes (SES developer guide, "Bounce types"); anything else is `Other`. */
export const bounceTypes = ['Permanent', 'Transient', 'Undetermined'] as const;
export const bounceSubTypes = [
  'General',
  'NoEmail',
  'Suppressed',
  'OnAccountSuppressionList',
  'MailboxFull',
  'MessageTooLarge',
  'ContentRejected',
  'AttachmentRejected',
  'Undetermined',
] as const;
/** RFC 5965 feedback types as SES passes them on. */
export const complaintTypes = ['abuse', 'auth-failure', 'fraud', 'not-spam', 'other', 'virus'] as const;

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.pipe(
    z.unknown(),
    z.transform((value): T[number] | 'Other' => values.find((known) => known === value) ?? 'Other'),
  );

const mail = z.object({
  messageId: z.string().check(z.minLength(1), z.maxLength(200)),
  tags: z._default(z.record(z.string(), z.array(z.string())), {}),
});

const sesEventSchema = z.discriminatedUnion('detail-type', [
  z.object({
    source: z.literal(SES_EVENT_SOURCE),
    'detail-type': z.literal(SES_FEEDBACK_DETAIL_TYPES.Bounce),
    detail: z.object({
      eventType: z.literal('Bounce'),
      mail,
      bounce: z.object({ bounceType: oneOf(bounceTypes), bounceSubType: oneOf(bounceSubTypes) }),
    }),
  }),
  z.object({
    source: z.literal(SES_EVENT_SOURCE),
    'detail-type': z.literal(SES_FEEDBACK_DETAIL_TYPES.Complaint),
    detail: z.object({
      eventType: z.literal('Complaint'),
      mail,
      complaint: z.object({ complaintFeedbackType: z.optional(oneOf(complaintTypes)) }),
    }),
  }),
]);

export type MailFeedback = {
  messageId: string;
  tags: Record<string, string[]>;
} & (
  | { feedback: 'bounce'; bounceType: string; bounceSubType: string }
  | { feedback: 'complaint'; complaintType: string }
);

/** The event's message and SES's classes; undefined for anything that is not SES's bounce or complaint. */
export const parseSesFeedback = (event: unknown): MailFeedback | undefined => {
  const parsed = sesEventSchema.safeParse(event);
  if (!parsed.success) return undefined;
  const { detail } = parsed.data;
  const message = { messageId: detail.mail.messageId, tags: detail.mail.tags };
  return detail.eventType === 'Bounce'
    ? {
        ...message,
        feedback: 'bounce',
        bounceType: detail.bounce.bounceType,
        bounceSubType: detail.bounce.bounceSubType,
      }
    : { ...message, feedback: 'complaint', complaintType: detail.complaint.complaintFeedbackType ?? 'Other' };
};

/** Whether SES says the message went out with this configuration set (unset locally: no check). */
export const sentWithConfigurationSet = (feedback: MailFeedback, configurationSet: string | undefined) =>
  configurationSet === undefined || (feedback.tags[CONFIGURATION_SET_TAG] ?? []).includes(configurationSet);
