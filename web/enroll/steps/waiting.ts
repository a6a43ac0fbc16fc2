// A reset's waiting period (lib/reset/waiting-period.ts): when the link opens, in the reader's own time
// zone and language, why it waits, and "this wasn't me" while there is still time to stop it.
import { h } from '../../shared/dom';
import type { Page, ViewOf } from '../page';
import { accountLine, helpdeskContact, notMeButton, title } from '../parts';
import { check } from './start';

/** The opening time as the reader's clock shows it: the browser's time zone, the page's language. */
export const opensAtText = (page: Page, availableAt: string) =>
  new Intl.DateTimeFormat(page.i18n.facts().dateLocale, {
    dateStyle: 'full',
    timeStyle: 'short',
  }).format(new Date(availableAt));

export const waitingView = (page: Page, view: ViewOf<'waiting'>) => {
  const { link, t } = page;
  return h(
    'section',
    { class: 'card card-warn', 'data-state': 'waiting' },
    title(t('waitingTitle'), 'waiting-title'),
    accountLine(page),
    h('p', {
      class: 'opens-at',
      'data-testid': 'opens-at',
      'data-available-at': view.availableAt,
      text: t('waitingOpensAt', { when: opensAtText(page, view.availableAt) }),
    }),
    h('p', { text: t('waitingWhy') }),
    h('p', { class: 'next', text: t('waitingNext') }),
    h(
      'div',
      { class: 'actions' },
      h('button', {
        type: 'button',
        class: 'secondary',
        'data-key': 'waiting-check',
        text: t('waitingCheck'),
        on: { click: () => void check(page, false) },
      }),
      link?.reportable ? notMeButton(page) : null,
    ),
    helpdeskContact(page),
  );
};
