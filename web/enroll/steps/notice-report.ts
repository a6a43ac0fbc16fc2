// "This wasn't me" from a notice to a further address on file: its own link, no ticket. The reader
// confirms, the recovery stops and is locked; a second press (or another address's) is told it was.
import { h } from '../../shared/dom';
import { inlineError, reportByNotice } from '../enrollment-api';
import type { Page, ViewOf } from '../page';
import { errorNotice, helpdeskContact, title } from '../parts';

const report = async (page: Page) => {
  const current = page.view;
  if (current.name !== 'notice-report') return;
  current.busy = true;
  current.error = undefined;
  page.show(current, 'notice-confirm');
  try {
    const answer = await reportByNotice(current.notice);
    page.show({ name: 'notice-reported', alreadyReported: answer.alreadyReported }, 'notice-reported-title');
  } catch (error) {
    current.busy = false;
    current.error = inlineError(error);
    page.show(current, 'notice-confirm');
  }
};

export const noticeReportView = (page: Page, current: ViewOf<'notice-report'>) => {
  const { t } = page;
  return h(
    'section',
    { class: 'card', 'data-state': 'notice-report' },
    title(t('noticeTitle'), 'notice-title'),
    h('p', { text: t('noticeBody') }),
    h('ul', {}, h('li', { text: t('noticeEffect1') }), h('li', { text: t('noticeEffect2') })),
    errorNotice(page, current.error, 'notice-error'),
    h(
      'div',
      { class: 'actions' },
      h('button', {
        type: 'button',
        class: 'danger',
        'data-key': 'notice-confirm',
        disabled: current.busy,
        text: t('noticeConfirm'),
        on: { click: () => void report(page) },
      }),
    ),
    helpdeskContact(page),
  );
};

export const noticeReportedView = (page: Page, view: ViewOf<'notice-reported'>) => {
  const { t } = page;
  return h(
    'section',
    { class: 'card card-ok', 'data-state': 'notice-reported' },
    title(
      t(view.alreadyReported ? 'noticeAlreadyReportedTitle' : 'noticeReportedTitle'),
      'notice-reported-title',
    ),
    h('p', { text: t('noticeReportedBody') }),
    helpdeskContact(page),
  );
};
