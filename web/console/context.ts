// What every console view gets: the translator, the signed-in session, API calls that carry
// the token, and the page-wide live regions and dialogs.
import { describeError, type ApiResponse } from '../shared/api';
import { h, type Child } from '../shared/dom';
import type { Translator } from '../shared/i18n';
import type { Session } from './auth';
import { errorSentences, type MessageKey } from './messages';
import type { ConsoleLocale } from './locales';
import type { AnswerOf, ConsoleCall, RequestArgs } from './operations';

export type { MessageKey };

export interface ErrorInfo {
  text: string;
  code: string;
  requestId?: string;
}

export interface Ctx {
  i18n: Translator<MessageKey, ConsoleLocale>;
  session: Session;
  /** Calls a route of the API by its key with the session's token; its request and answer are the route's. */
  request<Key extends ConsoleCall>(
    key: Key,
    ...options: RequestArgs<Key>
  ): Promise<ApiResponse<AnswerOf<Key>>>;
  /** Renders the current view again from its state; focus returns to the element with data-key `focus`. */
  render(focus?: string): void;
  /** Read out politely by screen readers (results of checks, outcomes). */
  announce(text: string): void;
  /** Read out at once (refusals). */
  alert(text: string): void;
  errorInfo(error: unknown): ErrorInfo;
}

export const errorInfoFor = (i18n: Translator<MessageKey, ConsoleLocale>) => (error: unknown) =>
  describeError(error, errorSentences[i18n.lang], i18n.t('genericError'));

/** Answers that describe the case as it is (an erased or unknown customer), not a fault to report. */
const statesNotFaults = new Set(['ERASED', 'CUSTOMER_NOT_FOUND', 'INVALID_PATH_PARAMETER', 'INVALID_PATH']);

/** The heading of a page with no customer to show: what happened, not the id from the address. */
export const customerLoadErrorTitle = (code: string): MessageKey =>
  code === 'ERASED'
    ? 'customerErasedTitle'
    : code === 'CUSTOMER_NOT_FOUND' || code === 'INVALID_PATH_PARAMETER' || code === 'INVALID_PATH'
      ? 'customerNotFoundTitle'
      : 'customerLoadFailedTitle';

/**
 * A page about one customer (the customer page, a security case): the way back, then the name over
 * the cards once loaded; before that a status line, or, when loading failed, what happened with the
 * id from the address. `loaded` is asked only when loading did not fail, so no card is built (nor
 * starts its own load) under a refusal. `errorHeadingTestId` marks the failure heading where a page's
 * tests read it.
 */
export const customerPageLayout = (
  ctx: Ctx,
  page: { customerId: string; back: HTMLElement; loadError?: ErrorInfo; errorHeadingTestId?: string },
  loaded: () => { name: string; cards: (Node | null)[] } | undefined,
) => {
  const { t } = ctx.i18n;
  if (page.loadError)
    return h(
      'div',
      {},
      page.back,
      h('h2', {
        tabindex: -1,
        'data-route-focus': true,
        'data-testid': page.errorHeadingTestId,
        text: t(customerLoadErrorTitle(page.loadError.code)),
      }),
      h('p', { class: 'muted mono', text: t('customerIdLine', { id: page.customerId }) }),
      errorBlock(ctx, page.loadError, 'load-error'),
    );
  const content = loaded();
  if (!content)
    return h('div', {}, page.back, h('p', { class: 'muted', role: 'status', text: t('loading') }));
  return h(
    'div',
    {},
    page.back,
    h('h2', { tabindex: -1, 'data-route-focus': true, 'data-testid': 'customer-name', text: content.name }),
    ...content.cards,
  );
};

/** A refusal shown beside the action that caused it, with the request id to quote to support. */
export const errorBlock = (ctx: Ctx, info: ErrorInfo | undefined, testId = 'error') =>
  info
    ? h(
        'div',
        { class: 'notice notice-error', 'data-testid': testId, 'data-code': info.code },
        h('p', { text: info.text }),
        info.requestId && !statesNotFaults.has(info.code)
          ? h('p', { class: 'muted small', text: ctx.i18n.t('reference', { id: info.requestId }) })
          : null,
      )
    : null;

/** A stacked form whose submit runs the action in place of a page load (the decisions on a case). */
export const actionForm = (testId: string, action: () => Promise<void>, ...children: Child[]) =>
  h(
    'form',
    {
      class: 'stack',
      'data-testid': testId,
      // The console checks and words its own refusals: a browser's bubble speaks the browser's language.
      novalidate: true,
      on: {
        submit: (event) => {
          event.preventDefault();
          void action();
        },
      },
    },
    ...children,
  );

/**
 * A modal confirmation (<dialog>: focus stays inside, Escape cancels). Focus starts on Cancel, so
 * a stray Enter never performs the destructive action.
 */
export const confirmDialog = (options: {
  title: string;
  body: string;
  confirm: string;
  cancel: string;
  danger?: boolean;
}): Promise<boolean> =>
  new Promise((resolve) => {
    const titleId = `dialog-title-${Date.now()}`;
    const cancel = h('button', { type: 'button', class: 'secondary', text: options.cancel });
    const confirm = h('button', {
      type: 'button',
      class: options.danger ? 'danger' : '',
      'data-testid': 'dialog-confirm',
      text: options.confirm,
    });
    const dialog = h(
      'dialog',
      { 'aria-labelledby': titleId, class: 'confirm' },
      h('h2', { id: titleId, text: options.title }),
      h('p', { text: options.body }),
      h('div', { class: 'actions' }, cancel, confirm),
    );
    let answer = false;
    cancel.addEventListener('click', () => dialog.close());
    confirm.addEventListener('click', () => {
      answer = true;
      dialog.close();
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    cancel.focus();
  });

/** A labelled definition list row. */
export const fact = (label: string, value: Node | string) =>
  h('div', { class: 'fact' }, h('dt', { text: label }), h('dd', {}, value));
