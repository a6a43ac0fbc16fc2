// The security officer's case of one "this wasn't me" report: the lock and the report, the timeline
// from the reported reset on, and the two outcomes, keep locked with a note or release on a fresh
// verification with the emailed code done by someone else; and the customer's recovery limits with
// their reset (security-limits.ts). The API decides; refusals are shown beside the action that caused them.
import { h, uid } from '../../shared/dom';
import type { RecoveryLockCase } from '../../../lib/security/api';
import { actionForm, customerPageLayout, errorBlock, fact, type Ctx, type ErrorInfo } from '../context';
import { eventLabels, type MessageKey } from '../messages';
import { actorCell, eventSentence } from '../audit-sentences';
import {
  confirmReasonedAction,
  reasonedActionForm,
  reasonedOutcome,
  reasonFields,
  type ActionTarget,
  type ReasonedAction,
  type ReasonedForms,
} from './reasoned-action';
import { twoFactorBadge } from './search';
import { delayCard } from './recovery-delay';
import { callBackText, limitsCard } from './security-limits';
import { loadQueue, reportText, reviewText } from './security-queue';

interface CaseState {
  customerId: string;
  owner: string;
  data?: RecoveryLockCase;
  loading: boolean;
  loadError?: ErrorInfo;
  release: {
    verificationId?: string;
    reason: string;
    busy: boolean;
    reasonError?: string;
    error?: ErrorInfo;
    auditEventId?: string;
    /** The case the release was based on, as people quote it. */
    releasedCase?: string;
  };
  /** The reasoned actions' forms (keep locked, the limits' reset, the wait's end), each by its action's key. */
  actions: ReasonedForms;
}

let current: CaseState | undefined;

const caseOf = (ctx: Ctx, customerId: string, fresh: boolean) => {
  if (fresh || !current || current.customerId !== customerId || current.owner !== ctx.session.sub)
    current = {
      customerId,
      owner: ctx.session.sub,
      loading: false,
      release: { reason: '', busy: false },
      actions: {},
    };
  return current;
};

const loadCase = async (ctx: Ctx, page: CaseState, focus?: string) => {
  page.loading = true;
  try {
    const response = await ctx.request('GET /security/customers/{customerId}/recovery-lock', {
      params: { customerId: page.customerId },
    });
    page.data = response.body;
    page.loadError = undefined;
  } catch (error) {
    page.loadError = ctx.errorInfo(error);
  } finally {
    page.loading = false;
  }
  ctx.render(focus);
};

/** Sessions a release can rest on: PASSED ones under the lock (the API says why one does not serve). */
const releaseCandidates = (data: RecoveryLockCase) =>
  data.verifications.filter((item) => item.status === 'PASSED');

/** Keep the lock, with a note of what the officer found: it changes nothing but the case's review. */
const keepLocked: ReasonedAction = {
  key: 'keep',
  send: async (ctx, customerId, note) => {
    await ctx.request('POST /security/customers/{customerId}/recovery-lock/keep', {
      params: { customerId },
      body: { note },
    });
    // The queue shows the last review: it is stale now.
    void loadQueue(ctx);
  },
  label: 'keepNote',
  hint: 'keepHint',
  button: 'keepButton',
  done: 'keptDone',
  tooShort: 'noteTooShort',
  maxLength: 1000,
  plain: true,
};

const release = async (ctx: Ctx, page: CaseState) => {
  const { t } = ctx.i18n;
  const form = page.release;
  const data = page.data;
  if (!data) return;
  const verificationId = form.verificationId ?? releaseCandidates(data)[0]?.verificationId;
  if (!verificationId) return;
  const confirmed = await confirmReasonedAction(ctx, form, {
    key: 'release',
    title: t('confirmReleaseTitle', { name: data.customer.fullName }),
    body: 'confirmReleaseBody',
    confirm: 'confirmReleaseYes',
  });
  if (!confirmed) return;
  try {
    const response = await ctx.request('POST /security/customers/{customerId}/recovery-lock/release', {
      params: { customerId: page.customerId },
      body: { verificationId, reason: form.reason.trim() },
    });
    form.auditEventId = response.body.auditEventId;
    form.releasedCase =
      data.verifications.find((item) => item.verificationId === verificationId)?.caseNumber ?? verificationId;
    form.reason = '';
    ctx.announce(t('releasedDone', { case: form.releasedCase }));
    void loadQueue(ctx);
    await loadCase(ctx, page, 'release-outcome');
  } catch (error) {
    const info = ctx.errorInfo(error);
    // The shared sentence speaks of disabling 2FA; here the same refusal is about the release.
    form.error = info.code === 'VERIFICATION_STALE' ? { ...info, text: t('releaseStale') } : info;
    ctx.alert(form.error.text);
  } finally {
    form.busy = false;
  }
  ctx.render(form.auditEventId ? 'release-outcome' : 'release');
};

type CaseEvent = RecoveryLockCase['timeline'][number];

/**
 * The officers' own events read as what they wrote: a sealed `note` is an officer's words in any event that
 * carries one (lib/audit/events.ts), so a new such event is quoted too. The rest as on the customer page.
 */
const caseEventDetails = (ctx: Ctx, event: CaseEvent) => {
  const details = event.details as Record<string, unknown>;
  if (typeof details.note === 'string') return `“${details.note}”`;
  if (event.type === 'RECOVERY_LOCK_RELEASED' && typeof details.reason === 'string')
    return `“${details.reason}” · ${String(details.caseNumber ?? details.verificationId ?? '')}`;
  return eventSentence(ctx, event, (verificationId) => verificationId);
};

const lockCard = (ctx: Ctx, data: RecoveryLockCase) => {
  const { t } = ctx.i18n;
  const lock = data.lock;
  return h(
    'section',
    { class: 'card', 'data-testid': 'security-case' },
    h(
      'dl',
      { class: 'facts' },
      fact(t('twoFactorStatus'), twoFactorBadge(ctx, data.customer)),
      fact(t('email'), data.customer.email),
      fact(t('company'), data.customer.companyName ?? t('none')),
      fact(t('phoneOnFile'), data.customer.phoneNumbers.join(', ') || t('noPhoneOnFile')),
      fact(t('customerId'), data.customer.customerId),
      lock ? fact(t('lockedSince'), ctx.i18n.dateTime(lock.lockedAt)) : null,
      lock
        ? fact(
            t('reportedCase'),
            lock.caseNumber ? h('span', { class: 'mono', text: lock.caseNumber }) : t('noCaseNumber'),
          )
        : null,
      lock ? fact(t('colReport'), reportText(ctx, lock)) : null,
      lock ? fact(t('colLastReview'), reviewText(ctx, lock)) : null,
    ),
    lock ? null : h('p', { class: 'notice', 'data-testid': 'not-locked', text: t('notLockedNow') }),
  );
};

const timelineCard = (ctx: Ctx, data: RecoveryLockCase) => {
  const { t, lang } = ctx.i18n;
  const th = (key: MessageKey) => h('th', { scope: 'col', text: t(key) });
  return h(
    'section',
    { class: 'card', 'data-testid': 'case-timeline' },
    h('h3', { text: t('caseTimelineTitle') }),
    h('p', {
      class: 'muted small',
      'data-testid': 'case-timeline-intro',
      // The timeline starts at the reported reset's session; without one, 24 hours before the lock.
      text: t(
        !data.lock
          ? 'caseTimelineIntroUnlocked'
          : data.lock.caseNumber
            ? 'caseTimelineIntro'
            : 'caseTimelineIntroNoCase',
      ),
    }),
    data.timeline.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            {},
            h('thead', {}, h('tr', {}, th('colTime'), th('colEvent'), th('colActor'), th('colDetails'))),
            h(
              'tbody',
              {},
              ...data.timeline.map((event) =>
                h(
                  'tr',
                  { 'data-type': event.type },
                  h('td', { text: ctx.i18n.dateTime(event.at) }),
                  h('td', { text: eventLabels[lang][event.type] ?? event.type }),
                  actorCell(ctx, event),
                  h('td', { class: 'details', text: caseEventDetails(ctx, event) }),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted', text: t('caseTimelineEmpty') }),
  );
};

const candidateLabel = (ctx: Ctx, item: RecoveryLockCase['verifications'][number]) => {
  const { t } = ctx.i18n;
  const values = {
    caseNumber: item.caseNumber ?? item.verificationId,
    status: t('vstatus_PASSED'),
    time: ctx.i18n.dateTime(item.completedAt ?? item.startedAt),
    agent: item.agentId,
  };
  const who =
    item.agentId === ctx.session.sub ? t('releaseCandidateYou', values) : t('releaseCandidate', values);
  return `${who} · ${t(item.emailCodeMatched && !item.withoutPossessionProof ? 'emailCodeYes' : 'emailCodeNo')}`;
};

const releaseForm = (ctx: Ctx, page: CaseState, data: RecoveryLockCase) => {
  const { t } = ctx.i18n;
  const form = page.release;
  const candidates = releaseCandidates(data);
  // The call-back comes first: before any session exists, the officer needs the number to call.
  const callBack = h('p', {
    class: 'notice notice-warn',
    'data-testid': 'release-call-back',
    text: callBackText(ctx, data.customer),
  });
  if (candidates.length === 0)
    return h(
      'div',
      { 'data-testid': 'release-form' },
      h('h4', { text: t('releaseTitle') }),
      callBack,
      h('p', { class: 'muted', 'data-testid': 'release-no-candidates', text: t('releaseNoCandidates') }),
      errorBlock(ctx, form.error, 'release-error'),
    );
  const chosen = form.verificationId ?? candidates[0]?.verificationId;
  return actionForm(
    'release-form',
    () => release(ctx, page),
    h('h4', { text: t('releaseTitle') }),
    callBack,
    h(
      'fieldset',
      {},
      h('legend', { text: t('releaseVerification') }),
      ...candidates.map((item) => {
        const id = uid('release-verification');
        return h(
          'div',
          { class: 'choice', 'data-testid': 'release-candidate', 'data-case-number': item.caseNumber ?? '' },
          h('input', {
            type: 'radio',
            id,
            name: 'release-verification',
            value: item.verificationId,
            checked: item.verificationId === chosen,
            'data-key': `release-verification-${item.verificationId}`,
            on: { change: () => (form.verificationId = item.verificationId) },
          }),
          h('label', { for: id, text: candidateLabel(ctx, item) }),
        );
      }),
    ),
    ...reasonFields(ctx, form, {
      key: 'release',
      label: 'releaseReason',
      hint: 'releaseReasonHint',
      button: 'releaseButton',
    }),
    errorBlock(ctx, form.error, 'release-error'),
  );
};

const decisionCard = (ctx: Ctx, page: CaseState, data: RecoveryLockCase, target: ActionTarget) => {
  const { t } = ctx.i18n;
  const released = page.release.auditEventId
    ? h(
        'div',
        {
          class: 'notice notice-ok',
          tabindex: -1,
          'data-key': 'release-outcome',
          'data-testid': 'release-outcome',
        },
        h('p', { text: t('releasedDone', { case: page.release.releasedCase ?? '' }) }),
        // The audit event only as a reference for whoever looks it up later.
        h('p', { class: 'muted small', text: t('auditReference', { id: page.release.auditEventId }) }),
      )
    : null;
  if (!data.lock) return released ? h('section', { class: 'card' }, released) : null;
  return h(
    'section',
    { class: 'card', 'data-testid': 'security-decision' },
    h('h3', { text: t('decisionTitle') }),
    h('p', { text: t('decisionIntro') }),
    releaseForm(ctx, page, data),
    reasonedActionForm(ctx, keepLocked, page.actions, target, h('h4', { text: t('keepTitle') })),
    reasonedOutcome(ctx, keepLocked, page.actions),
  );
};

export const securityCaseView = (ctx: Ctx, customerId: string, fresh: boolean) => {
  const { t } = ctx.i18n;
  const page = caseOf(ctx, customerId, fresh);
  if (!page.data && !page.loadError && !page.loading) void loadCase(ctx, page);
  const back = h('a', { href: '#/security', class: 'back', text: t('backToQueue') });
  const data = page.data;
  const target = (customer: RecoveryLockCase['customer']): ActionTarget => ({
    customerId,
    name: customer.fullName,
    reload: (focus) => loadCase(ctx, page, focus),
  });
  return customerPageLayout(
    ctx,
    { customerId, back, loadError: page.loadError },
    () =>
      data && {
        name: data.customer.fullName,
        // Just released: the outcome comes first, above the facts that now say there is nothing to decide.
        cards: [
          ...(data.lock
            ? [lockCard(ctx, data), decisionCard(ctx, page, data, target(data.customer))]
            : [decisionCard(ctx, page, data, target(data.customer)), lockCard(ctx, data)]),
          delayCard(ctx, data, page.actions, target(data.customer)),
          limitsCard(ctx, data, page.actions, target(data.customer)),
          timelineCard(ctx, data),
        ],
      },
  );
};
