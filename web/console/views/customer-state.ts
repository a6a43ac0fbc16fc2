// The state of the customer page: the profile as loaded, the verification in progress, the disable
// form. Views render from it; actions change it and ask for a render.
import type { Channel, CheckType } from '../../../lib/verification/schemas';
import type { NoPossessionReason, ReportedProblem } from '../../../lib/verification/vocabulary';
import type { CheckResult } from '../../../lib/verification/schemas';
import type { PolicyOutcome, StillNeeded } from '../../../lib/verification/policy';
import type { CustomerProfile } from '../../../lib/staff-views/api';
import type { VerificationView } from '../../../lib/verification/api';
import type { AnswerOf } from '../operations';
import type { Ctx, ErrorInfo } from '../context';
import { emptyAuditTrail, loadAuditPage, type AuditTrailState } from './audit-trail';
import { dropOnSignOut } from '../view-state';

type EmailCodeSent = AnswerOf<'POST /admin/verifications/{verificationId}/email-code'>;
type TriageRecorded = AnswerOf<'POST /admin/customers/{customerId}/triage'>;

export interface CheckRowState {
  answer: string;
  note: string;
  result?: CheckResult;
  busy: boolean;
  error?: ErrorInfo;
  /** After MISMATCH_UNCONFIRMED: the agent ticked "the caller repeated it" for the next answer. */
  repeated?: boolean;
  /** EMAIL_CODE after a wrong code: wrong codes the session still takes (unknown after a reload). */
  triesLeft?: number;
}

export interface VerificationState {
  verificationId: string;
  /** What staff quote (`HD-XXXX-XXXX`); sessions from before case numbers have none. */
  caseNumber?: string | null;
  channel: Channel;
  status: VerificationView['status'];
  rows: Partial<Record<CheckType, CheckRowState>>;
  /** After a reload only the expiry is known (the session view does not repeat where it went). */
  emailCode?: Partial<EmailCodeSent> & { expiresAt: string };
  emailCodeBusy: boolean;
  emailCodeError?: ErrorInfo;
  outcome?: PolicyOutcome;
  /** While open: what completing still needs, by the server's policy (null/undefined: not known, nothing held back). */
  toPass?: StillNeeded | null;
  completeBusy: boolean;
  completeError?: ErrorInfo;
  /** The reason chosen for going without possession proof: none until the agent picks one. */
  withoutProofReason?: NoPossessionReason;
  withoutProofReasonError?: string;
}

/** The triage before verification: the two questions, and the answer of the triage route once recorded. */
export interface TriageState {
  oldAuthenticatorWorks?: boolean;
  passkeyWorks?: boolean;
  backupCodesAvailable?: boolean;
  busy: boolean;
  error?: ErrorInfo;
  recorded?: TriageRecorded;
}

export type DisableOutcome =
  | { kind: 'disabled'; auditEventId: string; caseNumber: string }
  | { kind: 'pending'; approvalReasons: string[]; expiresAt: string };

export interface CustomerPage {
  customerId: string;
  profile?: CustomerProfile;
  loading: boolean;
  loadError?: ErrorInfo;
  channel: Channel;
  reportedProblem?: ReportedProblem;
  triage: TriageState;
  startBusy: boolean;
  startError?: ErrorInfo;
  verification?: VerificationState;
  /** The audit table: its own pages and case filter (GET …/audit-events). */
  audit: AuditTrailState;
  disable: {
    verificationId?: string;
    reason: string;
    busy: boolean;
    reasonError?: string;
    error?: ErrorInfo;
    outcome?: DisableOutcome;
    /** Kept across retries of the same request, so a repeated click cannot disable twice. */
    idempotencyKey?: string;
  };
}

let page: CustomerPage | undefined;
dropOnSignOut(() => (page = undefined));

export const customerPage = (customerId: string): CustomerPage => {
  if (!page || page.customerId !== customerId) {
    page = {
      customerId,
      channel: 'phone',
      loading: false,
      startBusy: false,
      audit: emptyAuditTrail(),
      triage: { busy: false },
      disable: { reason: '', busy: false },
    };
  }
  return page;
};

export const emptyRow = (): CheckRowState => ({ answer: '', note: '', busy: false });

export const verificationFrom = (view: VerificationView): VerificationState => {
  const rows: VerificationState['rows'] = {};
  for (const check of view.checks)
    rows[check.type] = { answer: '', note: check.note ?? '', result: check.result, busy: false };
  return {
    verificationId: view.verificationId,
    caseNumber: view.caseNumber,
    channel: view.channel,
    status: view.status,
    rows,
    emailCodeBusy: false,
    completeBusy: false,
    toPass: view.toPass,
    ...(view.emailCode ? { emailCode: { expiresAt: view.emailCode.expiresAt } } : {}),
    ...(view.outcome
      ? {
          outcome: {
            outcome: view.outcome,
            reasons: view.reasons,
            ...(view.withoutPossessionProof ? { withoutPossessionProof: true } : {}),
          },
        }
      : {}),
  };
};

/** How long a finished session stays on its agent's screen: as long as a pass can serve a disable (default policy). */
const OUTCOME_SHOWN_MINUTES = 30;

/**
 * Ended by someone else: a second admin rejected the disable it waited for, or staff cancelled it. It
 * can serve nothing any more, so the screen lets it go and offers a new triage and verification.
 */
const endedElsewhere = (status: VerificationView['status']) =>
  status === 'REJECTED' || status === 'CANCELLED';

/**
 * The session this person's screen shows after a reload (the page's state lives in memory, so a reload
 * starts empty): their newest session of the customer while it is open, or one that passed within the
 * last 30 minutes (with what became of it since), so the outcome the agent hands to an admin stays on
 * screen. A failed one is not resumed: the profile shows its cooldown and the start form its refusal;
 * nor one rejected or cancelled since (the rejection notice says so, the start form is what is next).
 */
const sessionToResume = (profile: CustomerProfile, staffId: string, now: number) => {
  const newest = profile.recentVerifications[0];
  if (!newest || newest.agentId !== staffId) return undefined;
  // Under a recovery lock only a session started under it matters: an older pass (the reported reset's,
  // say) would hide the start form the release's verification needs.
  if (profile.customer.recoveryLocked && !newest.forRecoveryLockRelease) return undefined;
  if (newest.status === 'OPEN') return newest;
  if (newest.outcome !== 'PASSED' || endedElsewhere(newest.status) || !newest.completedAt) return undefined;
  return now - Date.parse(newest.completedAt) < OUTCOME_SHOWN_MINUTES * 60_000 ? newest : undefined;
};

/** The session on screen takes the status the profile has for it now; one ended elsewhere is let go. */
const followSessionOnScreen = (current: CustomerPage, profile: CustomerProfile) => {
  const shown = current.verification;
  const listed =
    shown && profile.recentVerifications.find((item) => item.verificationId === shown.verificationId);
  if (!shown || !listed) return;
  if (endedElsewhere(listed.status)) {
    current.verification = undefined;
    // The old answers led to a session that is gone: the caller's situation is asked again.
    current.triage = { busy: false };
    current.reportedProblem = undefined;
    return;
  }
  shown.status = listed.status;
};

/** Loads (or reloads) the profile; the session this person is working on is picked up again. */
export const loadProfile = async (ctx: Ctx, current: CustomerPage, focus?: string) => {
  current.loading = true;
  try {
    const response = await ctx.request('GET /admin/customers/{customerId}', {
      params: { customerId: current.customerId },
    });
    current.profile = response.body;
    current.loadError = undefined;
    // Whatever changed the profile added events too: the table reads its first page again, before the
    // one render below (a second render later would take focus from where the page put it).
    await loadAuditPage(ctx, current.customerId, current.audit, { render: false });
    followSessionOnScreen(current, response.body);
    if (!current.verification) {
      const open = sessionToResume(response.body, ctx.session.sub, Date.now());
      if (open) {
        const view = await ctx.request('GET /admin/verifications/{verificationId}', {
          params: { verificationId: open.verificationId },
        });
        current.verification = verificationFrom(view.body);
      }
    }
  } catch (error) {
    current.loadError = ctx.errorInfo(error);
  } finally {
    current.loading = false;
  }
  ctx.render(focus);
};

/** Appends the next (older) page of the verifications; the profile keeps the cursor for the page after. */
export const loadOlderVerifications = async (ctx: Ctx, current: CustomerPage) => {
  const profile = current.profile;
  const cursor = profile?.nextVerificationsCursor;
  if (!profile || !cursor) return;
  try {
    const response = await ctx.request('GET /admin/customers/{customerId}', {
      params: { customerId: current.customerId },
      query: { verificationsCursor: cursor },
    });
    profile.recentVerifications.push(...response.body.recentVerifications);
    profile.nextVerificationsCursor = response.body.nextVerificationsCursor;
  } catch (error) {
    ctx.alert(ctx.errorInfo(error).text);
  }
  ctx.render('older-verifications');
};
