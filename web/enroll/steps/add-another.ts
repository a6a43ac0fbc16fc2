// A second authenticator (issue 28): the done step offers it, with the ADD link the server handed back
// with the enrollment, and the page opens that link as if it had been clicked: the intro of an ADD
// link offers another passkey (a security key, another device) first and the app below it. The link is
// kept in this tab like any other, so a reload mid-add comes back to that intro. After an addition the
// offer is made again (a third, up to the limit) and nothing else changes: the backup codes stay.
import { h } from '../../shared/dom';
import type { AddAnother } from '../enrollment-api';
import type { Page, ViewOf } from '../page';
import { accountLine, title } from '../parts';

/** "Add a second way to sign in": why, and the button that opens the ADD link. */
export const addAnotherOffer = (page: Page, addAnother: AddAnother | undefined) => {
  const { t } = page;
  return h(
    'div',
    { class: 'notice', 'data-testid': 'second-authenticator' },
    h('h3', { text: t('passkeySecondTitle') }),
    h('p', { text: t('passkeySecondBody') }),
    addAnother
      ? h(
          'div',
          { class: 'actions' },
          h('button', {
            type: 'button',
            class: 'secondary',
            'data-key': 'add-another',
            text: t('addAnotherBegin'),
            on: { click: () => page.openLink(addAnother.ticket) },
          }),
        )
      : null,
  );
};

export const addedView = (page: Page, { method, addAnother }: ViewOf<'added'>) => {
  const { t } = page;
  return h(
    'section',
    { class: 'card card-ok', 'data-state': 'added', 'data-method': method },
    title(t('addedTitle'), 'added-title'),
    accountLine(page),
    h('p', { text: t(method === 'passkey' ? 'addedPasskeyBody' : 'addedAppBody') }),
    addAnotherOffer(page, addAnother),
    h('p', { class: 'muted', text: t('doneClose') }),
  );
};
