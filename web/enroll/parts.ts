// What several steps show: a step's title, the account line, an error beside an action, "this wasn't
// me", copying to the clipboard, and how a failed call lands on the page.
import { helpdeskPhones } from '../../lib/locales';
import { h } from '../shared/dom';
import { inlineError, ticketRefusal, type InlineError } from './enrollment-api';
import { isMessageKey } from './messages';
import type { Page } from './page';

export const title = (text: string, key: string) => h('h2', { tabindex: -1, 'data-key': key, text });

/**
 * "Your Cube account: anna@example.nl" on every step, so the customer knows which account (and, in the
 * app, which entry) this is about. The address comes from the server, for this ticket only.
 */
export const accountLine = ({ link, t }: Page) =>
  link?.accountEmail
    ? h(
        'p',
        { class: 'account', 'data-testid': 'account' },
        t('accountLabel', { service: link.serviceName }),
        ' ',
        h('strong', { class: 'account-email', text: link.accountEmail }),
      )
    : null;

const errorText = ({ t }: Page, error: InlineError) => {
  const key = `error_${error.code}`;
  return isMessageKey(key) ? t(key, error.params) : t('error_generic');
};

export const errorNotice = (page: Page, error: InlineError | undefined, testId: string, id?: string) =>
  error
    ? h(
        'div',
        { id, class: 'notice notice-error', role: 'alert', 'data-testid': testId, 'data-code': error.code },
        h('p', { text: errorText(page, error) }),
        error.requestId
          ? h('p', { class: 'small', text: page.t('reference', { id: error.requestId }) })
          : null,
      )
    : null;

/**
 * Beside every "contact the helpdesk": the number to call (a tel: link a phone dials with a tap) and,
 * when the link came from a helpdesk session, its case number, so the caller is found at once.
 */
export const helpdeskContact = ({ i18n, link, t }: Page) => {
  const phone = helpdeskPhones[i18n.lang];
  return h(
    'p',
    { class: 'helpdesk-contact', 'data-testid': 'helpdesk-contact' },
    h('a', {
      href: `tel:${phone.replace(/[^+\d]/g, '')}`,
      'data-testid': 'helpdesk-phone',
      text: t('helpdeskPhone', { phone }),
    }),
    link?.caseNumber
      ? h(
          'span',
          {},
          h('br', {}),
          h('span', { 'data-testid': 'case-number', text: t('caseNumber', { caseNumber: link.caseNumber }) }),
        )
      : null,
  );
};

/** A refusal of the link itself becomes its own page; anything else stays beside the action. */
export const handleFailure = (page: Page, error: unknown, otherwise: (inline: InlineError) => void) => {
  const refusal = ticketRefusal(error);
  if (refusal) {
    page.show({ name: 'ticket-error', code: refusal }, 'ticket-error-title');
    return;
  }
  // The notice it becomes is a role="alert" inserted afresh: announced once, without the announcer too.
  otherwise(inlineError(error));
};

/** "This wasn't me": the button that opens the report step. */
export const notMeButton = (page: Page) =>
  h('button', {
    type: 'button',
    class: 'link-button',
    'data-key': 'not-me',
    text: page.t('notMe'),
    on: { click: () => page.show({ name: 'report', busy: false }, 'report-title') },
  });

export const copyText = async (page: Page, value: string, done: string, fallbackTarget?: HTMLElement) => {
  try {
    await navigator.clipboard.writeText(value);
    page.speak(done);
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
