// The admin's queue in one number, in the navigation of admins: disables waiting for a second admin
// and passed sessions ready for an admin together. Read again whenever the view changes and whenever
// the queue's lists are loaded, so the badge never lags the lists.
import { h } from '../shared/dom';
import type { Translator } from '../shared/i18n';
import type { Ctx, MessageKey } from './context';
import type { ConsoleLocale } from './locales';

const parts: { approvals?: number; ready?: number } = {};
let changed: () => void = () => undefined;

const total = () =>
  parts.approvals === undefined && parts.ready === undefined
    ? undefined
    : (parts.approvals ?? 0) + (parts.ready ?? 0);

export const pendingApprovals = {
  /** What to do when the number changes (the console renders again). */
  onChange(listener: () => void) {
    changed = listener;
  },
  set(part: keyof typeof parts, value: number | undefined) {
    if (parts[part] === value) return;
    parts[part] = value;
    changed();
  },
  /** On sign-out: the next person's badge starts from their own read. */
  forget() {
    parts.approvals = undefined;
    parts.ready = undefined;
  },
};

export const refreshPendingApprovals = async (ctx: Ctx) => {
  const [approvals, ready] = await Promise.allSettled([
    ctx.request('GET /admin/approvals'),
    ctx.request('GET /admin/verifications', { query: { status: 'PASSED' } }),
  ]);
  // The badge is a hint; the queue itself shows a refusal in words.
  if (approvals.status === 'fulfilled')
    pendingApprovals.set('approvals', approvals.value.body.approvals.length);
  if (ready.status === 'fulfilled') pendingApprovals.set('ready', ready.value.body.verifications.length);
};

/**
 * The navigation link. Its accessible name is its visible text and then some ("Admin-wachtrij 2
 * wachtend"), never a different label (WCAG 2.5.3): the count is read as shown, the word after it is
 * for screen readers only.
 */
export const approvalsNavLink = (i18n: Translator<MessageKey, ConsoleLocale>, current: boolean) => {
  const { t } = i18n;
  const count = total();
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
