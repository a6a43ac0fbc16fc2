// The customer page: who it is, the 2FA status, warnings that stop a reset, the verification
// checklist, the disable step for admins, and the history (verifications and audit events).
import type { AuditEventType } from '../../../lib/audit/events';
import type { CheckResult, CheckType } from '../../../lib/verification/schemas';
import { h } from '../../shared/dom';
import type { Profile } from '../api-types';
import { errorBlock, fact, type Ctx } from '../context';
import type { NoPossessionReason, ReportedProblem } from '../../../lib/verification/vocabulary';
import {
  actorLabels,
  channelLabels,
  checkLabels,
  eventLabels,
  noPossessionReasonLabels,
  reportedProblemLabels,
  resultLabels,
} from '../messages';
import { customerPage, loadOlder, loadProfile, type CustomerPage } from './customer-state';
import { disableCard } from './disable';
import { twoFactorBadge } from './search';
import { verificationCard } from './verification';

type AuditEventView = Profile['recentEvents'][number];

const profileCard = (ctx: Ctx, profile: Profile) => {
  const { t } = ctx.i18n;
  const customer = profile.customer;
  const cooldown =
    customer.verificationCooldownUntil && new Date(customer.verificationCooldownUntil) > new Date()
      ? customer.verificationCooldownUntil
      : undefined;
  return h(
    'section',
    { class: 'card', 'data-testid': 'customer' },
    h('h3', { class: 'visually-hidden', text: t('customerDetails') }),
    h(
      'dl',
      { class: 'facts' },
      fact(t('twoFactorStatus'), twoFactorBadge(ctx, customer)),
      fact(t('email'), customer.email),
      fact(t('company'), customer.companyName ?? t('none')),
      fact(t('customerId'), customer.customerId),
      customer.lastResetAt ? fact(t('lastReset'), ctx.i18n.dateTime(customer.lastResetAt)) : null,
    ),
    customer.recoveryLocked
      ? h('p', { class: 'notice notice-error', 'data-testid': 'recovery-locked', text: t('recoveryLocked') })
      : null,
    customer.privileged ? h('p', { class: 'notice notice-warn', text: t('privileged') }) : null,
    cooldown
      ? h('p', { class: 'notice notice-warn', text: t('cooldown', { time: ctx.i18n.dateTime(cooldown) }) })
      : null,
    customer.failedVerificationCount > 0
      ? h('p', {
          class: 'muted small',
          text: t('failedVerifications', { count: customer.failedVerificationCount }),
        })
      : null,
    customer.emailChangedAt
      ? h('p', {
          class: 'muted small',
          text: t('emailChanged', { time: ctx.i18n.dateTime(customer.emailChangedAt) }),
        })
      : null,
  );
};

const detailValue = (value: unknown): string =>
  value === null || value === undefined
    ? ''
    : typeof value === 'object'
      ? Array.isArray(value)
        ? value.map(detailValue).join(', ')
        : JSON.stringify(value)
      : String(value);

/** The details an auditor records, in words for the common events and as key: value otherwise. */
const eventDetails = (ctx: Ctx, event: AuditEventView): string => {
  const { lang } = ctx.i18n;
  const details = event.details as Record<string, unknown>;
  const type = event.type as AuditEventType;
  if (type === 'VERIFICATION_CHECK_RECORDED' && typeof details.check === 'string') {
    const check = checkLabels[lang][details.check as CheckType] ?? details.check;
    const result = resultLabels[lang][details.result as CheckResult] ?? detailValue(details.result);
    return `${check}: ${result}`;
  }
  if (type === 'VERIFICATION_STARTED' && typeof details.channel === 'string') {
    const channel = channelLabels[lang][details.channel as 'phone'] ?? details.channel;
    const problem = reportedProblemLabels[lang][details.reportedProblem as ReportedProblem];
    return problem ? `${channel} · ${problem}` : channel;
  }
  if (type === 'HELPDESK_TRIAGE_RECORDED' && typeof details.advice === 'string') {
    const { t } = ctx.i18n;
    const yesNo = (value: unknown) => t(value === true ? 'triageYes' : 'triageNo').toLowerCase();
    const words = t('triageHistory', {
      problem: reportedProblemLabels[lang][details.reportedProblem as ReportedProblem] ?? '-',
      app: yesNo(details.oldAuthenticatorWorks),
      codes: yesNo(details.backupCodesAvailable),
      advice: t(details.advice === 'SELF_SERVICE' ? 'triageAdvice_SELF_SERVICE' : 'triageAdvice_VERIFY'),
    });
    return details.guideEmailed === true ? `${words} · ${t('triageGuideMailed')}` : words;
  }
  if (type === 'VERIFICATION_COMPLETED' && typeof details.outcome === 'string') {
    const outcome = ctx.i18n.t(details.outcome === 'PASSED' ? 'outcome_PASSED' : 'outcome_FAILED');
    const waived = noPossessionReasonLabels[lang][details.withoutPossessionProof as NoPossessionReason];
    return waived ? `${outcome} · ${ctx.i18n.t('approvalReason_NO_POSSESSION_PROOF')}: ${waived}` : outcome;
  }
  if ((type === 'TWO_FA_DISABLED' || type === 'TWO_FA_DISABLE_PENDING_APPROVAL') && details.reason)
    return `“${detailValue(details.reason)}”`;
  return Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([key, value]) => `${key}: ${detailValue(value)}`)
    .join(' · ');
};

const historyCard = (ctx: Ctx, page: CustomerPage, profile: Profile) => {
  const { t, lang } = ctx.i18n;
  const verifications = profile.recentVerifications;
  const events = profile.recentEvents;
  const th = (key: Parameters<typeof t>[0]) => h('th', { scope: 'col', text: t(key) });
  return h(
    'section',
    { class: 'card', 'data-testid': 'history' },
    h('h3', { text: t('historyTitle') }),
    h('h4', { text: t('recentVerifications') }),
    verifications.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { 'data-testid': 'verifications-table' },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                th('colTime'),
                th('colVerification'),
                th('colAgent'),
                th('colChannel'),
                th('colStatus'),
              ),
            ),
            h(
              'tbody',
              {},
              ...verifications.map((item) =>
                h(
                  'tr',
                  {},
                  h('td', { text: ctx.i18n.dateTime(item.startedAt) }),
                  h('td', { class: 'mono', text: item.verificationId }),
                  h('td', { text: item.agentId }),
                  h('td', { text: channelLabels[lang][item.channel] }),
                  h('td', { 'data-status': item.status, text: t(`vstatus_${item.status}`) }),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted', text: t('noVerifications') }),
    olderButton(ctx, page, 'verifications', profile.nextVerificationsCursor),
    h('h4', { text: t('recentEvents') }),
    events.length
      ? h(
          'div',
          { class: 'table-wrap' },
          h(
            'table',
            { 'data-testid': 'events-table' },
            h('thead', {}, h('tr', {}, th('colTime'), th('colEvent'), th('colActor'), th('colDetails'))),
            h(
              'tbody',
              {},
              ...events.map((event) =>
                h(
                  'tr',
                  { 'data-type': event.type },
                  h('td', { text: ctx.i18n.dateTime(event.at) }),
                  h('td', { text: eventLabels[lang][event.type] ?? event.type }),
                  h('td', {
                    text: `${actorLabels[lang][event.actorType] ?? event.actorType} ${event.actorId}`,
                  }),
                  h('td', { class: 'details', text: eventDetails(ctx, event) }),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted', text: t('noHistory') }),
    olderButton(ctx, page, 'events', profile.nextEventsCursor),
  );
};

/** "Older…": the history is paged, and nothing is out of reach. */
const olderButton = (
  ctx: Ctx,
  page: CustomerPage,
  list: 'verifications' | 'events',
  cursor: string | null,
) =>
  cursor
    ? h('button', {
        type: 'button',
        class: 'secondary',
        'data-key': `older-${list}`,
        'data-testid': `older-${list}`,
        text: ctx.i18n.t(list === 'events' ? 'olderEvents' : 'olderVerifications'),
        on: { click: () => void loadOlder(ctx, page, list) },
      })
    : null;

export const customerView = (ctx: Ctx, customerId: string) => {
  const page: CustomerPage = customerPage(customerId);
  const { t } = ctx.i18n;
  if (!page.profile && !page.loadError && !page.loading) void loadProfile(ctx, page);
  const back = h('a', { href: '#/', class: 'back', text: t('back') });
  if (page.loadError)
    return h(
      'div',
      {},
      back,
      h('h2', { tabindex: -1, 'data-route-focus': true, text: customerId }),
      errorBlock(ctx, page.loadError, 'load-error'),
    );
  if (!page.profile)
    return h('div', {}, back, h('p', { class: 'muted', role: 'status', text: t('loading') }));
  const profile = page.profile;
  return h(
    'div',
    {},
    back,
    h('h2', {
      tabindex: -1,
      'data-route-focus': true,
      'data-testid': 'customer-name',
      text: profile.customer.fullName,
    }),
    profileCard(ctx, profile),
    verificationCard(ctx, page),
    disableCard(ctx, page),
    historyCard(ctx, page, profile),
  );
};
