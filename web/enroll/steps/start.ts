// Opening the link: no ticket, checking what the link is, the start ("Beginnen", or "this wasn't me"),
// what happened to a dead link, and an error with "try again" on the way in.
import { ApiError } from '../../shared/api';
import { h } from '../../shared/dom';
import { linkStatus, startEnrollment, type LinkStatus } from '../enrollment-api';
import type { MessageKey, TicketErrorCode } from '../messages';
import { forgetTicket, keepTicket, phoneLayout, type Page, type View, type ViewOf } from '../page';
import { errorNotice, handleFailure, helpdeskContact, notMeButton, accountLine, title } from '../parts';
import { appHeading, passkeyChoice, passkeysAvailable } from './passkey';

const linkRefusals: Record<Exclude<LinkStatus['state'], 'VALID'>, TicketErrorCode> = {
  USED: 'TICKET_SPENT',
  VOIDED: 'TICKET_VOIDED',
  EXPIRED: 'TICKET_EXPIRED',
};

/** The page the link opens on: the start (or "this wasn't me"), or what happened to the link. */
export const openingView = (status: LinkStatus, report: boolean): { view: View; focus: string } => {
  // After "this wasn't me" every link of the account says it is locked and who calls, never "done".
  if (status.recoveryLocked)
    return { view: { name: 'ticket-error', code: 'RECOVERY_LOCKED' }, focus: 'ticket-error-title' };
  if (report && status.reportable) return { view: { name: 'report', busy: false }, focus: 'report-title' };
  // A reset's waiting period runs: the page says when the link opens (steps/waiting.ts).
  if (status.state === 'VALID' && status.availableAt)
    return { view: { name: 'waiting', availableAt: status.availableAt }, focus: 'waiting-title' };
  if (status.state === 'VALID') return { view: { name: 'intro' }, focus: 'intro-title' };
  return {
    view: { name: 'ticket-error', code: linkRefusals[status.state] },
    focus: 'ticket-error-title',
  };
};

/**
 * Asks what the link is before showing anything, so a dead link never gets as far as "Beginnen".
 * `started`: this tab had shown the QR code before a reload; a working link goes straight back to it.
 */
export const check = async (page: Page, report: boolean, started = false) => {
  const { ticket } = page;
  if (!ticket) return;
  page.link = undefined;
  page.show({ name: 'checking' });
  try {
    page.link = await linkStatus(ticket);
    if (page.link.locale) page.i18n.preferLang(page.link.locale);
    const opening = openingView(page.link, report);
    // A dead link is nothing to come back to in this tab.
    if (page.link.state !== 'VALID') forgetTicket();
    if (started && opening.view.name === 'intro') {
      await start(page);
      return;
    }
    page.show(opening.view, opening.focus);
  } catch (error) {
    handleFailure(page, error, (inline) =>
      page.show({ name: 'error', error: inline, retry: () => void check(page, report) }, 'retry'),
    );
  }
};

/** "Beginnen": a new secret and its QR code (again after "Opnieuw beginnen"). */
export const start = async (page: Page) => {
  const { ticket } = page;
  if (!ticket) return;
  page.show({ name: 'starting' });
  try {
    const enrollment = await startEnrollment(ticket);
    keepTicket(ticket, true);
    page.show({ name: 'scan', enrollment, busy: false, manualOpen: false }, 'scan-title');
  } catch (error) {
    // The page was opened before the wait was set (a link re-sent meanwhile): read when it opens.
    if (error instanceof ApiError && error.code === 'RECOVERY_PENDING') {
      await check(page, false);
      return;
    }
    handleFailure(page, error, (inline) =>
      page.show({ name: 'error', error: inline, retry: () => void start(page) }),
    );
  }
};

export const noTicketView = (page: Page) =>
  h(
    'section',
    { class: 'card', 'data-state': 'no-ticket' },
    title(page.t('noTicketTitle'), 'no-ticket-title'),
    h('p', { text: page.t('noTicketBody') }),
    h('p', { class: 'muted', text: page.t('noTicketNext') }),
    helpdeskContact(page),
  );

/** While the link is checked ('checking') or the enrollment started ('starting'). */
export const loadingView = ({ t }: Page, state: 'checking' | 'starting') =>
  h('section', { class: 'card', 'data-state': state }, h('p', { role: 'status', text: t('loading') }));

const introTitles: Record<LinkStatus['purpose'], MessageKey> = {
  RESET: 'introResetTitle',
  SELF_SERVICE: 'introTitle',
  REPLACE: 'introReplaceTitle',
  ADD: 'introAddTitle',
};
const introBodies: Record<LinkStatus['purpose'], MessageKey> = {
  RESET: 'introResetBody',
  SELF_SERVICE: 'introBody',
  REPLACE: 'introReplaceBody',
  ADD: 'introAddBody',
};

export const introView = (page: Page, view: ViewOf<'intro'> = { name: 'intro' }) => {
  const { link, t } = page;
  const passkeyFirst = passkeysAvailable();
  const purpose = link?.purpose ?? 'SELF_SERVICE';
  return h(
    'section',
    { class: 'card', 'data-state': 'intro', 'data-purpose': purpose },
    title(t(introTitles[purpose]), 'intro-title'),
    accountLine(page),
    h('p', { text: t(introBodies[purpose]) }),
    passkeyChoice(page, view),
    // An ADD link of an account with an app: one app per account, so passkeys only (steps/add-another.ts).
    ...(link?.appOnFile ? [] : appWay(page, passkeyFirst, link)),
    link?.appOnFile && !passkeyFirst
      ? h('p', { class: 'notice', 'data-testid': 'no-passkey-here', text: t('addNoPasskeyHere') })
      : null,
  );
};

const appWay = (page: Page, passkeyFirst: boolean, link: LinkStatus | undefined) => {
  const { t } = page;
  return [
    appHeading(page),
    h('p', { text: t('introNeed') }),
    h(
      'ol',
      {},
      // On a phone the app is on this device: it adds the account with a tap, there is nothing to scan.
      h('li', { text: t(phoneLayout.matches ? 'introStep1Phone' : 'introStep1') }),
      h('li', { text: t('introStep2') }),
      h('li', { text: t('introStep3') }),
    ),
    h(
      'div',
      { class: 'actions' },
      h('button', {
        type: 'button',
        'data-key': 'begin',
        class: passkeyFirst ? 'secondary' : undefined,
        // Under "Or use an authenticator app": the heading says which way this button begins.
        'aria-describedby': passkeyFirst ? 'app-choice' : undefined,
        text: t('begin'),
        on: { click: () => void start(page) },
      }),
      // Only a mailed reset link reports: a profile-page link was asked for from the customer's
      // own signed-in session (lib/reset/report.ts, reportsByTicket).
      link?.reportable ? notMeButton(page) : null,
    ),
  ];
};

/**
 * A profile-page link (SELF_SERVICE, REPLACE) was never mailed: a newer one voided it because the
 * customer asked again on the profile page, so "the most recent email" would send them looking in vain.
 */
const ticketErrorText = (
  { link }: Page,
  code: TicketErrorCode,
  part: 'title' | 'body' | 'next',
): MessageKey =>
  code === 'TICKET_VOIDED' && link && link.purpose !== 'RESET'
    ? `ticket_TICKET_VOIDED_profile_${part}`
    : `ticket_${code}_${part}`;

export const ticketErrorView = (page: Page, { code }: ViewOf<'ticket-error'>) => {
  const { ticket, link, t } = page;
  return h(
    'section',
    { class: 'card card-warn', 'data-state': 'ticket-error', 'data-code': code },
    title(t(ticketErrorText(page, code, 'title')), 'ticket-error-title'),
    h('p', { text: t(ticketErrorText(page, code, 'body')) }),
    h('p', { class: 'next', text: t(ticketErrorText(page, code, 'next')) }),
    helpdeskContact(page),
    // A reset link voided by a newer one the customer never asked for is the alarm's very case.
    ticket && link && link.state !== 'VALID' && link.reportable && !link.recoveryLocked
      ? h('div', { class: 'actions' }, h('p', { text: t('voidedNotMe') }), notMeButton(page))
      : null,
  );
};

export const errorView = (page: Page, current: ViewOf<'error'>) =>
  h(
    'section',
    { class: 'card', 'data-state': 'error' },
    errorNotice(page, current.error, 'page-error'),
    h('button', {
      type: 'button',
      'data-key': 'retry',
      text: page.t('tryAgain'),
      on: { click: () => current.retry() },
    }),
    helpdeskContact(page),
  );
