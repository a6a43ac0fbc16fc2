// The Lambda functions: entry file, size, and what each touches beyond its HTTP routes (streams, schedules).
import { eventPublisherStreamSource } from '../events/stream-settings';
import { notifierStreamSource } from '../notify/stream-settings';
import type { FunctionDefinition } from './types';

export const functions = {
  health: {
    entry: 'functions/health.ts',
    description: 'GET /health',
    memoryMb: 256,
    timeoutSeconds: 3,
  },
  adminApi: {
    entry: 'functions/admin-api.ts',
    description: 'Helpdesk and admin routes (Cognito JWT): search, verification, 2FA disable, approvals',
    memoryMb: 512,
    timeoutSeconds: 10,
    // Staff reasons and notes are sealed with the customer's audit-text key; staff never see a TOTP secret.
    secretPurposes: ['audit-text'],
  },
  loginServiceApi: {
    entry: 'functions/login-service-api.ts',
    description: 'Routes of the login service (IAM): customer sync, 2FA status, login verification',
    memoryMb: 512,
    timeoutSeconds: 10,
    secretPurposes: ['totp-secret'],
  },
  erasureApi: {
    entry: 'functions/erasure-api.ts',
    description: 'Erasure route of the login service (IAM): a closed account becomes a tombstone',
    memoryMb: 512,
    // Erasure deletes a customer's items one by one; API Gateway waits 30 s for an answer.
    timeoutSeconds: 25,
  },
  auditExport: {
    entry: 'functions/audit-export.ts',
    description:
      'Scheduled: point-in-time export of the AuditEvents table to S3, signed digest of the audit chain heads',
    memoryMb: 1024,
    // Reading a large AuditEvents export for its digest takes a while; 15 minutes is Lambda's limit.
    timeoutSeconds: 900,
    services: ['auditExport'],
    schedules: [
      {
        id: 'DailyExport',
        expression: 'cron(15 2 * * ? *)',
        description: 'Export the AuditEvents table to the locked audit bucket (02:15 UTC)',
        input: { action: 'startExports' },
      },
      {
        id: 'HourlyDigest',
        expression: 'rate(1 hour)',
        description: 'Sign digests of completed AuditEvents exports',
        input: { action: 'digestCompletedExports' },
      },
    ],
  },
  enrollmentApi: {
    entry: 'functions/enrollment-api.ts',
    description: 'Customer enrollment routes (the emailed ticket authorizes): status, start, confirm, report',
    memoryMb: 512,
    timeoutSeconds: 10,
    // TOTP secrets; and a notice report seals the reporting address in its audit event (audit text).
    secretPurposes: ['totp-secret', 'audit-text'],
  },
  notifier: {
    entry: 'functions/notifier.ts',
    description: 'AuditEvents stream consumer: reset, enable, lock and backup-code emails, security alerts',
    memoryMb: 512,
    timeoutSeconds: 30,
    // Reset emails issue the enrollment ticket (which voids older ones and names it on the customer).
    tables: {
      auditEvents: 'append',
      notifications: 'readWrite',
      customers: 'readWrite',
      tickets: 'readWrite',
      // The case number the emails name is read from the session.
      verifications: 'read',
    },
    services: ['sendEmail'],
    streamSource: notifierStreamSource,
  },
  outboxReconciliation: {
    entry: 'functions/outbox-reconciliation.ts',
    description:
      'Scheduled: delivers notifications still unsettled 10 minutes after their audit event (the outbox backlog)',
    memoryMb: 512,
    // At most 100 entries a run, one at a time, each one SES call and a few DynamoDB writes.
    timeoutSeconds: 300,
    tables: {
      auditEvents: 'append',
      notifications: 'readWrite',
      customers: 'readWrite',
      tickets: 'readWrite',
      // The case number the emails name is read from the session.
      verifications: 'read',
    },
    services: ['sendEmail'],
    schedules: [
      {
        id: 'OutboxReconciliation',
        expression: 'rate(5 minutes)',
        description: 'Deliver notifications the AuditEvents stream consumer did not settle within 10 minutes',
        input: { action: 'reconcile' },
      },
    ],
  },
  mailFeedback: {
    entry: 'functions/mail-feedback.ts',
    description:
      "SES bounce and complaint events (EventBridge): the mail's outbox entry, the customer, an audit event",
    memoryMb: 256,
    timeoutSeconds: 10,
    // The entry is read and marked; the customer is read and marked; the audit event is appended.
    tables: { auditEvents: 'append', notifications: 'readWrite', customers: 'readWrite' },
    mailFeedback: true,
  },
  eventPublisher: {
    entry: 'functions/event-publisher.ts',
    description:
      'AuditEvents stream consumer and 5-minute reconciliation: authentication-state changes to the recovery event bus (OCSF)',
    memoryMb: 512,
    // At most 100 events a reconciliation run, one at a time, each one PutEvents and a few DynamoDB calls.
    timeoutSeconds: 300,
    tables: {
      auditEvents: 'read',
      eventPublications: 'readWrite',
      // The case number the events carry is read from the session.
      verifications: 'read',
    },
    services: ['publishEvents'],
    streamSource: eventPublisherStreamSource,
    schedules: [
      {
        id: 'EventPublicationReconciliation',
        expression: 'rate(5 minutes)',
        description:
          'Publish authentication-state changes the stream consumer did not publish within 10 minutes',
        input: { action: 'reconcile' },
      },
    ],
  },
} as const satisfies Record<string, FunctionDefinition>;

export type FunctionName = keyof typeof functions;
