// The security officer's side of a "this wasn't me" report, the queue: the recovery locks, oldest
// first, with their count in the navigation; below them the customers a cooldown or a spent budget
// holds up (security-limits.ts). Each opens its case (security-case.ts).
import { h } from '../../shared/dom';
import type { RecoveryLockCase, RecoveryLockEntry } from '../../../lib/security/api';
import type { Session } from '../auth';
import { errorBlock, type Ctx, type ErrorInfo } from '../context';
import type { MessageKey } from '../messages';
import { limitsQueueCard } from './security-limits';

/** A lock as the queue lists it, or as its case shows it. */
type LockEntry = RecoveryLockEntry | NonNullable<RecoveryLockCase['lock']>;

/** Helpdesk and admin read customer profiles; an officer who is neither reads the case instead. */
export const readsProfiles = (session: Session) =>
  session.groups.includes('helpdesk') || session.groups.includes('admin');

const QUEUE_PAGE = 100;

interface QueueState {
  /** Whose queue this is: a sign-out and another sign-in start empty. */
  owner?: string;
  locks?: RecoveryLockEntry[];
  nextCursor: string | null;
  loading: boolean;
  loadError?: ErrorInfo;
}

let queue: QueueState = { nextCursor: null, loading: false };

const queueOf = (ctx: Ctx) => {
  if (queue.owner !== ctx.session.sub) queue = { owner: ctx.session.sub, nextCursor: null, loading: false };
  return queue;
};

/** From a button (`focus` given) the busy state shows at once; from a render, the answer renders. */
export const loadQueue = async (ctx: Ctx, more = false, focus?: string) => {
  const state = queueOf(ctx);
  state.loading = true;
  if (focus) ctx.render(focus);
  try {
    const response = await ctx.request('GET /security/recovery-locks', {
      query: { limit: QUEUE_PAGE, cursor: more ? (state.nextCursor ?? undefined) : undefined },
    });
    state.locks = more ? [...(state.locks ?? []), ...response.body.locks] : response.body.locks;
    state.nextCursor = response.body.nextCursor;
    state.loadError = undefined;
  } catch (error) {
    state.loadError = ctx.errorInfo(error);
    ctx.alert(state.loadError.text);
  } finally {
    state.loading = false;
  }
  ctx.render(focus);
};

/** "Herstelblokkades (2)": the count of open locks, loaded once per sign-in and after every decision. */
export const securityNavLink = (ctx: Ctx, current: boolean) => {
  const { t } = ctx.i18n;
  const state = queueOf(ctx);
  if (!state.locks && !state.loading && !state.loadError) void loadQueue(ctx);
  const count = state.locks ? `${state.locks.length}${state.nextCursor ? '+' : ''}` : undefined;
  return h(
    'a',
    {
      href: '#/security',
      'aria-current': current ? 'page' : undefined,
    },
    t('navSecurity'),
    // The name is the visible text and more ("Herstelblokkades 2 open"), as WCAG 2.5.3 asks.
    ...(count !== undefined
      ? [
          ' ',
          h('span', {
            class: `badge badge-count${state.locks?.length ? ' badge-locked' : ''}`,
            'data-testid': 'security-count',
            text: count,
          }),
          h('span', { class: 'visually-hidden', text: ` ${t('navSecurityCount')}` }),
        ]
      : []),
  );
};

const purposeKey = (purpose: string): MessageKey =>
  purpose === 'RESET'
    ? 'ticketPurpose_RESET'
    : purpose === 'SELF_SERVICE'
      ? 'ticketPurpose_SELF_SERVICE'
      : purpose === 'REPLACE'
        ? 'ticketPurpose_REPLACE'
        : 'ticketPurpose_OTHER';

export const reportText = (ctx: Ctx, lock: LockEntry) =>
  lock.report
    ? ctx.i18n.t('reportText', {
        purpose: ctx.i18n.t(purposeKey(lock.report.ticketPurpose)),
        status: ctx.i18n.t(`tf_${lock.report.previousStatus}`),
      })
    : ctx.i18n.t('none');

export const reviewText = (ctx: Ctx, lock: LockEntry) =>
  lock.lastReview
    ? ctx.i18n.t('reviewText', {
        officer: lock.lastReview.officerId,
        time: ctx.i18n.dateTime(lock.lastReview.at),
      })
    : ctx.i18n.t('notReviewed');

const caseLink = (customerId: string) => `#/security/${encodeURIComponent(customerId)}`;

/** `#/security` for staff outside the security group: said in words, not a silent redirect. */
export const securityOnlyView = (ctx: Ctx) =>
  h(
    'section',
    { class: 'card' },
    h('h2', { tabindex: -1, 'data-route-focus': true, text: ctx.i18n.t('securityTitle') }),
    h('p', {
      class: 'notice notice-error',
      'data-testid': 'security-only',
      text: ctx.i18n.t('securityOnly'),
    }),
    h('p', {}, h('a', { href: '#/', text: ctx.i18n.t('navSearch') })),
  );

export const securityQueueView = (ctx: Ctx, fresh: boolean) => {
  const { t } = ctx.i18n;
  const state = queueOf(ctx);
  if (fresh && !state.loading) void loadQueue(ctx);
  const th = (key: MessageKey) => h('th', { scope: 'col', text: t(key) });
  const locks = state.locks;
  const locksCard = h(
    'section',
    { class: 'card', 'data-testid': 'security-queue' },
    h('h2', { tabindex: -1, 'data-route-focus': true, text: t('securityTitle') }),
    h('p', { text: t('securityIntro') }),
    h(
      'div',
      { class: 'actions' },
      h('button', {
        type: 'button',
        class: 'secondary',
        'data-key': 'security-refresh',
        disabled: state.loading,
        text: t('refresh'),
        on: { click: () => void loadQueue(ctx, false, 'security-refresh') },
      }),
    ),
    errorBlock(ctx, state.loadError, 'load-error'),
    !locks
      ? h('p', { class: 'muted', role: 'status', text: t('loading') })
      : locks.length === 0
        ? h('p', { 'data-testid': 'security-empty', text: t('securityNone') })
        : h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { 'data-testid': 'security-locks' },
              h('caption', { class: 'visually-hidden', text: t('securityTitle') }),
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  th('colCustomer'),
                  th('colCaseNumber'),
                  th('colReportedAt'),
                  th('colReport'),
                  th('colLastReview'),
                ),
              ),
              h(
                'tbody',
                {},
                ...locks.map((lock) =>
                  h(
                    'tr',
                    { 'data-customer': lock.customerId },
                    h(
                      'td',
                      {},
                      h('a', { href: caseLink(lock.customerId), text: lock.fullName }),
                      h('div', { class: 'muted small', text: lock.email }),
                    ),
                    h('td', { class: 'mono', text: lock.caseNumber ?? t('noCaseNumber') }),
                    h('td', { text: ctx.i18n.dateTime(lock.report?.reportedAt ?? lock.lockedAt) }),
                    h('td', { text: reportText(ctx, lock) }),
                    h('td', { text: reviewText(ctx, lock) }),
                  ),
                ),
              ),
            ),
          ),
    state.nextCursor
      ? h('button', {
          type: 'button',
          class: 'secondary',
          'data-key': 'security-more',
          disabled: state.loading,
          text: t('securityMore'),
          on: { click: () => void loadQueue(ctx, true, 'security-more') },
        })
      : null,
  );
  return h('div', {}, locksCard, limitsQueueCard(ctx, fresh));
};
