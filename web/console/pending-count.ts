// The number of disables waiting for a second admin, in the navigation of admins: read again whenever
// the view changes and whenever the approvals list is loaded, so the badge never lags the list.
import { h } from '../shared/dom';
import type { Approval } from './api-types';
import type { Translator } from '../shared/i18n';
import type { Ctx, MessageKey } from './context';
import type { ConsoleLocale } from './locales';

let count: number | undefined;
let changed: () => void = () => undefined;

export const pendingApprovals = {
  /** What to do when the number changes (the console renders again). */
  onChange(listener: () => void) {
    changed = listener;
  },
  set(value: number | undefined) {
    if (value === count) return;
    count = value;
    changed();
  },
  /** On sign-out: the next person's badge starts from their own read. */
  forget() {
    count = undefined;
  },
};

export const refreshPendingApprovals = async (ctx: Ctx) => {
  try {
    const response = await ctx.call<{ approvals: Approval[] }>('GET', '/admin/approvals');
    pendingApprovals.set(response.body.approvals.length);
  } catch {
    // The badge is a hint; the approvals page itself shows a refusal in words.
  }
};

/**
 * The navigation link. Its accessible name is its visible text and then some ("Goedkeuringen 2
 * wachtend"), never a different label (WCAG 2.5.3): the count is read as shown, the word after it is
 * for screen readers only.
 */
export const approvalsNavLink = (i18n: Translator<MessageKey, ConsoleLocale>, current: boolean) => {
  const { t } = i18n;
  return h(
    'a',
    {
      href: '#/approvals',
      'aria-current': current ? 'page' : undefined,
      'data-key': 'nav-approvals',
      'data-testid': 'nav-approvals',
    },
    t('navApprovals'),
    ...(count
      ? [
          ' ',
          h('span', { class: 'nav-count', 'data-testid': 'pending-count', text: String(count) }),
          h('span', { class: 'visually-hidden', text: ` ${t('navApprovalsPending')}` }),
        ]
      : []),
  );
};
