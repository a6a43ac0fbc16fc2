// The customer's enrollment page, opened from the email: the ticket is read from the URL fragment
// and removed from the address bar at once, its link checked (a used, voided or expired link says so
// before anything else), then QR code (or key) → 6-digit code → backup codes, every step naming the
// service and the account. "This wasn't me" reports the reset instead. The ticket lives only in this
// page's memory.
import type { EnrollmentLinkStatus } from '../../lib/enrollment/status';
import { api, ApiError } from '../shared/api';
import { byId, clear, h, uid } from '../shared/dom';
import { createTranslator, languageSwitch } from '../shared/i18n';
import { messages, ticketErrorCodes, type MessageKey, type TicketErrorCode } from './messages';

/** POST /enroll/status: the link's state when the page opens (one type with the server's). */
type LinkStatus = EnrollmentLinkStatus;

/** POST /enroll/start (DESIGN.md). */
interface StartedEnrollment {
  /** REPLACE: a new phone replaces the authenticator in use, which works until this one is confirmed. */
  mode: 'ENROLL' | 'REPLACE';
  otpauthUri: string;
  qrPng: string;
  secret: string;
  expiresAt: string;
}

/** POST /enroll/confirm (DESIGN.md). */
interface ConfirmedEnrollment {
  twoFactor: 'ENABLED';
  mode: 'ENROLL' | 'REPLACE';
  backupCodes: string[];
}

type View =
  | { name: 'no-ticket' }
  | { name: 'checking' }
  | { name: 'intro' }
  | { name: 'starting' }
  | { name: 'scan'; enrollment: StartedEnrollment; busy: boolean; manualOpen: boolean; error?: InlineError }
  | {
      name: 'codes';
      backupCodes: string[];
      /** When the codes were made: the printed and downloaded copies say so. */
      generatedAt: string;
      saved: boolean;
      savedError: boolean;
      replaced: boolean;
    }
  | { name: 'done'; replaced: boolean }
  | { name: 'report'; busy: boolean; error?: InlineError }
  | { name: 'reported' }
  | { name: 'ticket-error'; code: TicketErrorCode }
  | { name: 'error'; error: InlineError; retry: () => void };

interface InlineError {
  code: string;
  requestId?: string;
  /** Errors after which only a fresh start helps (new QR code). */
  restart?: boolean;
}

const i18n = createTranslator(messages);
const { t } = i18n;
const main = byId('main');
const headerTitle = byId('header-title');
const tools = byId('tools');
const announcer = byId('announcer');

/** Reads the ticket (and the "this wasn't me" flag) and takes both out of the address bar and history. */
const readFragment = () => {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  if (window.location.hash)
    history.replaceState(null, '', `${window.location.pathname}${window.location.search}`);
  const ticket = params.get('ticket')?.trim() || undefined;
  return { ticket, report: params.get('report') === '1' };
};

const fragment = readFragment();
let ticket = fragment.ticket;
/** What the server said about the link; kept after the ticket is spent, for the last steps' account line. */
let link: LinkStatus | undefined;
let view: View = ticket ? { name: 'checking' } : { name: 'no-ticket' };

/** On a phone the app is on this device: "open it in the app" comes first, the QR code is for another one. */
const phoneLayout = window.matchMedia('(max-width: 40rem), (pointer: coarse)');

const speak = (message: string) => {
  announcer.textContent = '';
  window.setTimeout(() => (announcer.textContent = message), 50);
};

const isTicketError = (code: string): code is TicketErrorCode =>
  (ticketErrorCodes as readonly string[]).includes(code);

const inlineError = (error: unknown): InlineError => {
  if (!(error instanceof ApiError)) return { code: 'generic' };
  return {
    code: error.status === 429 ? 'TOO_MANY_REQUESTS' : error.code,
    // A mistyped code is the customer's to fix: no helpdesk reference to make its message longer.
    requestId: error.code === 'WRONG_CODE' ? undefined : error.requestId,
    restart: ['ENROLLMENT_EXPIRED', 'NO_PENDING_ENROLLMENT', 'CONCURRENT_CHANGE'].includes(error.code),
  };
};

const errorText = (error: InlineError) => {
  const key = `error_${error.code}` as keyof (typeof messages)['nl'];
  return key in messages.nl ? t(key) : t('error_generic');
};

/** A refusal of the link itself becomes its own page; anything else stays beside the action. */
const handleFailure = (error: unknown, otherwise: (inline: InlineError) => void) => {
  if (error instanceof ApiError && isTicketError(error.code)) {
    show({ name: 'ticket-error', code: error.code }, 'ticket-error-title');
    return;
  }
  // The notice it becomes is a role="alert" inserted afresh: announced once, without the announcer too.
  otherwise(inlineError(error));
};

const errorNotice = (error: InlineError | undefined, testId: string, id?: string) =>
  error
    ? h(
        'div',
        { id, class: 'notice notice-error', role: 'alert', 'data-testid': testId, 'data-code': error.code },
        h('p', { text: errorText(error) }),
        error.requestId ? h('p', { class: 'small', text: t('reference', { id: error.requestId }) }) : null,
      )
    : null;

/**
 * A profile-page link (SELF_SERVICE, REPLACE) was never mailed: a newer one voided it because the
 * customer asked again on the profile page, so "the most recent email" would send them looking in vain.
 */
const ticketErrorText = (code: TicketErrorCode, part: 'title' | 'body' | 'next'): MessageKey =>
  code === 'TICKET_VOIDED' && link && link.purpose !== 'RESET'
    ? `ticket_TICKET_VOIDED_profile_${part}`
    : `ticket_${code}_${part}`;

const linkRefusals: Record<Exclude<LinkStatus['state'], 'VALID'>, TicketErrorCode> = {
  USED: 'TICKET_SPENT',
  VOIDED: 'TICKET_VOIDED',
  EXPIRED: 'TICKET_EXPIRED',
};

/** The page the link opens on: the start (or "this wasn't me"), or what happened to the link. */
const openingView = (status: LinkStatus, report: boolean): { view: View; focus: string } => {
  if (report && status.reportable) return { view: { name: 'report', busy: false }, focus: 'report-title' };
  if (status.state === 'VALID') return { view: { name: 'intro' }, focus: 'intro-title' };
  return {
    view: { name: 'ticket-error', code: linkRefusals[status.state] },
    focus: 'ticket-error-title',
  };
};

/** Asks what the link is before showing anything, so a dead link never gets as far as "Beginnen". */
const check = async (report: boolean) => {
  if (!ticket) return;
  link = undefined;
  show({ name: 'checking' });
  try {
    const response = await api<LinkStatus>('POST', '/enroll/status', { body: { ticket } });
    link = response.body;
    const opening = openingView(link, report);
    show(opening.view, opening.focus);
  } catch (error) {
    handleFailure(error, (inline) =>
      show({ name: 'error', error: inline, retry: () => void check(report) }, 'retry'),
    );
  }
};

const start = async () => {
  if (!ticket) return;
  show({ name: 'starting' });
  try {
    const response = await api<StartedEnrollment>('POST', '/enroll/start', { body: { ticket } });
    show({ name: 'scan', enrollment: response.body, busy: false, manualOpen: false }, 'scan-title');
  } catch (error) {
    handleFailure(error, (inline) => show({ name: 'error', error: inline, retry: () => void start() }));
  }
};

const confirm = async (code: string) => {
  if (view.name !== 'scan' || !ticket) return;
  const current = view;
  const digits = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(digits)) {
    current.error = { code: 'INVALID_CODE_FORMAT' };
    show(current, 'code');
    return;
  }
  current.busy = true;
  current.error = undefined;
  show(current, 'code');
  try {
    const response = await api<ConfirmedEnrollment>('POST', '/enroll/confirm', {
      body: { ticket, code: digits },
    });
    // The ticket is spent: nothing on this page can use it again.
    ticket = undefined;
    window.addEventListener('beforeunload', warnBeforeLeaving);
    show(
      {
        name: 'codes',
        backupCodes: response.body.backupCodes,
        generatedAt: new Date().toISOString(),
        saved: false,
        savedError: false,
        replaced: response.body.mode === 'REPLACE',
      },
      'codes-title',
    );
  } catch (error) {
    handleFailure(error, (inline) => {
      current.busy = false;
      current.error = inline;
      show(current, 'code');
    });
  }
};

const report = async () => {
  if (view.name !== 'report' || !ticket) return;
  const current = view;
  current.busy = true;
  current.error = undefined;
  show(current, 'report-confirm');
  try {
    await api('POST', '/enroll/report', { body: { ticket } });
    ticket = undefined;
    show({ name: 'reported' }, 'reported-title');
  } catch (error) {
    handleFailure(error, (inline) => {
      current.busy = false;
      current.error = inline;
      show(current, 'report-confirm');
    });
  }
};

function warnBeforeLeaving(event: BeforeUnloadEvent) {
  event.preventDefault();
  event.returnValue = t('leaveWarning');
}

/** "JBSW Y3DP EHPK 3PXP …": groups of four are easier to read and type. */
const groupKey = (secret: string) =>
  secret
    .replace(/\s/g, '')
    .match(/.{1,4}/g)
    ?.join(' ') ?? secret;

const copyText = async (value: string, done: string, fallbackTarget?: HTMLElement) => {
  try {
    await navigator.clipboard.writeText(value);
    speak(done);
  } catch {
    // No clipboard permission: select the text so the customer can copy it themselves.
    if (fallbackTarget) {
      const range = document.createRange();
      range.selectNodeContents(fallbackTarget);
      const selection = window.getSelection();
      selection?.removeAllRanges();
      selection?.addRange(range);
    }
  }
};

/** The service and the account the codes belong to, as the file, the print and the screen name them. */
const codesOwner = () => ({
  service: link?.serviceName ?? '',
  email: link?.accountEmail ?? '',
});

const codesFile = (current: Extract<View, { name: 'codes' }>) => {
  const { service, email } = codesOwner();
  return [
    t('codesFileTitle'),
    t('codesFileService', { service }),
    t('codesFileAccount', { email }),
    t('codesFileGenerated', { date: i18n.dateTime(current.generatedAt) }),
    '',
    t('codesFileAdvice'),
    '',
    ...current.backupCodes,
    '',
  ].join('\n');
};

const download = (current: Extract<View, { name: 'codes' }>) => {
  const url = URL.createObjectURL(new Blob([codesFile(current)], { type: 'text/plain;charset=utf-8' }));
  const link = h('a', { href: url, download: t('codesFileName'), class: 'visually-hidden' });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  speak(t('codesDownloaded'));
};

/** "This wasn't me": the button that opens the report step. */
const notMeButton = () =>
  h('button', {
    type: 'button',
    class: 'link-button',
    'data-key': 'not-me',
    text: t('notMe'),
    on: { click: () => show({ name: 'report', busy: false }, 'report-title') },
  });

const title = (text: string, key: string) => h('h2', { tabindex: -1, 'data-key': key, text });

/**
 * "Your Cube account: anna@example.nl" on every step, so the customer knows which account (and, in the
 * app, which entry) this is about. The address comes from the server, for this ticket only.
 */
const accountLine = () =>
  link?.accountEmail
    ? h(
        'p',
        { class: 'account', 'data-testid': 'account' },
        t('accountLabel', { service: link.serviceName }),
        ' ',
        h('strong', { class: 'account-email', text: link.accountEmail }),
      )
    : null;

const introTitles: Record<LinkStatus['purpose'], MessageKey> = {
  RESET: 'introResetTitle',
  SELF_SERVICE: 'introTitle',
  REPLACE: 'introReplaceTitle',
};
const introBodies: Record<LinkStatus['purpose'], MessageKey> = {
  RESET: 'introResetBody',
  SELF_SERVICE: 'introBody',
  REPLACE: 'introReplaceBody',
};

const render = (): Node => {
  switch (view.name) {
    case 'no-ticket':
      return h(
        'section',
        { class: 'card', 'data-state': 'no-ticket' },
        title(t('noTicketTitle'), 'no-ticket-title'),
        h('p', { text: t('noTicketBody') }),
        h('p', { class: 'muted', text: t('noTicketNext') }),
      );
    case 'checking':
      return h(
        'section',
        { class: 'card', 'data-state': 'checking' },
        h('p', { role: 'status', text: t('loading') }),
      );
    case 'intro': {
      const purpose = link?.purpose ?? 'SELF_SERVICE';
      return h(
        'section',
        { class: 'card', 'data-state': 'intro', 'data-purpose': purpose },
        title(t(introTitles[purpose]), 'intro-title'),
        accountLine(),
        h('p', { text: t(introBodies[purpose]) }),
        h('p', { text: t('introNeed') }),
        h(
          'ol',
          {},
          h('li', { text: t('introStep1') }),
          h('li', { text: t('introStep2') }),
          h('li', { text: t('introStep3') }),
        ),
        h(
          'div',
          { class: 'actions' },
          h('button', {
            type: 'button',
            'data-key': 'begin',
            text: t('begin'),
            on: { click: () => void start() },
          }),
          // Only a mailed reset link reports: a profile-page link was asked for from the customer's
          // own signed-in session (lib/reset/report.ts, reportsByTicket).
          link?.reportable ? notMeButton() : null,
        ),
      );
    }
    case 'starting':
      return h(
        'section',
        { class: 'card', 'data-state': 'starting' },
        h('p', { role: 'status', text: t('loading') }),
      );
    case 'scan':
      return scanView(view);
    case 'codes':
      return codesView(view);
    case 'done':
      return h(
        'section',
        { class: 'card card-ok', 'data-state': 'done' },
        title(t(view.replaced ? 'replacedDoneTitle' : 'doneTitle'), 'done-title'),
        accountLine(),
        h('p', { text: t(view.replaced ? 'replacedDoneBody' : 'doneBody') }),
        h('p', { class: 'muted', text: t('doneClose') }),
      );
    case 'report': {
      const current = view;
      return h(
        'section',
        { class: 'card', 'data-state': 'report' },
        title(t('reportTitle'), 'report-title'),
        accountLine(),
        h('p', { text: t('reportBody') }),
        h(
          'ul',
          {},
          h('li', { text: t('reportEffect1') }),
          h('li', { text: t('reportEffect2') }),
          h('li', { text: t('reportEffect3') }),
        ),
        errorNotice(current.error, 'report-error'),
        h(
          'div',
          { class: 'actions' },
          h('button', {
            type: 'button',
            class: 'danger',
            'data-key': 'report-confirm',
            disabled: current.busy,
            text: t('reportConfirm'),
            on: { click: () => void report() },
          }),
          h('button', {
            type: 'button',
            class: 'secondary',
            'data-key': 'report-cancel',
            disabled: current.busy,
            text: t('reportCancel'),
            on: {
              click: () => {
                // Back to where this link opens: the start, or what happened to it (a voided reset link).
                const back = link
                  ? openingView(link, false)
                  : { view: { name: 'intro' } as View, focus: 'intro-title' };
                show(back.view, back.focus);
              },
            },
          }),
        ),
      );
    }
    case 'reported':
      return h(
        'section',
        { class: 'card card-ok', 'data-state': 'reported' },
        title(t('reportedTitle'), 'reported-title'),
        accountLine(),
        h('p', { text: t('reportedBody') }),
        h('p', { text: t('reportedAdvice') }),
      );
    case 'ticket-error': {
      const code = view.code;
      return h(
        'section',
        { class: 'card card-warn', 'data-state': 'ticket-error', 'data-code': code },
        title(t(ticketErrorText(code, 'title')), 'ticket-error-title'),
        h('p', { text: t(ticketErrorText(code, 'body')) }),
        h('p', { class: 'next', text: t(ticketErrorText(code, 'next')) }),
        // A reset link voided by a newer one the customer never asked for is the alarm's very case.
        ticket && link && link.state !== 'VALID' && link.reportable
          ? h('div', { class: 'actions' }, h('p', { text: t('voidedNotMe') }), notMeButton())
          : null,
      );
    }
    case 'error': {
      const current = view;
      return h(
        'section',
        { class: 'card', 'data-state': 'error' },
        errorNotice(current.error, 'page-error'),
        h('button', {
          type: 'button',
          'data-key': 'retry',
          text: t('tryAgain'),
          on: { click: () => current.retry() },
        }),
      );
    }
  }
};

const scanView = (current: Extract<View, { name: 'scan' }>) => {
  const { enrollment } = current;
  const onPhone = phoneLayout.matches;
  const keyId = uid('key');
  const codeId = uid('code');
  const hintId = uid('code-hint');
  const errorId = uid('code-error');
  const key = h('code', {
    id: keyId,
    class: 'secret',
    'data-testid': 'secret',
    text: groupKey(enrollment.secret),
  });
  const qr = h(
    'div',
    { class: 'qr' },
    h('img', { src: enrollment.qrPng, alt: t('qrAlt'), width: 240, height: 240, 'data-testid': 'qr' }),
  );
  const openInApp = h('a', {
    href: enrollment.otpauthUri,
    class: onPhone ? 'app-link button' : 'app-link',
    'data-testid': 'open-in-app',
    'data-key': 'open-in-app',
    text: t(onPhone ? 'openInAppPhone' : 'openInApp'),
  });
  // What the app will list: the same service and account as above, so the right entry is found later.
  const appEntry = link?.accountEmail
    ? h('p', {
        class: 'muted small',
        'data-testid': 'app-entry',
        text: t('appEntry', { entry: `${link.serviceName} (${link.accountEmail})` }),
      })
    : null;
  const validUntil = h('p', {
    class: 'muted small',
    text: t('validUntil', { time: i18n.time(enrollment.expiresAt) }),
  });
  const addAccount = onPhone
    ? [
        h('p', { text: t('scanBodyPhone') }),
        h('p', { class: 'app-link-row' }, openInApp),
        appEntry,
        h('p', { class: 'label', text: t('scanOtherDevice') }),
        qr,
        validUntil,
      ]
    : [h('p', { text: t('scanBody') }), qr, validUntil, appEntry, h('p', {}, openInApp)];
  return h(
    'section',
    { class: 'card', 'data-state': 'scan', 'data-layout': onPhone ? 'phone' : 'desktop' },
    title(t(onPhone ? 'scanTitlePhone' : 'scanTitle'), 'scan-title'),
    accountLine(),
    enrollment.mode === 'REPLACE'
      ? h('p', { class: 'notice', 'data-testid': 'replace-notice', text: t('replaceNotice') })
      : null,
    ...addAccount,
    h(
      'details',
      {
        class: 'manual',
        open: current.manualOpen,
        on: { toggle: (event) => (current.manualOpen = (event.target as HTMLDetailsElement).open) },
      },
      h('summary', { text: t('manualTitle') }),
      h('p', { id: `${keyId}-label`, class: 'label', text: t('manualKey') }),
      h('p', { 'aria-labelledby': `${keyId}-label` }, key),
      h('p', { class: 'hint', text: t('manualHint') }),
      h('button', {
        type: 'button',
        class: 'secondary',
        'data-key': 'copy-key',
        text: t('copyKey'),
        on: { click: () => void copyText(enrollment.secret, t('keyCopied'), key) },
      }),
    ),
    h('h3', { text: t('codeTitle') }),
    h(
      'form',
      {
        class: 'code-form',
        on: {
          submit: (event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget as HTMLFormElement);
            void confirm(String(data.get('code') ?? ''));
          },
        },
      },
      h('label', { for: codeId, text: t('codeLabel') }),
      // Above the input: on a phone the on-screen keyboard covers whatever is below it.
      errorNotice(current.error, 'confirm-error', errorId),
      current.error?.restart
        ? h('button', {
            type: 'button',
            class: 'secondary',
            'data-key': 'restart',
            text: t('restart'),
            on: { click: () => void start() },
          })
        : null,
      h(
        'div',
        { class: 'inline-form' },
        h('input', {
          id: codeId,
          name: 'code',
          class: 'code-input',
          inputmode: 'numeric',
          autocomplete: 'one-time-code',
          pattern: '[0-9 ]*',
          maxlength: 7,
          required: true,
          'aria-describedby': current.error ? `${errorId} ${hintId}` : hintId,
          'aria-invalid': current.error ? 'true' : undefined,
          'data-key': 'code',
          disabled: current.busy,
        }),
        h('button', { type: 'submit', 'data-key': 'confirm', disabled: current.busy, text: t('confirm') }),
      ),
      h('p', { id: hintId, class: 'hint', text: t('codeHint') }),
    ),
  );
};

const codesView = (current: Extract<View, { name: 'codes' }>) => {
  const savedId = uid('saved');
  const list = h(
    'ol',
    { class: 'backup-codes', 'aria-label': t('codesListLabel'), 'data-testid': 'backup-codes' },
    ...current.backupCodes.map((code) => h('li', {}, h('code', { text: code }))),
  );
  return h(
    'section',
    { class: 'card', 'data-state': 'codes' },
    title(t(current.replaced ? 'replacedCodesTitle' : 'codesTitle'), 'codes-title'),
    accountLine(),
    current.replaced
      ? h('p', { class: 'notice', 'data-testid': 'replaced-notice', text: t('replacedCodesNotice') })
      : null,
    h('p', { text: t('codesBody') }),
    // What a printout must say on its own, weeks later: whose codes, for what, made when.
    h(
      'div',
      { class: 'codes-owner', 'data-testid': 'codes-owner' },
      h('p', { class: 'codes-for', text: t('codesFor', codesOwner()) }),
      h('p', {
        class: 'small',
        text: t('codesGenerated', { date: i18n.dateTime(current.generatedAt) }),
      }),
    ),
    list,
    h(
      'div',
      { class: 'actions no-print' },
      h('button', {
        type: 'button',
        class: 'secondary',
        'data-key': 'copy-codes',
        text: t('copyCodes'),
        on: { click: () => void copyText(current.backupCodes.join('\n'), t('codesCopied'), list) },
      }),
      h('button', {
        type: 'button',
        class: 'secondary',
        'data-key': 'download-codes',
        text: t('downloadCodes'),
        on: { click: () => download(current) },
      }),
      h('button', {
        type: 'button',
        class: 'secondary',
        'data-key': 'print-codes',
        text: t('printCodes'),
        on: { click: () => window.print() },
      }),
    ),
    h(
      'form',
      {
        class: 'no-print',
        on: {
          submit: (event) => {
            event.preventDefault();
            if (!current.saved) {
              current.savedError = true;
              speak(t('savedRequired'));
              show(current, 'saved');
              return;
            }
            window.removeEventListener('beforeunload', warnBeforeLeaving);
            show({ name: 'done', replaced: current.replaced }, 'done-title');
          },
        },
      },
      h(
        'div',
        { class: 'choice' },
        h('input', {
          type: 'checkbox',
          id: savedId,
          checked: current.saved,
          'data-key': 'saved',
          'aria-describedby': current.savedError ? `${savedId}-error` : undefined,
          on: {
            change: (event) => {
              current.saved = (event.target as HTMLInputElement).checked;
              if (current.saved) current.savedError = false;
            },
          },
        }),
        h('label', { for: savedId, text: t('saved') }),
      ),
      current.savedError
        ? h('p', { id: `${savedId}-error`, class: 'error', text: t('savedRequired') })
        : null,
      h(
        'div',
        { class: 'actions' },
        h('button', { type: 'submit', 'data-key': 'finish', text: t('finish') }),
      ),
    ),
  );
};

/** Renders the view; focus goes to `focus` (a data-key) so keyboard and screen-reader users follow along. */
function show(next: View, focus?: string) {
  view = next;
  const active =
    document.activeElement instanceof HTMLElement ? document.activeElement.dataset.key : undefined;
  document.title = `${t('documentTitle')} · ${link?.serviceName ?? 'mfa-recovery'}`;
  headerTitle.textContent = link ? `${link.serviceName} · ${t('headerTitle')}` : t('headerTitle');
  clear(
    tools,
    languageSwitch(i18n, () => show(view, 'lang-switch')),
  );
  clear(main, render());
  const key = focus ?? active;
  const target = key ? document.querySelector(`[data-key="${CSS.escape(key)}"]`) : null;
  if (target instanceof HTMLElement && !(target as HTMLButtonElement).disabled) target.focus();
  // Focus scrolled the code input into view; its error just above it must be in view as well.
  if (view.name === 'scan' && view.error)
    document.querySelector('[data-testid="confirm-error"]')?.scrollIntoView({ block: 'nearest' });
}

window.addEventListener('hashchange', () => {
  // A second link pasted into the same tab: start over with that one.
  const next = readFragment();
  if (!next.ticket) return;
  ticket = next.ticket;
  void check(next.report);
});

// A phone turned sideways or a window made narrow: the order of "open in the app" and the QR code follows.
phoneLayout.addEventListener('change', () => {
  if (view.name === 'scan') show(view);
});

show(view);
if (ticket) void check(fragment.report);
