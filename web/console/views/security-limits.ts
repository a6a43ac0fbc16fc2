// The recovery limits in the security officer's view: the queue of customers a cooldown or a spent
// daily budget holds up (below the recovery locks), and in a customer's case the limits, the sessions
// that caused them and the reset, with a reason and the reminder to call the customer back on contact
// details already on file. The API decides who may reset; refusals show beside the form.
import { h } from '../../shared/dom';
import type { RecoveryLockCase } from '../../../lib/security/api';
import type { AnswerOf } from '../operations';
import { errorBlock, fact, type Ctx, type ErrorInfo } from '../context';
import type { MessageKey } from '../messages';
import {
  reasonedActionForm,
  reasonedOutcome,
  type ActionTarget,
  type ReasonedAction,
  type ReasonedForms,
} from './reasoned-action';

type RecoveryLimitQueue = AnswerOf<'GET /security/recovery-limits'>;

type Limits = RecoveryLockCase['limits'];
type LimitedEntry = RecoveryLimitQueue['customers'][number];

interface LimitsQueueState {
  owner?: string;
  customers?: LimitedEntry[];
  loading: boolean;
  loadError?: ErrorInfo;
}

let queue: LimitsQueueState = { loading: false };

const queueOf = (ctx: Ctx) => {
  if (queue.owner !== ctx.session.sub) queue = { owner: ctx.session.sub, loading: false };
  return queue;
};

export const loadLimitsQueue = async (ctx: Ctx) => {
  const state = queueOf(ctx);
  state.loading = true;
  try {
    const response = await ctx.request('GET /security/recovery-limits', { query: { limit: 50 } });
    state.customers = response.body.customers;
    state.loadError = undefined;
  } catch (error) {
    state.loadError = ctx.errorInfo(error);
  } finally {
    state.loading = false;
  }
  ctx.render();
};

/** "wachttijd tot 14:05 · codes 5/5 · instructie-mails 3/3": what holds the customer up now. */
const limitsText = (ctx: Ctx, limits: Limits) => {
  const { t } = ctx.i18n;
  const parts = [
    limits.cooldownUntil ? t('limitCooldown', { time: ctx.i18n.dateTime(limits.cooldownUntil) }) : null,
    limits.emailCodes.sentIn24h
      ? t('limitCodes', { sent: limits.emailCodes.sentIn24h, perDay: limits.emailCodes.perDay })
      : null,
    limits.guideMails.sentIn24h
      ? t('limitGuides', { sent: limits.guideMails.sentIn24h, perDay: limits.guideMails.perDay })
      : null,
  ].filter((part): part is string => part !== null);
  return parts.length ? parts.join(' · ') : t('limitNone');
};

const sessionText = (ctx: Ctx, session: Limits['sessions'][number]) => {
  const { t } = ctx.i18n;
  const causes = session.causes
    .map((cause) => t(`cause_${cause}` satisfies MessageKey, { count: session.codesSent }))
    .join(', ');
  return t('causeSession', {
    case: session.caseNumber ?? session.verificationId,
    agent: session.agentId,
    time: ctx.i18n.dateTime(session.startedAt),
    causes,
  });
};

const sessionList = (ctx: Ctx, limits: Limits) =>
  h(
    'ul',
    { class: 'plain', 'data-testid': 'limit-sessions' },
    ...limits.sessions.map((session) =>
      h('li', { 'data-verification': session.verificationId, text: sessionText(ctx, session) }),
    ),
  );

/** Below the recovery locks: the customers held up now, each opening its case. */
export const limitsQueueCard = (ctx: Ctx, fresh: boolean) => {
  const { t } = ctx.i18n;
  const state = queueOf(ctx);
  if ((fresh || (!state.customers && !state.loadError)) && !state.loading) void loadLimitsQueue(ctx);
  const th = (key: MessageKey) => h('th', { scope: 'col', text: t(key) });
  const customers = state.customers;
  return h(
    'section',
    { class: 'card', 'data-testid': 'limits-queue' },
    h('h2', { text: t('limitsQueueTitle') }),
    h('p', { text: t('limitsQueueIntro') }),
    errorBlock(ctx, state.loadError, 'limits-load-error'),
    !customers
      ? h('p', { class: 'muted', role: 'status', text: t('loading') })
      : customers.length === 0
        ? h('p', { 'data-testid': 'limits-empty', text: t('limitsQueueNone') })
        : h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { 'data-testid': 'limited-customers' },
              h('caption', { class: 'visually-hidden', text: t('limitsQueueTitle') }),
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  th('colCustomer'),
                  th('colLimits'),
                  th('colLimitedUntil'),
                  th('colCausingSessions'),
                ),
              ),
              h(
                'tbody',
                {},
                ...customers.map((entry) =>
                  h(
                    'tr',
                    { 'data-customer': entry.customerId },
                    h(
                      'td',
                      {},
                      h('a', {
                        href: `#/security/${encodeURIComponent(entry.customerId)}`,
                        text: entry.fullName,
                      }),
                      h('div', { class: 'muted small', text: entry.email }),
                    ),
                    h('td', { text: limitsText(ctx, entry) }),
                    h('td', { text: ctx.i18n.dateTime(entry.limitedUntil) }),
                    h('td', {}, sessionList(ctx, entry)),
                  ),
                ),
              ),
            ),
          ),
  );
};

/** Whom the officer calls back and how: the numbers on file, or without one a mail to the address on file. */
export const callBackText = (ctx: Ctx, customer: RecoveryLockCase['customer']) =>
  customer.phoneNumbers.length
    ? ctx.i18n.t('callBackOn', { numbers: customer.phoneNumbers.join(', ') })
    : ctx.i18n.t('callBackNoNumber', { email: customer.email });

/** The reset of a customer's recovery limits, with a reason, confirmed first. */
const limitsReset: ReasonedAction = {
  key: 'limits-reset',
  send: (ctx, customerId, reason) =>
    ctx.request('POST /security/customers/{customerId}/recovery-limits/reset', {
      params: { customerId },
      body: { reason },
    }),
  label: 'limitsResetReason',
  hint: 'limitsResetHint',
  button: 'limitsResetButton',
  done: 'limitsResetDone',
  confirm: { title: 'confirmLimitsResetTitle', body: 'confirmLimitsResetBody', yes: 'confirmLimitsResetYes' },
};

/** In the case: what holds the customer up, the sessions that caused it, and the reset. */
export const limitsCard = (ctx: Ctx, data: RecoveryLockCase, forms: ReasonedForms, target: ActionTarget) => {
  const { t } = ctx.i18n;
  const limits = data.limits;
  const held =
    limits.cooldownUntil !== null || limits.emailCodes.sentIn24h > 0 || limits.guideMails.sentIn24h > 0;
  return h(
    'section',
    { class: 'card', 'data-testid': 'recovery-limits' },
    h('h3', { text: t('limitsTitle') }),
    h('dl', { class: 'facts' }, fact(t('colLimits'), limitsText(ctx, limits))),
    limits.sessions.length ? sessionList(ctx, limits) : null,
    reasonedOutcome(ctx, limitsReset, forms),
    held
      ? reasonedActionForm(
          ctx,
          limitsReset,
          forms,
          {
            ...target,
            // The queue below the locks loses the customer too.
            reload: async (focus) => {
              void loadLimitsQueue(ctx);
              await target.reload(focus);
            },
          },
          h('p', {
            class: 'notice notice-warn',
            'data-testid': 'limits-call-back',
            text: `${callBackText(ctx, data.customer)} ${t('limitsCallBack')}`,
          }),
          limits.failureStreak > 0
            ? h('p', { class: 'muted small', text: t('limitsStreakKept', { streak: limits.failureStreak }) })
            : null,
        )
      : h('p', { class: 'muted', 'data-testid': 'limits-calm', text: t('limitsCalmNote') }),
  );
};
