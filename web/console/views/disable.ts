// Step 2 of the manual, for admins: disable 2FA on a passed verification, with a reason and a
// confirmation. The server decides whether a second admin must approve (202).
import { h, uid } from '../../shared/dom';
import type { ApprovalReason } from '../../../lib/reset/approval-reasons';
import type { CustomerProfile } from '../../../lib/staff-views/api';
import type { AnswerOf } from '../operations';
import type { MessageKey } from '../messages';
import { isAdmin } from '../auth';
import { actionForm, errorBlock, type Ctx } from '../context';
import { loadProfile, type CustomerPage } from './customer-state';
import { checksSummaryText } from './checks-summary';
import { reEnrollNotice } from './re-enroll';
import { confirmReasonedAction, reasonFields } from './reasoned-action';

type DisablePendingApproval = Extract<
  AnswerOf<'POST /admin/customers/{customerId}/2fa/disable'>,
  { status: 'PENDING_APPROVAL' }
>;
type DisableResponse = AnswerOf<'POST /admin/customers/{customerId}/2fa/disable'>;
type ReadyVerification = AnswerOf<'GET /admin/verifications'>['verifications'][number];

/** Words for every reason the server gives; tsc lists this map when lib/ adds a reason. */
const approvalReasonKeys: Record<ApprovalReason, MessageKey> = {
  PRIVILEGED_CUSTOMER: 'approvalReason_PRIVILEGED_CUSTOMER',
  EMAIL_CHANGED_RECENTLY: 'approvalReason_EMAIL_CHANGED_RECENTLY',
  RECENT_RESET: 'approvalReason_RECENT_RESET',
  NO_POSSESSION_PROOF: 'approvalReason_NO_POSSESSION_PROOF',
  ADMIN_VELOCITY: 'approvalReason_ADMIN_VELOCITY',
  AGENT_VELOCITY: 'approvalReason_AGENT_VELOCITY',
  TOTAL_VELOCITY: 'approvalReason_TOTAL_VELOCITY',
};

const approvalReasonText = (ctx: Ctx, reason: string) => {
  const key = approvalReasonKeys[reason as ApprovalReason] as MessageKey | undefined;
  return key ? ctx.i18n.t(key) : reason;
};

const isPending = (body: DisableResponse): body is DisablePendingApproval =>
  body.status === 'PENDING_APPROVAL';

export const approvalReasonsText = (ctx: Ctx, reasons: string[]) =>
  reasons.map((reason) => approvalReasonText(ctx, reason)).join(', ');

type DisablePreview = ReadyVerification['disable'];

/** What a disable would do, as the server's ready list computed it by the disable's own rule. */
export const disablePreviewText = (ctx: Ctx, preview: DisablePreview | undefined) => {
  const { t } = ctx.i18n;
  if (!preview) return t('previewUnknown');
  switch (preview.kind) {
    case 'DIRECT':
      return t('previewDirect');
    case 'NEEDS_APPROVAL':
      return t('previewNeedsApproval', { reasons: approvalReasonsText(ctx, preview.reasons) });
    case 'REFUSED':
      return t('previewRefused', { code: preview.code });
  }
};

/** The queue's "Disable 2FA" on a row: the customer's page opens with that session chosen. */
const preselected = new Map<string, string>();
export const preselectDisable = (customerId: string, verificationId: string) =>
  preselected.set(customerId, verificationId);

/** Read just before the confirmation, so the dialog says which will happen; unknown when unreadable. */
const previewFor = async (ctx: Ctx, verificationId: string): Promise<DisablePreview | undefined> => {
  try {
    const response = await ctx.request('GET /admin/verifications', {
      query: { status: 'PASSED', limit: 100 },
    });
    return response.body.verifications.find((item) => item.verificationId === verificationId)?.disable;
  } catch {
    return undefined;
  }
};

const usableVerifications = (profile: CustomerProfile) =>
  profile.recentVerifications.filter((item) => item.status === 'PASSED');

/** The server refuses a disable on one's own verification (an admin who also verifies): not offered. */
const usableBy = (ctx: Ctx, profile: CustomerProfile) =>
  usableVerifications(profile).filter((item) => item.agentId !== ctx.session.sub);

/** A passed session this admin can disable on: step 2 is what comes next, so it comes first on the page. */
export const disableComesFirst = (ctx: Ctx, profile: CustomerProfile) =>
  isAdmin(ctx.session) && !profile.customer.recoveryLocked && usableBy(ctx, profile).length > 0;

const ownPassed = (ctx: Ctx, profile: CustomerProfile) =>
  usableVerifications(profile).filter((item) => item.agentId === ctx.session.sub);

/** What people quote: the case number; sessions from before case numbers go by their id. */
const caseOf = (item: { verificationId: string; caseNumber?: string | null }) =>
  item.caseNumber ?? item.verificationId;

const disable = async (ctx: Ctx, page: CustomerPage) => {
  const { t } = ctx.i18n;
  const form = page.disable;
  const profile = page.profile;
  if (!profile) return;
  const verificationId = form.verificationId ?? usableBy(ctx, profile)[0]?.verificationId;
  if (!verificationId) return;
  const used = profile.recentVerifications.find((item) => item.verificationId === verificationId);
  const caseNumber = used ? caseOf(used) : verificationId;
  const preview = await previewFor(ctx, verificationId);
  const parks = preview?.kind === 'NEEDS_APPROVAL';
  const previewText = disablePreviewText(ctx, preview);
  const confirmed = await confirmReasonedAction(ctx, form, {
    key: 'disable',
    title: t('confirmDisableTitle', { name: profile.customer.fullName }),
    body: {
      text: parks
        ? t('confirmDisableApprovalBody', { preview: previewText })
        : t('confirmDisableDirectBody', { preview: previewText }),
    },
    confirm: parks ? 'confirmDisableRequestYes' : 'confirmDisableYes',
  });
  if (!confirmed) return;
  // Not drawn, so it may be set after the busy render.
  const idempotencyKey = (form.idempotencyKey ??= crypto.randomUUID());
  try {
    const response = await ctx.request('POST /admin/customers/{customerId}/2fa/disable', {
      params: { customerId: page.customerId },
      body: { verificationId, reason: form.reason.trim() },
      headers: { 'idempotency-key': idempotencyKey },
    });
    const body = response.body;
    if (isPending(body)) {
      form.outcome = { kind: 'pending', approvalReasons: body.approvalReasons, expiresAt: body.expiresAt };
      ctx.announce(
        t('pendingApproval', {
          reasons: approvalReasonsText(ctx, body.approvalReasons),
          time: ctx.i18n.time(body.expiresAt),
        }),
      );
    } else {
      form.outcome = { kind: 'disabled', auditEventId: body.auditEventId, caseNumber };
      ctx.announce(t('disabledDone', { case: caseNumber }));
    }
    form.reason = '';
    form.verificationId = undefined;
    form.idempotencyKey = undefined;
    form.busy = false;
    await loadProfile(ctx, page, 'disable-outcome');
  } catch (error) {
    form.busy = false;
    form.error = ctx.errorInfo(error);
    ctx.alert(form.error.text);
    ctx.render('disable');
  }
};

const outcomeNotice = (ctx: Ctx, page: CustomerPage) => {
  const outcome = page.disable.outcome;
  if (!outcome) return null;
  const { t } = ctx.i18n;
  return h(
    'div',
    {
      class: `notice ${outcome.kind === 'disabled' ? 'notice-ok' : 'notice-warn'}`,
      tabindex: -1,
      'data-key': 'disable-outcome',
      'data-testid': 'disable-outcome',
      'data-outcome': outcome.kind,
    },
    h('p', {
      text:
        outcome.kind === 'disabled'
          ? t('disabledDone', { case: outcome.caseNumber })
          : t('pendingApproval', {
              reasons: approvalReasonsText(ctx, outcome.approvalReasons),
              time: ctx.i18n.time(outcome.expiresAt),
            }),
    }),
    // The audit event only as a reference for whoever looks it up later.
    outcome.kind === 'disabled'
      ? h('p', {
          class: 'muted small',
          'data-testid': 'disable-reference',
          text: t('auditReference', { id: outcome.auditEventId }),
        })
      : null,
  );
};

/** What the agent established in the chosen session (the first one until another is chosen). */
const chosenChecks = (
  ctx: Ctx,
  profile: CustomerProfile,
  candidates: CustomerProfile['recentVerifications'],
  chosenId: string | undefined,
) => {
  const chosen = candidates.find((item) => item.verificationId === chosenId) ?? candidates[0];
  if (!chosen) return null;
  const checks = h('p', {
    class: chosen.withoutPossessionProof ? 'notice notice-warn' : 'muted',
    'data-testid': 'disable-checks',
    text: checksSummaryText(ctx, chosen.checksSummary),
  });
  // The caller said they cannot open the mailbox the link goes to: how they re-enroll, before the disable.
  return chosen.withoutPossessionProof ? h('div', {}, checks, reEnrollNotice(ctx, profile.customer)) : checks;
};

/** The admin's own passed sessions: marked as theirs, with who may disable instead. */
const ownNotice = (ctx: Ctx, own: CustomerProfile['recentVerifications']) =>
  h('p', {
    class: 'notice notice-warn',
    'data-testid': 'disable-own-verification',
    text: ctx.i18n.t('disableOwnVerification', { cases: own.map(caseOf).join(', ') }),
  });

export const disableCard = (ctx: Ctx, page: CustomerPage) => {
  const profile = page.profile;
  if (!profile || !isAdmin(ctx.session)) return null;
  const { t } = ctx.i18n;
  const form = page.disable;
  const candidates = usableBy(ctx, profile);
  const own = ownPassed(ctx, profile);
  const wanted = preselected.get(page.customerId);
  if (wanted && candidates.some((item) => item.verificationId === wanted)) {
    form.verificationId = wanted;
    preselected.delete(page.customerId);
  }
  const selectId = uid('disable-verification');
  let content: (Node | null)[];
  if (profile.customer.recoveryLocked) {
    // A session under the lock serves only the security team's release: no disable is offered.
    content = [
      h('p', {
        class: 'notice notice-warn',
        'data-testid': 'disable-blocked',
        text: t('disableBlockedByReport'),
      }),
    ];
  } else if (profile.customer.twoFactor === 'DISABLED') {
    content = form.outcome ? [] : [h('p', { class: 'muted', text: t('alreadyDisabled') })];
  } else if (candidates.length === 0 && own.length > 0) {
    content = [ownNotice(ctx, own)];
  } else if (candidates.length === 0) {
    const waiting = profile.recentVerifications.some((item) => item.status === 'PENDING_APPROVAL');
    content =
      form.outcome?.kind === 'pending'
        ? []
        : [
            h('p', {
              class: 'muted',
              'data-testid': 'no-passed-verification',
              text: waiting ? t('waitingForApproval') : t('noPassedVerification'),
            }),
          ];
  } else {
    content = [
      actionForm(
        'disable-form',
        () => disable(ctx, page),
        h('label', { for: selectId, text: t('disableVerification') }),
        h(
          'select',
          {
            id: selectId,
            'data-key': 'disable-verification',
            on: {
              change: (event) => {
                form.verificationId = (event.target as HTMLSelectElement).value;
                // The checks line below follows the chosen session.
                ctx.render('disable-verification');
              },
            },
          },
          ...candidates.map((item) =>
            h('option', {
              value: item.verificationId,
              selected: item.verificationId === form.verificationId,
              text: [
                t('disableVerificationOption', {
                  id: caseOf(item),
                  time: item.completedAt ? ctx.i18n.dateTime(item.completedAt) : '',
                  agent: item.agentId,
                }),
                item.withoutPossessionProof ? t('disableOptionWithoutProof') : null,
              ]
                .filter(Boolean)
                .join(' — '),
            }),
          ),
        ),
        chosenChecks(ctx, profile, candidates, form.verificationId),
        own.length ? ownNotice(ctx, own) : null,
        ...reasonFields(ctx, form, {
          key: 'disable',
          label: 'disableReason',
          hint: 'disableReasonHint',
          button: 'disableButton',
        }),
      ),
    ];
  }
  return h(
    'section',
    { class: 'card', 'data-testid': 'disable' },
    h('h3', { text: t('stepDisableTitle') }),
    h('p', { text: t('disableIntro') }),
    outcomeNotice(ctx, page),
    ...content,
    errorBlock(ctx, form.error, 'disable-error'),
  );
};
