// The admin's queue: the hand-off from the agents (passed verifications nobody used yet, with the time
// left before they go stale and what a disable would do, each with its disable), and disables that
// wait for a second admin (approved after a confirmation, or rejected with a reason).
import { h } from '../../shared/dom';
import type { PendingApproval } from '../../../lib/reset/api';
import type { AnswerOf } from '../operations';
import { confirmDialog, errorBlock, type Ctx, type ErrorInfo } from '../context';
import type { MessageKey } from '../messages';
import { pendingApprovals } from '../pending-count';
import { dropOnSignOut } from '../view-state';
import { checksSummaryText } from './checks-summary';
import { approvalReasonsText, disablePreviewText, preselectDisable } from './disable';
import { cancelVerification } from './handoff';
import { reasonDialog } from './reason-dialog';

type ReadyVerification = AnswerOf<'GET /admin/verifications'>['verifications'][number];

interface ApprovalsState {
  approvals?: PendingApproval[];
  loading: boolean;
  loadError?: ErrorInfo;
  /** The last decision's refusal. */
  error?: ErrorInfo;
  /** The last decision's result, shown above the list. */
  decided?: { text: string; kind: 'approved' | 'rejected' };
  busyId?: string;
  ready?: ReadyVerification[];
  readyLoading: boolean;
  readyError?: ErrorInfo;
  /** The last cancel from the hand-off list: its result or its refusal. */
  readyNotice?: string;
  readyActionError?: ErrorInfo;
}

let state: ApprovalsState = { loading: false, readyLoading: false };
dropOnSignOut(() => (state = { loading: false, readyLoading: false }));

const load = async (ctx: Ctx, focus?: string) => {
  state.loading = true;
  ctx.render(focus);
  try {
    const response = await ctx.request('GET /admin/approvals');
    state.approvals = response.body.approvals;
    state.loadError = undefined;
    pendingApprovals.set('approvals', state.approvals.length);
  } catch (error) {
    state.loadError = ctx.errorInfo(error);
    ctx.alert(state.loadError.text);
  } finally {
    state.loading = false;
  }
  ctx.render(focus);
};

const loadReady = async (ctx: Ctx, focus?: string) => {
  state.readyLoading = true;
  ctx.render(focus);
  try {
    const response = await ctx.request('GET /admin/verifications', { query: { status: 'PASSED' } });
    state.ready = response.body.verifications;
    state.readyError = undefined;
    pendingApprovals.set('ready', state.ready.length);
  } catch (error) {
    state.readyError = ctx.errorInfo(error);
    ctx.alert(state.readyError.text);
  } finally {
    state.readyLoading = false;
  }
  ctx.render(focus);
};

const customerName = (approval: Pick<PendingApproval, 'customerName' | 'customerId'>) =>
  approval.customerName ?? approval.customerId;

/**
 * Sends a second admin's decision: the rows busy, the outcome read out above the list or the refusal
 * shown, then the lists read again.
 */
const decide = async (
  ctx: Ctx,
  approval: PendingApproval,
  kind: NonNullable<ApprovalsState['decided']>['kind'],
  send: () => Promise<unknown>,
  reload: () => Promise<unknown>,
) => {
  state.busyId = approval.approvalId;
  state.error = undefined;
  state.decided = undefined;
  ctx.render();
  try {
    await send();
    state.decided = { kind, text: ctx.i18n.t(kind, { customer: customerName(approval) }) };
    ctx.announce(state.decided.text);
  } catch (error) {
    state.error = ctx.errorInfo(error);
    ctx.alert(state.error.text);
  } finally {
    state.busyId = undefined;
  }
  await reload();
};

const approve = async (ctx: Ctx, approval: PendingApproval) => {
  const { t } = ctx.i18n;
  const confirmed = await confirmDialog({
    title: t('confirmApproveTitle'),
    body: t('confirmApproveBody', {
      customer: customerName(approval),
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
  await decide(
    ctx,
    approval,
    'approved',
    () =>
      ctx.request('POST /admin/approvals/{approvalId}/approve', {
        params: { approvalId: approval.approvalId },
        headers: { 'idempotency-key': crypto.randomUUID() },
      }),
    () => load(ctx, 'approvals-refresh'),
  );
};

const reject = async (ctx: Ctx, approval: PendingApproval) => {
  const { t } = ctx.i18n;
  const reason = await reasonDialog({
    title: t('rejectTitle', { customer: customerName(approval) }),
    body: t('rejectBody', { requester: approval.requestedBy }),
    label: t('rejectReason'),
    confirm: t('rejectYes'),
    cancel: t('dialogBack'),
    tooShort: t('reasonTooShort'),
  });
  if (reason === undefined) {
    ctx.render(`reject-${approval.approvalId}`);
    return;
  }
  await decide(
    ctx,
    approval,
    'rejected',
    () =>
      ctx.request('POST /admin/approvals/{approvalId}/reject', {
        params: { approvalId: approval.approvalId },
        body: { reason },
      }),
    () => Promise.all([load(ctx, 'approvals-refresh'), loadReady(ctx, 'approvals-refresh')]),
  );
};

const cancelReady = async (ctx: Ctx, item: ReadyVerification) => {
  state.readyNotice = undefined;
  state.readyActionError = undefined;
  const result = await cancelVerification(ctx, item);
  if (!result) {
    ctx.render(`cancel-${item.verificationId}`);
    return;
  }
  if (result.cancelled)
    state.readyNotice = ctx.i18n.t('verificationCancelled', { case: item.caseNumber ?? item.verificationId });
  else state.readyActionError = result.error;
  await loadReady(ctx, 'ready-refresh');
};

const customerCell = (item: { customerId: string; customerName: string | null }) =>
  h(
    'td',
    {},
    h('a', { href: `#/customers/${encodeURIComponent(item.customerId)}`, text: customerName(item) }),
    h('div', { class: 'muted small mono', text: item.customerId }),
  );

const th = (ctx: Ctx, key: MessageKey) => h('th', { scope: 'col', text: ctx.i18n.t(key) });

/**
 * A list the card loads: a status line until it arrives, a sentence when it is empty, else the table;
 * then the Refresh button, which keeps focus.
 */
const loadedTable = <T>(
  ctx: Ctx,
  items: T[] | undefined,
  options: {
    empty: { testId: string; text: MessageKey };
    table: { class?: string; testId: string };
    columns: MessageKey[];
    row: (item: T) => Node;
    refresh: { key: string; busy: boolean; load: (ctx: Ctx, focus: string) => Promise<void> };
  },
) => {
  const { t } = ctx.i18n;
  return [
    !items
      ? h('p', { class: 'muted', role: 'status', text: t('loading') })
      : items.length === 0
        ? h('p', { class: 'muted', 'data-testid': options.empty.testId, text: t(options.empty.text) })
        : h(
            'div',
            { class: 'table-wrap' },
            h(
              'table',
              { class: options.table.class, 'data-testid': options.table.testId },
              h('thead', {}, h('tr', {}, ...options.columns.map((key) => th(ctx, key)))),
              h('tbody', {}, ...items.map(options.row)),
            ),
          ),
    h('button', {
      type: 'button',
      class: 'secondary',
      'data-key': options.refresh.key,
      disabled: options.refresh.busy,
      text: t('refresh'),
      on: { click: () => void options.refresh.load(ctx, options.refresh.key) },
    }),
  ];
};

const approvalRow = (ctx: Ctx, approval: PendingApproval) => {
  const { t } = ctx.i18n;
  const busy = state.busyId !== undefined;
  const whyNot = approval.ownRequest
    ? t('ownRequestNote')
    : approval.canApprove
      ? undefined
      : t('ownVerificationNote');
  const noteId = `approval-note-${approval.approvalId}`;
  /** "Label value" on its own line inside a cell. */
  const line = (label: MessageKey, value: Node | string, testId?: string) =>
    h(
      'div',
      { class: 'cell-line' },
      h('span', { class: 'muted', text: `${t(label)}: ` }),
      typeof value === 'string' ? h('span', { 'data-testid': testId, text: value }) : value,
    );
  // Four columns, the details stacked in their cells: on a 1280px screen the decision buttons are in
  // view without scrolling sideways (ten columns pushed them off the edge).
  return h(
    'tr',
    { 'data-approval': approval.approvalId, 'data-own': approval.ownRequest ? 'true' : undefined },
    h(
      'td',
      {},
      h('a', {
        href: `#/customers/${encodeURIComponent(approval.customerId)}`,
        text: customerName(approval),
      }),
      h('div', { class: 'muted small mono', text: approval.customerId }),
      h('div', { class: 'mono', 'data-testid': 'approval-case', text: approval.caseNumber ?? '—' }),
    ),
    h(
      'td',
      { class: 'approval-request' },
      line('colRequestedBy', approval.requestedBy),
      line('colVerifiedBy', approval.verifiedBy),
      line('colRequestedAt', ctx.i18n.dateTime(approval.requestedAt), 'requested-at'),
      line('colExpires', ctx.i18n.dateTime(approval.expiresAt), 'expires-at'),
    ),
    h(
      'td',
      { class: 'approval-why' },
      h('div', {
        class: 'small',
        'data-testid': 'checks-summary',
        text: checksSummaryText(ctx, approval.checksSummary),
      }),
      line('colWhy', approvalReasonsText(ctx, approval.approvalReasons)),
      line('colReason', approval.reason),
    ),
    h(
      'td',
      { class: 'approval-action' },
      h(
        'div',
        { class: 'actions' },
        h('button', {
          type: 'button',
          'data-key': `approve-${approval.approvalId}`,
          disabled: busy || !approval.canApprove,
          'aria-describedby': whyNot ? noteId : undefined,
          text: t('approve'),
          on: { click: () => void approve(ctx, approval) },
        }),
        h('button', {
          type: 'button',
          class: 'secondary',
          'data-key': `reject-${approval.approvalId}`,
          // The requester cannot reject either; to stop their own request they ask another admin.
          disabled: busy || approval.ownRequest,
          'aria-describedby': approval.ownRequest ? noteId : undefined,
          text: t('reject'),
          on: { click: () => void reject(ctx, approval) },
        }),
      ),
      whyNot
        ? h('p', { id: noteId, class: 'muted small', 'data-testid': 'approve-note', text: whyNot })
        : null,
    ),
  );
};

const approvalsCard = (ctx: Ctx) => {
  const { t } = ctx.i18n;
  const approvals = state.approvals;
  return h(
    'section',
    { class: 'card', 'data-testid': 'approvals' },
    h('h2', { text: t('approvalsTitle') }),
    h('p', { text: t('approvalsIntro') }),
    state.decided
      ? h('p', {
          class: 'notice notice-ok',
          'data-testid': 'approval-result',
          'data-kind': state.decided.kind,
          text: state.decided.text,
        })
      : null,
    errorBlock(ctx, state.error, 'approvals-error'),
    errorBlock(ctx, state.loadError, 'approvals-load-error'),
    ...loadedTable(ctx, approvals, {
      empty: { testId: 'approvals-empty', text: 'approvalsNone' },
      table: { class: 'approvals-table', testId: 'approvals-table' },
      columns: ['colCustomerCase', 'colRequest', 'colChecksAndReason', 'colAction'],
      row: (approval) => approvalRow(ctx, approval),
      refresh: { key: 'approvals-refresh', busy: state.loading, load },
    }),
  );
};

/** Minutes left, rounded down, and the local time it ends: "nog 28 min (tot 14:35)". */
const timeLeftText = (ctx: Ctx, item: ReadyVerification) => {
  const minutes = Math.max(0, Math.floor((Date.parse(item.staleAt) - Date.now()) / 60_000));
  return ctx.i18n.t('timeLeft', { minutes, time: ctx.i18n.time(item.staleAt) });
};

const readyRow = (ctx: Ctx, item: ReadyVerification) => {
  const { t } = ctx.i18n;
  return h(
    'tr',
    { 'data-ready': item.verificationId, 'data-case': item.caseNumber ?? undefined },
    customerCell(item),
    h('td', { class: 'mono', 'data-testid': 'ready-case', text: item.caseNumber ?? '—' }),
    h('td', { text: item.agentId }),
    h('td', { text: ctx.i18n.dateTime(item.completedAt) }),
    h('td', { 'data-testid': 'time-left', text: timeLeftText(ctx, item) }),
    h(
      'td',
      {},
      item.withoutPossessionProof ? h('p', { class: 'small', text: t('readyWithoutProof') }) : null,
      item.ownVerification ? h('p', { class: 'muted small', text: t('readyOwnVerification') }) : null,
      h('p', {
        class: 'small',
        'data-testid': 'ready-disable-preview',
        'data-kind': item.disable.kind,
        text: disablePreviewText(ctx, item.disable),
      }),
    ),
    h(
      'td',
      {},
      h(
        'div',
        { class: 'actions' },
        // The disable step of this customer, on this session: the reason and the confirmation are there.
        item.disable.kind === 'REFUSED'
          ? h('a', {
              href: `#/customers/${encodeURIComponent(item.customerId)}`,
              class: 'button-link',
              text: t('readyOpen'),
            })
          : h('a', {
              href: `#/customers/${encodeURIComponent(item.customerId)}`,
              class: 'button-link',
              'data-key': `ready-disable-${item.verificationId}`,
              text: t('readyDisable'),
              on: { click: () => preselectDisable(item.customerId, item.verificationId) },
            }),
        h('button', {
          type: 'button',
          class: 'secondary',
          'data-key': `cancel-${item.verificationId}`,
          text: t('cancelVerification'),
          on: { click: () => void cancelReady(ctx, item) },
        }),
      ),
    ),
  );
};

const readyCard = (ctx: Ctx) => {
  const { t } = ctx.i18n;
  const ready = state.ready;
  return h(
    'section',
    { class: 'card', 'data-testid': 'ready-for-admin' },
    // Keyed, so focus stays on it when the lists arrive and the page draws again.
    h('h2', { tabindex: -1, 'data-route-focus': true, 'data-key': 'queue-heading', text: t('readyTitle') }),
    h('p', { text: t('readyIntro') }),
    state.readyNotice
      ? h('p', { class: 'notice notice-ok', 'data-testid': 'ready-notice', text: state.readyNotice })
      : null,
    errorBlock(ctx, state.readyActionError, 'ready-action-error'),
    errorBlock(ctx, state.readyError, 'ready-load-error'),
    ...loadedTable(ctx, ready, {
      empty: { testId: 'ready-empty', text: 'readyNone' },
      table: { testId: 'ready-table' },
      columns: ['colCustomer', 'colCase', 'colAgent', 'colPassedAt', 'colTimeLeft', 'colNotes', 'colAction'],
      row: (item) => readyRow(ctx, item),
      refresh: { key: 'ready-refresh', busy: state.readyLoading, load: loadReady },
    }),
  );
};

export const approvalsView = (ctx: Ctx, fresh: boolean) => {
  if (fresh) {
    state.decided = undefined;
    state.error = undefined;
    state.readyNotice = undefined;
    state.readyActionError = undefined;
  }
  // After this render: a render from inside it would draw the page the route focus just went to anew.
  if ((fresh || !state.approvals) && !state.loading) queueMicrotask(() => void load(ctx));
  if ((fresh || !state.ready) && !state.readyLoading) queueMicrotask(() => void loadReady(ctx));
  return h('div', {}, readyCard(ctx), approvalsCard(ctx));
};
