// The enrollment page's four calls, each with the ticket from the link, typed by the server's own
// schemas; and what a refusal means to the page: the link itself refused, or an error beside the action.
import type * as z from '../../lib/schema';
import type {
  enrollmentConfirmedSchema,
  enrollmentStartedSchema,
  noticeReportedSchema,
  PasskeyRegistered,
} from '../../lib/enrollment/api';
import type { EnrollmentLinkStatus } from '../../lib/enrollment/status';
import type { PasskeyCreationOptions } from '../../lib/passkeys/responses';
import { api, ApiError } from '../shared/api';
import { ticketErrorCodes, type TicketErrorCode } from './messages';

/** POST /enroll/status: the link's state when the page opens. */
export type LinkStatus = EnrollmentLinkStatus;
/** POST /enroll/start. REPLACE: a new phone replaces the authenticator in use, which works until this one is confirmed. */
export type StartedEnrollment = z.infer<typeof enrollmentStartedSchema>;
/** POST /enroll/notice-report. */
export type NoticeReported = z.infer<typeof noticeReportedSchema>;
/** POST /enroll/confirm. */
export type ConfirmedEnrollment = z.infer<typeof enrollmentConfirmedSchema>;
/** The link for a second authenticator that every finished enrollment hands back. */
export type AddAnother = ConfirmedEnrollment['addAnother'];

export const linkStatus = async (ticket: string) =>
  (await api<LinkStatus>('POST', '/enroll/status', { body: { ticket } })).body;

/** The page draws the QR code itself (qr.ts): the server sends no PNG. */
export const startEnrollment = async (ticket: string) =>
  (await api<StartedEnrollment>('POST', '/enroll/start', { body: { ticket, qr: 'none' } })).body;

export const confirmEnrollment = async (ticket: string, code: string) =>
  (await api<ConfirmedEnrollment>('POST', '/enroll/confirm', { body: { ticket, code } })).body;

/** POST /enroll/passkey/options: what navigator.credentials.create() needs, bound to this link. */
export const passkeyOptions = async (ticket: string) =>
  (await api<PasskeyCreationOptions>('POST', '/enroll/passkey/options', { body: { ticket } })).body;

/** POST /enroll/passkey/register: the new passkey turns 2FA on; the backup codes, once. */
export const registerPasskey = async (ticket: string, response: unknown) =>
  (await api<PasskeyRegistered>('POST', '/enroll/passkey/register', { body: { ticket, response } })).body;

/** "This wasn't me". */
export const reportReset = async (ticket: string) => {
  await api('POST', '/enroll/report', { body: { ticket } });
};

/** "This wasn't me" from a notice's own link (no ticket): the recovery is locked, now or already. */
export const reportByNotice = async (notice: string) =>
  (await api<NoticeReported>('POST', '/enroll/notice-report', { body: { notice } })).body;

export interface InlineError {
  code: string;
  requestId?: string;
  /** Values the error's words name (the new app entry for OLD_AUTHENTICATOR_CODE). */
  params?: Record<string, string>;
  /** Errors after which only a fresh start helps (new QR code). */
  restart?: boolean;
}

/** A refusal of the link itself (it gets a page of its own), or undefined for any other failure. */
export const ticketRefusal = (error: unknown): TicketErrorCode | undefined =>
  error instanceof ApiError ? ticketErrorCodes.find((code) => code === error.code) : undefined;

export const inlineError = (error: unknown): InlineError => {
  if (!(error instanceof ApiError)) return { code: 'generic' };
  return {
    code: error.status === 429 ? 'TOO_MANY_REQUESTS' : error.code,
    // A mistyped code is the customer's to fix: no helpdesk reference to make its message longer.
    requestId: ['WRONG_CODE', 'OLD_AUTHENTICATOR_CODE'].includes(error.code) ? undefined : error.requestId,
    restart: ['ENROLLMENT_EXPIRED', 'NO_PENDING_ENROLLMENT', 'CONCURRENT_CHANGE'].includes(error.code),
  };
};
