// "This wasn't me": what a report does, the report itself, and the thanks after it.
import { h } from '../../shared/dom';
import { reportReset } from '../enrollment-api';
import { forgetTicket, type Page, type View, type ViewOf } from '../page';
import { accountLine, errorNotice, handleFailure, helpdeskContact, title } from '../parts';
import { openingView } from './start';

const report = async (page: Page) => {
  const { view: current, ticket } = page;
  if (current.name !== 'report' || !ticket) return;
  current.busy = true;
  current.error = undefined;
  page.show(current, 'report-confirm');
  try {
    await reportReset(ticket);
    page.ticket = undefined;
    forgetTicket();
    page.show({ name: 'reported' }, 'reported-title');
  } catch (error) {
    handleFailure(page, error, (inline) => {
      current.busy = false;
      current.error = inline;
      page.show(current, 'report-confirm');
    });
  }
};

export const reportView = (page: Page, current: ViewOf<'report'>) => {
  const { t } = page;
  return h(
    'section',
    { class: 'card', 'data-state': 'report' },
    title(t('reportTitle'), 'report-title'),
    accountLine(page),
    h('p', { text: t('reportBody') }),
    h(
      'ul',
      {},
      h('li', { text: t('reportEffect1') }),
      h('li', { text: t('reportEffect2') }),
      h('li', { text: t('reportEffect3') }),
    ),
    errorNotice(page, current.error, 'report-error'),
    h(
      'div',
      { class: 'actions' },
      h('button', {
        type: 'button',
        class: 'danger',
        'data-key': 'report-confirm',
        disabled: current.busy,
        text: t('reportConfirm'),
        on: { click: () => void report(page) },
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
            const back = page.link
              ? openingView(page.link, false)
              : { view: { name: 'intro' } as View, focus: 'intro-title' };
            page.show(back.view, back.focus);
          },
        },
      }),
    ),
  );
};

export const reportedView = (page: Page) => {
  const { t } = page;
  return h(
    'section',
    { class: 'card card-ok', 'data-state': 'reported' },
    title(t('reportedTitle'), 'reported-title'),
    accountLine(page),
    h('p', { text: t('reportedBody') }),
    h('p', { text: t('reportedAdvice') }),
    helpdeskContact(page),
  );
};
