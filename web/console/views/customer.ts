// The customer page: who it is, the 2FA status, warnings that stop a reset, the verification
// checklist, the disable step for admins, and the history (verifications and audit events).
import { delayNotice } from './recovery-delay';
import { h } from '../../shared/dom';
import { maySeeSession } from '../../../lib/verification/access';
import type { CustomerProfile } from '../../../lib/staff-views/api';
import { isSecurityOfficer } from '../auth';
import { customerPageLayout, fact, type Ctx } from '../context';
import { channelLabels, notificationKindLabels } from '../messages';
import { auditTrailSection } from './audit-trail';
import { customerPage, loadOlderVerifications, loadProfile, type CustomerPage } from './customer-state';
import { disableCard, disableComesFirst } from './disable';
import { rejectionNotice, resetLinkCard } from './handoff';
import { twoFactorBadge } from './search';
import { verificationCard } from './verification';

const profileCard = (ctx: Ctx, profile: CustomerProfile) => {
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
      fact(
        t('twoFactorMethods'),
        h('span', {
          'data-testid': 'two-factor-methods',
          text:
            customer.methods
              .map(({ method, count }) => t(`method_${method}`, { count: String(count) }))
              .join(', ') || t('none'),
        }),
      ),
      fact(t('email'), customer.email),
      fact(t('company'), customer.companyName ?? t('none')),
      fact(t('phoneOnFile'), customer.phoneNumbersMasked.join(', ') || t('noPhoneOnFile')),
      fact(t('customerId'), customer.customerId),
      customer.lastResetAt ? fact(t('lastReset'), ctx.i18n.dateTime(customer.lastResetAt)) : null,
    ),
    customer.recoveryLocked
      ? h(
          'div',
          { class: 'notice notice-error', 'data-testid': 'recovery-locked' },
          h('p', { text: t('lockReportedNotice') }),
          isSecurityOfficer(ctx.session)
            ? h(
                'p',
                {},
                h('a', {
                  href: `#/security/${encodeURIComponent(customer.customerId)}`,
                  text: t('openCaseForOfficer'),
                }),
              )
            : null,
        )
      : null,
    mailFeedbackNotice(ctx, customer.mailFeedback),
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

/** A mail SES could not deliver (or the customer reported as spam): the agent calls back. */
const mailFeedbackNotice = (ctx: Ctx, mark: CustomerProfile['customer']['mailFeedback']) => {
  if (!mark) return null;
  const { t, lang } = ctx.i18n;
  const values = {
    time: ctx.i18n.dateTime(mark.at),
    kind: notificationKindLabels[lang][mark.kind],
    // SES's class in plain words: a tired agent reads "for good", not "Permanent".
    class: t(
      mark.class === 'Permanent'
        ? 'bounceClass_Permanent'
        : mark.class === 'Transient'
          ? 'bounceClass_Transient'
          : 'bounceClass_Other',
    ),
  };
  // The mails that carry the enrollment link: without them the customer cannot turn 2FA back on.
  const carriesLink = mark.kind === 'RESET' || mark.kind === 'LOCK_RELEASED';
  return h('p', {
    class: 'notice notice-error',
    'data-testid': 'mail-feedback',
    text:
      mark.feedback === 'complaint'
        ? t('mailComplained', values)
        : t(carriesLink ? 'mailBouncedReset' : 'mailBouncedOther', values),
  });
};

const historyCard = (ctx: Ctx, page: CustomerPage, profile: CustomerProfile) => {
  const { t, lang } = ctx.i18n;
  const verifications = profile.recentVerifications;
  const reader = { id: ctx.session.sub, groups: ctx.session.groups };
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
                th('colRecord'),
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
                  h('td', {
                    class: 'mono',
                    'data-testid': 'verification-case',
                    text: item.caseNumber ?? item.verificationId,
                  }),
                  h('td', { text: item.agentId }),
                  h('td', { text: channelLabels[lang][item.channel] }),
                  h('td', { 'data-status': item.status, text: t(`vstatus_${item.status}`) }),
                  h(
                    'td',
                    { class: 'no-print' },
                    // Another agent's session (its notes) is not this reader's to open; the API says 403 too.
                    maySeeSession(item, reader)
                      ? h('a', {
                          href: `#/cases/${encodeURIComponent(item.verificationId)}/print`,
                          'data-testid': 'print-case-record',
                          text: t('printCaseRecord'),
                        })
                      : null,
                  ),
                ),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted', text: t('noVerifications') }),
    olderVerificationsButton(ctx, page, profile.nextVerificationsCursor),
    auditTrailSection(ctx, page.customerId, profile, page.audit),
  );
};

/** "Older…": the verifications are paged, and nothing is out of reach (the audit table pages itself). */
const olderVerificationsButton = (ctx: Ctx, page: CustomerPage, cursor: string | null) =>
  cursor
    ? h('button', {
        type: 'button',
        class: 'secondary',
        'data-key': 'older-verifications',
        'data-testid': 'older-verifications',
        text: ctx.i18n.t('olderVerifications'),
        on: { click: () => void loadOlderVerifications(ctx, page) },
      })
    : null;

export const customerView = (ctx: Ctx, customerId: string) => {
  const page: CustomerPage = customerPage(customerId);
  const { t } = ctx.i18n;
  if (!page.profile && !page.loadError && !page.loading) void loadProfile(ctx, page);
  const back = h('a', { href: '#/', class: 'back', text: t('back') });
  const profile = page.profile;
  return customerPageLayout(
    ctx,
    { customerId, back, loadError: page.loadError, errorHeadingTestId: 'customer-name' },
    () =>
      profile && {
        name: profile.customer.fullName,
        cards: [
          profileCard(ctx, profile),
          delayNotice(ctx, profile.customer.recoveryDelay),
          rejectionNotice(ctx, profile),
          ...(disableComesFirst(ctx, profile)
            ? [disableCard(ctx, page), verificationCard(ctx, page)]
            : [verificationCard(ctx, page), disableCard(ctx, page)]),
          resetLinkCard(ctx, page, profile),
          historyCard(ctx, page, profile),
        ],
      },
  );
};
