// Step 1 and 2, the authenticator app: add the account (QR code, "open in the app", or the key by
// hand), then confirm with the app's 6-digit code.
import { h, uid } from '../../shared/dom';
import { confirmEnrollment, type StartedEnrollment } from '../enrollment-api';
import { forgetTicket, phoneLayout, type Page, type ViewOf } from '../page';
import { accountLine, copyText, errorNotice, handleFailure, title } from '../parts';
import { qrDataUrl } from '../qr';
import { showBackupCodes } from './backup-codes';
import { start } from './start';

/** "JBSW Y3DP EHPK 3PXP …": groups of four are easier to read and type. */
const groupKey = (secret: string) =>
  secret
    .replace(/\s/g, '')
    .match(/.{1,4}/g)
    ?.join(' ') ?? secret;

/** The entry as the app lists it: the service, and the account name the server gave it. */
const entryName = ({ link }: Page, enrollment: StartedEnrollment) =>
  `${link?.serviceName ?? ''} (${enrollment.accountName})`.trim();

const confirm = async (page: Page, code: string) => {
  const { view: current, ticket } = page;
  if (current.name !== 'scan' || !ticket) return;
  const digits = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(digits)) {
    current.error = { code: 'INVALID_CODE_FORMAT' };
    page.show(current, 'code');
    return;
  }
  current.busy = true;
  current.error = undefined;
  page.show(current, 'code');
  try {
    const confirmed = await confirmEnrollment(ticket, digits);
    // The ticket is spent: nothing on this page can use it again, nor a reload.
    page.ticket = undefined;
    forgetTicket();
    showBackupCodes(page, confirmed);
  } catch (error) {
    handleFailure(page, error, (inline) => {
      current.busy = false;
      // After a new QR code replaced an earlier one, the likeliest cause is the app's old entry.
      current.error =
        inline.code === 'WRONG_CODE' && current.enrollment.earlierQrReplaced
          ? { ...inline, code: 'WRONG_CODE_STALE_ENTRY' }
          : inline.code === 'OLD_AUTHENTICATOR_CODE'
            ? { ...inline, params: { entry: entryName(page, current.enrollment) } }
            : inline;
      page.show(current, 'code');
    });
  }
};

export const scanView = (page: Page, current: ViewOf<'scan'>) => {
  const { link, t, i18n } = page;
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
    h('img', {
      src: enrollment.qrPng ?? qrDataUrl(enrollment.otpauthUri),
      alt: t('qrAlt'),
      width: 240,
      height: 240,
      'data-testid': 'qr',
    }),
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
        class: enrollment.mode === 'REPLACE' ? 'small' : 'muted small',
        'data-testid': 'app-entry',
        text: t(enrollment.mode === 'REPLACE' ? 'replaceAppEntry' : 'appEntry', {
          entry: entryName(page, enrollment),
        }),
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
    accountLine(page),
    enrollment.mode === 'REPLACE'
      ? h('p', { class: 'notice', 'data-testid': 'replace-notice', text: t('replaceNotice') })
      : null,
    enrollment.earlierQrReplaced
      ? h('p', { class: 'notice', 'data-testid': 'earlier-qr-replaced', text: t('earlierQrReplaced') })
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
        on: { click: () => void copyText(page, enrollment.secret, t('keyCopied'), key) },
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
            void confirm(page, String(data.get('code') ?? ''));
          },
        },
      },
      h('label', { for: codeId, text: t('codeLabel') }),
      // Above the input: on a phone the on-screen keyboard covers whatever is below it.
      errorNotice(page, current.error, 'confirm-error', errorId),
      current.error?.restart
        ? h('button', {
            type: 'button',
            class: 'secondary',
            'data-key': 'restart',
            text: t('restart'),
            on: { click: () => void start(page) },
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
