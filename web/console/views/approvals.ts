// Maker-checker for admins: disables that wait for a second admin, each approved after a confirmation.
import { h } from '../../shared/dom';
import type { Approval } from '../api-types';
import { confirmDialog, errorBlock, type Ctx, type ErrorInfo } from '../context';
import { dropOnSignOut } from '../view-state';
import { approvalReasonsText } from './disable';

interface ApprovalsState {
  approvals?: Approval[];
  loading: boolean;
  loadError?: ErrorInfo;
  /** The last approval's refusal. */
  error?: ErrorInfo;
  /** The last approval's result, shown above the list. */
  approved?: string;
  busyId?: string;
}

let state: ApprovalsState = { loading: false };
dropOnSignOut(() => (state = { loading: false }));

const load = async (ctx: Ctx, focus?: string) => {
  state.loading = true;
  ctx.render(focus);
  try {
    const response = await ctx.call<{ approvals: Approval[] }>('GET', '/admin/approvals');
    state.approvals = response.body.approvals;
    state.loadError = undefined;
  } catch (error) {
    state.loadError = ctx.errorInfo(error);
    ctx.alert(state.loadError.text);
  } finally {
    state.loading = false;
  }
  ctx.render(focus);
};

const approve = async (ctx: Ctx, approval: Approval) => {
  const { t } = ctx.i18n;
  const confirmed = await confirmDialog({
    title: t('confirmApproveTitle'),
    body: t('confirmApproveBody', {
      customer: approval.customerId,
      requester: approval.requestedBy,
      reason: approval.reason,
    }),
    confirm: t('confirmApproveYes'),
    cancel: t('cancel'),
    danger: true,
  });
  if (!confirmed) {
    ctx.render(`approve-${approval.approvalId}`);
    return;
  }
  state.busyId = approval.approvalId;
  state.error = undefined;
  state.approved = undefined;
  ctx.render();
  try {
    await ctx.call('POST', `/admin/approvals/${encodeURIComponent(approval.approvalId)}/approve`, {
      headers: { 'idempotency-key': crypto.randomUUID() },
    });
    state.approved = t('approved', { customer: approval.customerId });
    ctx.announce(state.approved);
  } catch (error) {
    state.error = ctx.errorInfo(error);
    ctx.alert(state.error.text);
  } finally {
    state.busyId = undefined;
  }
  await load(ctx, 'approvals-refresh');
};

export const approvalsView = (ctx: Ctx, fresh: boolean) => {
  const { t } = ctx.i18n;
  if (fresh) {
    state.approved = undefined;
    state.error = undefined;
  }
  if ((fresh || !state.approvals) && !state.loading) void load(ctx);
  const th = (key: Parameters<typeof t>[0]) => h('th', { scope: 'col', text: t(key) });
  const approvals = state.approvals;
  return h(
    'section',
    { class: 'card', 'data-testid': 'approvals' },
    h('h2', { tabindex: -1, 'data-route-focus': true, text: t('approvalsTitle') }),
    h('p', { text: t('approvalsIntro') }),
    state.approved
      ? h('p', { class: 'notice notice-ok', 'data-testid': 'approval-result', text: state.approved })
      : null,
    errorBlock(ctx, state.error, 'approvals-error'),
    errorBlock(ctx, state.loadError, 'approvals-load-error'),
    !approvals
      ? h('p', { class: 'muted', role: 'status', text: t('loading') })
      : approvals.length === 0
        ? h('p', { class: 'muted', 'data-testid': 'approvals-empty', text: t('approvalsNone') })
        : h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              {},
              h(
                'thead',
                {},
                h(
                  'tr',
                  {},
                  th('colCustomer'),
                  th('colRequestedBy'),
                  th('colVerifiedBy'),
                  th('colReason'),
                  th('colWhy'),
                  th('colExpires'),
                  th('colAction'),
                ),
              ),
              h(
                'tbody',
                {},
                ...approvals.map((approval) =>
                  h(
                    'tr',
                    { 'data-approval': approval.approvalId },
                    h(
                      'td',
                      {},
                      h('a', {
                        href: `#/customers/${encodeURIComponent(approval.customerId)}`,
                        text: approval.customerId,
                      }),
                    ),
                    h('td', { text: approval.requestedBy }),
                    h('td', { text: approval.verifiedBy }),
                    h('td', { text: approval.reason }),
                    h('td', { text: approvalReasonsText(ctx, approval.approvalReasons) }),
                    h('td', { text: ctx.i18n.dateTime(approval.expiresAt) }),
                    h(
                      'td',
                      {},
                      h('button', {
                        type: 'button',
                        'data-key': `approve-${approval.approvalId}`,
                        disabled: state.busyId !== undefined,
                        text: t('approve'),
                        on: { click: () => void approve(ctx, approval) },
                      }),
                    ),
                  ),
                ),
              ),
            ),
          ),
    h('button', {
      type: 'button',
      class: 'secondary',
      'data-key': 'approvals-refresh',
      disabled: state.loading,
      text: t('refresh'),
      on: { click: () => void load(ctx, 'approvals-refresh') },
    }),
  );
};
