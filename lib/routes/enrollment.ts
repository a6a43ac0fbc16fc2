// The customer's enrollment page's routes: no login, the emailed ticket in the body authorizes.
import * as z from '../schema';
import { ticketSchema } from '../tickets/schemas';
import { typedCodeSchema } from '../totp/schemas';
import {
  enrollmentConfirmedSchema,
  enrollmentLinkStatusSchema,
  enrollmentStartedSchema,
  passkeyRegisteredSchema,
  unauthorizedResetReportedSchema,
} from '../enrollment/responses';
import { noticeReportedSchema } from '../reset/responses';
import { noticeTokenSchema } from '../reset/schemas';
import { passkeyCreationOptionsSchema } from '../passkeys/responses';
import { registrationResponseSchema } from '../passkeys/schemas';
import { appendAudit, type RouteDefinition } from './definition';

export const enrollmentRoutes = [
  {
    method: 'POST',
    // POST, not GET: the ticket stays in a body, out of URLs, access logs and CloudFront's cache keys.
    path: '/enroll/status',
    operation: 'enrollmentLinkStatus',
    responses: { 200: enrollmentLinkStatusSchema },
    function: 'enrollmentApi',
    auth: { type: 'none' },
    body: z.strictObject({ ticket: ticketSchema }),
    // verifications: the case number the page names beside the helpdesk's phone number.
    tables: { customers: 'read', tickets: 'read', verifications: 'read' },
  },
  {
    method: 'POST',
    path: '/enroll/start',
    operation: 'startEnrollment',
    responses: { 200: enrollmentStartedSchema },
    function: 'enrollmentApi',
    auth: { type: 'none' },
    body: z.strictObject({
      ticket: ticketSchema,
      /** `none`: the answer leaves out `qrPng` (the enrollment page draws the QR code from `otpauthUri`). */
      qr: z.optional(z.enum(['png', 'none'])),
    }),
    tables: { customers: 'readWrite', tickets: 'read', ...appendAudit },
    services: ['sealSecrets'],
  },
  {
    method: 'POST',
    path: '/enroll/confirm',
    operation: 'confirmEnrollment',
    responses: { 200: enrollmentConfirmedSchema },
    function: 'enrollmentApi',
    auth: { type: 'none' },
    body: z.strictObject({ ticket: ticketSchema, code: typedCodeSchema }),
    tables: { customers: 'readWrite', tickets: 'readWrite', ...appendAudit },
    services: ['openSecrets', 'answerHashKey'],
  },
  {
    method: 'POST',
    // The passkey way to the same end as start + confirm: options bound to the ticket, then the new passkey.
    path: '/enroll/passkey/options',
    operation: 'passkeyRegistrationOptions',
    responses: { 200: passkeyCreationOptionsSchema },
    function: 'enrollmentApi',
    auth: { type: 'none' },
    body: z.strictObject({ ticket: ticketSchema }),
    tables: { customers: 'readWrite', tickets: 'read', ...appendAudit },
  },
  {
    method: 'POST',
    path: '/enroll/passkey/register',
    operation: 'registerPasskey',
    responses: { 200: passkeyRegisteredSchema },
    function: 'enrollmentApi',
    auth: { type: 'none' },
    body: z.strictObject({ ticket: ticketSchema, response: registrationResponseSchema }),
    tables: { customers: 'readWrite', tickets: 'readWrite', ...appendAudit },
    services: ['answerHashKey'],
  },
  {
    method: 'POST',
    path: '/enroll/report',
    operation: 'reportUnauthorizedReset',
    responses: { 200: unauthorizedResetReportedSchema },
    function: 'enrollmentApi',
    auth: { type: 'none' },
    body: z.strictObject({ ticket: ticketSchema }),
    tables: { customers: 'readWrite', tickets: 'readWrite', ...appendAudit },
  },
  {
    method: 'POST',
    // "This wasn't me" from a notice to a further address: its own link, for that address and that reset.
    path: '/enroll/notice-report',
    operation: 'reportByNotice',
    responses: { 200: noticeReportedSchema },
    function: 'enrollmentApi',
    auth: { type: 'none' },
    body: z.strictObject({ notice: noticeTokenSchema }),
    tables: { customers: 'readWrite', ...appendAudit },
    // The reporting address is sealed into the audit event with the customer's audit-text key.
    services: ['sealSecrets', 'openSecrets'],
  },
] as const satisfies readonly RouteDefinition[];
