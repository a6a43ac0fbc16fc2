// Lambda for the staff routes (Cognito JWT): search, profile, verification, disable, approval, and the
// security officers' recovery-lock queue, case, release and keep.
import { systemClock, systemRandom } from '../lib/clock';
import { config } from '../lib/config';
import { customerProfile } from '../lib/staff-views/customer-profile';
import { customerAuditHistory } from '../lib/staff-views/audit-history';
import { recordCaseRecordPrinted } from '../lib/verification/case-record';
import { searchCustomers } from '../lib/staff-views/customer-search';
import { createHttpFunction } from '../lib/http/http-function';
import { officerOperations } from '../lib/http/officer-actions';
import { adminRoutes } from '../lib/routes/admin';
import { staffOf, type Principal } from '../lib/http/principal';
import { approvalSubject, customerSubject, idempotencyContext } from '../lib/idempotency/store';
import { approveDisable, requestDisable, resetPolicy } from '../lib/reset/store';
import { pendingApprovalsFor, rejectDisable } from '../lib/reset/approvals';
import { resendResetLink } from '../lib/reset/resend-link';
import { cancelVerification } from '../lib/verification/cancel';
import { verificationPolicy } from '../lib/verification/open-session';
import {
  completeVerification,
  recordCheck,
  sendEmailCode,
  startVerification,
} from '../lib/verification/store';
import { readVerificationSession } from '../lib/verification/reads';
import { listReadyVerifications } from '../lib/verification/ready';
import { previewDisables } from '../lib/reset/preview';
import { recoveryLockCase } from '../lib/staff-views/recovery-lock-case';
import { listRecoveryLocks, recoveryLockActions } from '../lib/security/store';
import { endRecoveryDelay } from '../lib/security/recovery-delay';
import { listRecoveryLimits, resetRecoveryLimits } from '../lib/security/recovery-limits';
import { recordTriage } from '../lib/triage/store';
import { lazyModule } from '../lib/lazy-module';

config();
const deps = { clock: systemClock, random: systemRandom };
// The email code's template and mailer: only the route that sends one loads them.
const emailCode = /* @__PURE__ */ lazyModule(() => import('../lib/notify/email-code'));

const staffId = (principal: Principal) => staffOf(principal).id;

export const handler = createHttpFunction('adminApi', adminRoutes, {
  ...officerOperations('adminApi', recoveryLockActions, deps),
  ...officerOperations('adminApi', { resetRecoveryLimits, endRecoveryDelay }, deps),

  searchCustomers: async (request) => ({
    body: await searchCustomers(request.query.query, {
      now: deps.clock.now(),
      limit: request.query.limit,
      cursor: request.query.cursor,
    }),
  }),

  searchCustomersByBody: async (request) => ({
    body: await searchCustomers(request.body.query, {
      now: deps.clock.now(),
      limit: request.body.limit,
      cursor: request.body.cursor,
    }),
  }),

  customerProfile: async (request) => ({
    body: await customerProfile(
      request.pathParameters.customerId,
      request.query,
      deps.clock.now(),
      request.principal.kind === 'staff' ? request.principal.groups : [],
    ),
  }),

  customerAuditEvents: async (request) => ({
    body: await customerAuditHistory(request.pathParameters.customerId, {
      limit: request.query.limit,
      ...(request.query.cursor ? { cursor: request.query.cursor } : {}),
      ...(request.query.caseId ? { caseId: request.query.caseId } : {}),
    }),
  }),

  recordCaseRecordPrinted: async (request) => {
    const principal = staffOf(request.principal);
    return {
      status: 201,
      body: await recordCaseRecordPrinted(
        {
          verificationId: request.pathParameters.verificationId,
          staff: { id: principal.id, groups: principal.groups },
        },
        deps,
      ),
    };
  },

  recordTriage: async (request) => {
    const principal = staffOf(request.principal);
    return {
      status: 201,
      body: await recordTriage(
        {
          customerId: request.pathParameters.customerId,
          agentId: principal.id,
          actorType: principal.groups.includes('helpdesk') ? 'agent' : 'admin',
          ...request.body,
        },
        deps,
      ),
    };
  },

  startVerification: async (request) => {
    const item = await startVerification(
      request.pathParameters.customerId,
      staffId(request.principal),
      request.body,
      deps,
    );
    return {
      status: 201,
      body: {
        verificationId: item.verificationId,
        caseNumber: item.caseNumber ?? null,
        status: item.status,
        startedAt: item.startedAt,
      },
    };
  },

  recordCheck: async (request) => ({
    status: 201,
    body: await recordCheck(
      request.pathParameters.verificationId,
      staffId(request.principal),
      request.body,
      deps,
    ),
  }),

  sendEmailCode: async (request) => {
    const { sendVerificationCodeEmail } = await emailCode();
    const sent = await sendEmailCode(request.pathParameters.verificationId, staffId(request.principal), {
      ...deps,
      sendCode: (customer, code, expiresAt, reference) =>
        sendVerificationCodeEmail(
          customer.email,
          customer.fullName,
          customer.locale,
          code,
          expiresAt,
          reference,
        ),
    });
    return { status: 202, body: sent };
  },

  completeVerification: async (request) => ({
    body: await completeVerification(
      request.pathParameters.verificationId,
      staffId(request.principal),
      request.body,
      deps,
    ),
  }),

  getVerification: async (request) => {
    const principal = staffOf(request.principal);
    const reader = { id: principal.id, groups: principal.groups };
    return {
      body: await readVerificationSession(
        request.pathParameters.verificationId,
        reader,
        verificationPolicy(),
      ),
    };
  },

  listReadyVerifications: async (request) => {
    const adminId = staffId(request.principal);
    const now = deps.clock.now();
    const page = await listReadyVerifications(adminId, {
      now,
      maxAgeMinutes: config().policy.verificationMaxAgeMinutes,
      limit: request.query.limit,
      cursor: request.query.cursor,
    });
    const previews = await previewDisables(
      adminId,
      page.items.map((item) => item.verificationId),
      now,
      resetPolicy(),
    );
    // A session gone between the two reads (erased) reads as refused, never as a free disable.
    const gone = { kind: 'REFUSED', code: 'VERIFICATION_NOT_FOUND' } as const;
    return {
      body: {
        verifications: page.items.map((item) => ({
          ...item,
          disable: previews.get(item.verificationId) ?? gone,
        })),
        nextCursor: page.nextCursor,
      },
    };
  },

  disableTwoFactor: async (request) => {
    const adminId = staffId(request.principal);
    const customerId = request.pathParameters.customerId;
    const idempotency = await idempotencyContext(
      request.headers['idempotency-key'],
      { callerId: adminId, operation: 'disable', subject: customerSubject(customerId) },
      { customerId, ...request.body },
    );
    const response = await requestDisable({ customerId, ...request.body, adminId, idempotency }, deps);
    return { status: response.status, body: response.body };
  },

  approveDisable: async (request) => {
    const adminId = staffId(request.principal);
    const approvalId = request.pathParameters.approvalId;
    const idempotency = await idempotencyContext(
      request.headers['idempotency-key'],
      { callerId: adminId, operation: 'approve', subject: approvalSubject(approvalId) },
      { approvalId },
    );
    const response = await approveDisable(approvalId, adminId, idempotency, deps);
    return { status: response.status, body: response.body };
  },

  listRecoveryLocks: async (request) => {
    const page = await listRecoveryLocks({ limit: request.query.limit, cursor: request.query.cursor });
    return { body: { locks: page.items, nextCursor: page.nextCursor } };
  },

  recoveryLockCase: async (request) => ({
    body: await recoveryLockCase(request.pathParameters.customerId, deps.clock.now()),
  }),

  listRecoveryLimits: async (request) => {
    const page = await listRecoveryLimits(
      { limit: request.query.limit, cursor: request.query.cursor },
      deps.clock.now(),
    );
    return { body: { customers: page.items, nextCursor: page.nextCursor } };
  },

  listApprovals: async (request) => ({
    body: { approvals: await pendingApprovalsFor(staffId(request.principal), 50) },
  }),

  resendResetLink: async (request) => ({
    status: 202,
    body: await resendResetLink(
      {
        customerId: request.pathParameters.customerId,
        adminId: staffId(request.principal),
        sendTo: request.body?.sendTo,
      },
      deps,
    ),
  }),

  rejectDisable: async (request) => ({
    body: await rejectDisable(
      {
        approvalId: request.pathParameters.approvalId,
        adminId: staffId(request.principal),
        reason: request.body.reason,
      },
      deps,
    ),
  }),

  cancelVerification: async (request) => {
    const principal = staffOf(request.principal);
    return {
      body: await cancelVerification(
        {
          verificationId: request.pathParameters.verificationId,
          staff: { id: principal.id, groups: principal.groups },
          reason: request.body.reason,
        },
        deps,
      ),
    };
  },
});
