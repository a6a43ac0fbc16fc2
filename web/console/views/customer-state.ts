// The state of the customer page: the profile as loaded, the verification in progress, the disable
// form. Views render from it; actions change it and ask for a render.
import type { Channel, CheckType } from '../../../lib/verification/schemas';
import type { ReportedProblem } from '../../../lib/verification/vocabulary';
import type { CheckResult, EmailCodeSent, PolicyOutcome, Profile, VerificationView } from '../api-types';
import type { Ctx, ErrorInfo } from '../context';
import { dropOnSignOut } from '../view-state';

export interface CheckRowState {
  answer: string;
  note: string;
  result?: CheckResult;
  busy: boolean;
  error?: ErrorInfo;
}

export interface VerificationState {
  verificationId: string;
  channel: Channel;
  status: VerificationView['status'];
  rows: Partial<Record<CheckType, CheckRowState>>;
  /** After a reload only the expiry is known (the session view does not repeat where it went). */
  emailCode?: Partial<EmailCodeSent> & { expiresAt: string };
  emailCodeBusy: boolean;
  emailCodeError?: ErrorInfo;
  outcome?: PolicyOutcome;
  completeBusy: boolean;
  completeError?: ErrorInfo;
}

export type DisableOutcome =
  | { kind: 'disabled'; auditEventId: string }
  | { kind: 'pending'; approvalReasons: string[]; expiresAt: string };

export interface CustomerPage {
  customerId: string;
  profile?: Profile;
  loading: boolean;
  loadError?: ErrorInfo;
  channel: Channel;
  reportedProblem?: ReportedProblem;
  startBusy: boolean;
  startError?: ErrorInfo;
  verification?: VerificationState;
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
    channel: view.channel,
    status: view.status,
    rows,
    emailCodeBusy: false,
    completeBusy: false,
    ...(view.emailCode ? { emailCode: { expiresAt: view.emailCode.expiresAt } } : {}),
    ...(view.outcome ? { outcome: { outcome: view.outcome, reasons: view.reasons } } : {}),
  };
};

/** Loads (or reloads) the profile; an open verification this agent started is picked up again. */
export const loadProfile = async (ctx: Ctx, current: CustomerPage, focus?: string) => {
  current.loading = true;
  try {
    const response = await ctx.call<Profile>(
      'GET',
      `/admin/customers/${encodeURIComponent(current.customerId)}`,
    );
    current.profile = response.body;
    current.loadError = undefined;
    if (!current.verification) {
      const open = response.body.recentVerifications.find(
        (item) => item.status === 'OPEN' && item.agentId === ctx.session.sub,
      );
      if (open) {
        const view = await ctx.call<VerificationView>(
          'GET',
          `/admin/verifications/${encodeURIComponent(open.verificationId)}`,
        );
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

/** Appends the next (older) page of one history list; the profile keeps the cursor for the page after. */
export const loadOlder = async (ctx: Ctx, current: CustomerPage, list: 'verifications' | 'events') => {
  const profile = current.profile;
  const cursor = list === 'events' ? profile?.nextEventsCursor : profile?.nextVerificationsCursor;
  if (!profile || !cursor) return;
  const parameter = list === 'events' ? 'eventsCursor' : 'verificationsCursor';
  try {
    const response = await ctx.call<Profile>(
      'GET',
      `/admin/customers/${encodeURIComponent(current.customerId)}?${parameter}=${encodeURIComponent(cursor)}`,
    );
    if (list === 'events') {
      profile.recentEvents.push(...response.body.recentEvents);
      profile.nextEventsCursor = response.body.nextEventsCursor;
    } else {
      profile.recentVerifications.push(...response.body.recentVerifications);
      profile.nextVerificationsCursor = response.body.nextVerificationsCursor;
    }
  } catch (error) {
    ctx.alert(ctx.errorInfo(error).text);
  }
  ctx.render(`older-${list}`);
};
