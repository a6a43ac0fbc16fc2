// 2FA is on: the ten backup codes, shown once (copy, download, print), kept until the customer ticks
// that they saved them; then done.
import { h, uid } from '../../shared/dom';
import type { ConfirmedEnrollment } from '../enrollment-api';
import { addAnotherOffer } from './add-another';
import type { Page, ViewOf } from '../page';
import { accountLine, copyText, title } from '../parts';

/** Set while the codes are on screen and not yet confirmed saved: leaving the page asks first. */
let warnBeforeLeaving: ((event: BeforeUnloadEvent) => void) | undefined;

const guardLeaving = (page: Page, guard: boolean) => {
  if (warnBeforeLeaving) window.removeEventListener('beforeunload', warnBeforeLeaving);
  warnBeforeLeaving = guard
    ? (event) => {
        event.preventDefault();
        event.returnValue = page.t('leaveWarning');
      }
    : undefined;
  if (warnBeforeLeaving) window.addEventListener('beforeunload', warnBeforeLeaving);
};

/** The codes of a confirmed enrollment, on a step that stays until they are saved. */
export const showBackupCodes = (page: Page, confirmed: ConfirmedEnrollment & { method?: 'passkey' }) => {
  // An addition issues no codes: the ones on file stay.
  if (confirmed.mode === 'ADD') {
    page.show(
      { name: 'added', method: confirmed.method ?? 'totp', addAnother: confirmed.addAnother },
      'added-title',
    );
    return;
  }
  guardLeaving(page, true);
  page.show(
    {
      name: 'codes',
      backupCodes: confirmed.backupCodes,
      generatedAt: new Date().toISOString(),
      saved: false,
      savedError: false,
      replaced: confirmed.mode === 'REPLACE',
      method: confirmed.method ?? 'totp',
      addAnother: confirmed.addAnother,
    },
    'codes-title',
  );
};

/** The service and the account the codes belong to, as the file, the print and the screen name them. */
const codesOwner = ({ link }: Page) => ({
  service: link?.serviceName ?? '',
  email: link?.accountEmail ?? '',
});

const codesFile = (page: Page, current: ViewOf<'codes'>) => {
  const { t, i18n } = page;
  const { service, email } = codesOwner(page);
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

const download = (page: Page, current: ViewOf<'codes'>) => {
  const url = URL.createObjectURL(new Blob([codesFile(page, current)], { type: 'text/plain;charset=utf-8' }));
  const link = h('a', { href: url, download: page.t('codesFileName'), class: 'visually-hidden' });
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
  page.speak(page.t('codesDownloaded'));
};

export const codesView = (page: Page, current: ViewOf<'codes'>) => {
  const { t, i18n } = page;
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
    accountLine(page),
    current.replaced
      ? h('p', { class: 'notice', 'data-testid': 'replaced-notice', text: t('replacedCodesNotice') })
      : null,
    h('p', { text: t(current.method === 'passkey' ? 'passkeyCodesBody' : 'codesBody') }),
    // What a printout must say on its own, weeks later: whose codes, for what, made when.
    h(
      'div',
      { class: 'codes-owner', 'data-testid': 'codes-owner' },
      h('p', { class: 'codes-for', text: t('codesFor', codesOwner(page)) }),
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
        on: { click: () => void copyText(page, current.backupCodes.join('\n'), t('codesCopied'), list) },
      }),
      h('button', {
        type: 'button',
        class: 'secondary',
        'data-key': 'download-codes',
        text: t('downloadCodes'),
        on: { click: () => download(page, current) },
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
              page.speak(t('savedRequired'));
              page.show(current, 'saved');
              return;
            }
            guardLeaving(page, false);
            page.show(
              {
                name: 'done',
                replaced: current.replaced,
                method: current.method,
                addAnother: current.addAnother,
              },
              'done-title',
            );
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

export const doneView = (page: Page, { replaced, method, addAnother }: ViewOf<'done'>) => {
  const { t } = page;
  // After either kind, a second authenticator saves a trip to the helpdesk (steps/add-another.ts).
  if (method === 'passkey')
    return h(
      'section',
      { class: 'card card-ok', 'data-state': 'done', 'data-method': 'passkey' },
      title(t('doneTitle'), 'done-title'),
      accountLine(page),
      h('p', { text: t('passkeyDoneBody') }),
      addAnotherOffer(page, addAnother),
      h('p', { class: 'muted', text: t('doneClose') }),
    );
  return h(
    'section',
    { class: 'card card-ok', 'data-state': 'done' },
    title(t(replaced ? 'replacedDoneTitle' : 'doneTitle'), 'done-title'),
    accountLine(page),
    h('p', { text: t(replaced ? 'replacedDoneBody' : 'doneBody') }),
    addAnotherOffer(page, addAnother),
    h('p', { class: 'muted', text: t('doneClose') }),
  );
};
