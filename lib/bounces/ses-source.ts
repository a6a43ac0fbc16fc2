// Where SES's bounce and complaint events come from: read by the stack's EventBridge rule and by the
// handler, which checks them again (a rule is the only way in, but the handler does not rely on it).

/** EventBridge's source for SES events; PutEvents refuses any `aws.` source from an account. */
export const SES_EVENT_SOURCE = 'aws.ses';

/** The detail types of the SES events we take back (the configuration set's EventBridge destination). */
export const SES_FEEDBACK_DETAIL_TYPES = {
  Bounce: 'Email Bounced',
  Complaint: 'Email Complaint Received',
} as const;

/** SES's tag with the configuration set a message was sent with, in every event of that message. */
export const CONFIGURATION_SET_TAG = 'ses:configuration-set';
