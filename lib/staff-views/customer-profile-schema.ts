// GET /admin/customers/{customerId}: what staff see of a customer (never stored answers or secrets),
// with the history's first pages. The one shape of the answer: lib/staff-views/customer-profile.ts
// builds it, the console reads it.
import * as z from '../schema';
import { staffAuditEventSchema } from '../audit/staff-event-schema';
import {
  lockReasonSchema,
  mailFeedbackSchema,
  recoveryDelaySchema,
  twoFactorMethodsSchema,
} from '../customers/responses';
import { customerLocales } from '../locales';
import { checksSummarySchema } from '../verification/checks-summary';
import { channels, noPossessionReasons } from '../verification/schemas';
import { reportedProblems, verificationStatuses } from '../verification/vocabulary';

const profileCustomerFields = {
  customerId: z.string(),
  fullName: z.string(),
  email: z.string(),
  companyName: z.nullable(z.string()),
  /**
   * The further addresses on file: they get every notice, and an admin may send the reset link to one.
   * In full for admins and officers, masked for the helpdesk ("h**********@example.nl").
   */
  notificationEmails: z.array(z.string()),
  /** The numbers on file, all but the last two digits hidden ("+31 •••• •••78"); officers see them whole. */
  phoneNumbersMasked: z.array(z.string()),
  locale: z.enum(customerLocales),
  privileged: z.boolean(),
  recoveryLocked: z.boolean(),
  verificationCooldownUntil: z.nullable(z.string()),
  failedVerificationCount: z.number(),
  lastFailedVerificationAt: z.nullable(z.string()),
  openVerificationId: z.nullable(z.string()),
  lastResetAt: z.nullable(z.string()),
  emailChangedAt: z.nullable(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** While a reset's waiting period runs (lib/security/recovery-delay.ts); null otherwise. */
  recoveryDelay: z.nullable(recoveryDelaySchema),
  /** Which ways in the customer has (app, passkeys, backup codes): how many, never which. */
  methods: twoFactorMethodsSchema,
  mailFeedback: z.nullable(mailFeedbackSchema),
};

/** The effective 2FA status; while LOCKED, why (the console's badge tells a report from wrong codes). */
const profileCustomerSchema = z.discriminatedUnion('twoFactor', [
  z.object({ ...profileCustomerFields, twoFactor: z.enum(['ENABLED', 'DISABLED']), lockReason: z.null() }),
  z.object({ ...profileCustomerFields, twoFactor: z.literal('LOCKED'), lockReason: lockReasonSchema }),
]);

const profileVerificationSchema = z.object({
  verificationId: z.string(),
  caseNumber: z.nullable(z.string()),
  agentId: z.string(),
  channel: z.enum(channels),
  reportedProblem: z.nullable(z.enum(reportedProblems)),
  status: z.enum(verificationStatuses),
  outcome: z.nullable(z.enum(['PASSED', 'FAILED'])),
  withoutPossessionProof: z.nullable(z.enum(noPossessionReasons)),
  checksSummary: checksSummarySchema,
  startedAt: z.string(),
  completedAt: z.nullable(z.string()),
  /** Started under a recovery lock: it serves only the security officer's release. */
  forRecoveryLockRelease: z.boolean(),
});

export const customerProfileSchema = z.object({
  customer: profileCustomerSchema,
  recentVerifications: z.array(profileVerificationSchema),
  nextVerificationsCursor: z.nullable(z.string()),
  recentEvents: z.array(staffAuditEventSchema),
  nextEventsCursor: z.nullable(z.string()),
});

export type CustomerProfile = z.infer<typeof customerProfileSchema>;
