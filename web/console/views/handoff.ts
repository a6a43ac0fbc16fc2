// The staff side of a case between its steps: the case number staff quote (with a copy button), a
// session cancelled before anyone used it, a second admin's "no" as the requester reads it, and a new
// reset link for a customer whose link expired or got lost.
import { h } from '../../shared/dom';
import type { CustomerProfile } from '../../../lib/staff-views/api';
import type { AnswerOf } from '../operations';
import { isAdmin } from '../auth';
import { errorBlock, type Ctx, type ErrorInfo } from '../context';
import { loadProfile, type CustomerPage } from './customer-state';
import { reasonDialog } from './reason-dialog';
import { pickedRecipient, recipientChoice } from './re-enroll';

type ResetLinkQueued = AnswerOf<'POST /admin/customers/{customerId}/2fa/reset-link'>;

// ── Case number ───────────────────────────────────────────────────────────────────────────────────

/** The case number last copied, and whether the clipboard took it or the text was selected instead. */
let copy: { caseNumber: string; how: 'clipboard' | 'selected' } | undefined;

const selectCaseNumber = (caseNumber: string) => {
  const element = document.querySelector(`[data-case-number="${CSS.escape(caseNumber)}"]`);
  if (!element) return false;
  const range = document.createRange();
  range.selectNodeContents(element);
  const selection = window.getSelection();
  selection?.removeAllRanges();
  selection?.addRange(range);
  return true;
};

const copyCaseNumber = async (ctx: Ctx, caseNumber: string, key: string) => {
  const { t } = ctx.i18n;
  let copied = false;
  try {
    await navigator.clipboard.writeText(caseNumber);
    copied = true;
  } catch {
    // No clipboard (permission refused, an older browser): the number is selected for Ctrl+C instead.
  }
  copy = { caseNumber, how: copied ? 'clipboard' : 'selected' };
  ctx.render(key);
  if (!copied) selectCaseNumber(caseNumber);
  ctx.announce(copied ? t('caseNumberCopied', { caseNumber }) : t('caseNumberSelected'));
};

/** "Zaaknummer HD-7K3Q-9M2X [Kopiëren]": what the agent reads out and pastes into the ticket system. */
export const caseNumberLine = (ctx: Ctx, caseNumber: string | null | undefined, keySuffix = '') => {
  if (!caseNumber) return null;
  const { t } = ctx.i18n;
  const key = `copy-case${keySuffix}`;
  const done = copy?.caseNumber === caseNumber ? copy.how : undefined;
  return h(
    'p',
    { class: 'case-number-line', 'data-testid': 'case-number-line' },
    h('span', { text: `${t('caseNumberLabel')} ` }),
    h('span', {
      class: 'mono case-number',
      'data-testid': 'case-number',
      'data-case-number': caseNumber,
      text: caseNumber,
    }),
    ' ',
    h('button', {
      type: 'button',
      class: 'secondary small-button',
      'data-key': key,
      'data-testid': 'copy-case-number',
      'aria-label': done === 'clipboard' ? t('caseNumberCopiedShort') : t('copyCaseNumber', { caseNumber }),
      text: done === 'clipboard' ? t('caseNumberCopiedShort') : t('copy'),
      on: { click: () => void copyCaseNumber(ctx, caseNumber, key) },
    }),
    done === 'selected' ? h('span', { class: 'muted small', text: ` ${t('caseNumberSelected')}` }) : null,
  );
};

// ── Cancel ────────────────────────────────────────────────────────────────────────────────────────

/**
 * Asks for the reason and cancels an OPEN or PASSED session nobody used. Undefined when the person
 * backed out of the dialog; otherwise the outcome, for the calling view to show.
 */
export const cancelVerification = async (
  ctx: Ctx,
  verification: { verificationId: string; caseNumber?: string | null },
): Promise<{ cancelled: true } | { cancelled: false; error: ErrorInfo } | undefined> => {
  const { t } = ctx.i18n;
  const name = verification.caseNumber ?? verification.verificationId;
  const reason = await reasonDialog({
    title: t('cancelVerificationTitle', { case: name }),
    body: t('cancelVerificationBody'),
    label: t('cancelVerificationReason'),
    confirm: t('cancelVerificationYes'),
    cancel: t('dialogBack'),
    tooShort: t('reasonTooShort'),
  });
  if (reason === undefined) return undefined;
  try {
    await ctx.request('POST /admin/verifications/{verificationId}/cancel', {
      params: { verificationId: verification.verificationId },
      body: { reason },
    });
    ctx.announce(t('verificationCancelled', { case: name }));
    return { cancelled: true };
  } catch (error) {
    const info = ctx.errorInfo(error);
    ctx.alert(info.text);
    return { cancelled: false, error: info };
  }
};

// ── A rejected disable, as the requester (and everyone on the case) reads it ──────────────────────

/** Shown while the customer's newest session is the one a second admin rejected. */
export const rejectionNotice = (ctx: Ctx, profile: CustomerProfile) => {
  const newest = profile.recentVerifications[0];
  if (newest?.status !== 'REJECTED') return null;
  const { t } = ctx.i18n;
  const event = profile.recentEvents.find(
    (item) =>
      item.type === 'TWO_FA_DISABLE_REJECTED' &&
      (item.details as Record<string, unknown>).verificationId === newest.verificationId,
  );
  const details = (event?.details ?? {}) as Record<string, unknown>;
  const reason = typeof details.reason === 'string' ? details.reason : undefined;
  return h(
    'section',
    { class: 'card card-warn', 'data-testid': 'disable-rejected' },
    h('h3', { text: t('rejectedTitle') }),
    h('p', {
      text: event
        ? t('rejectedBy', {
            admin: event.actorId,
            time: ctx.i18n.dateTime(event.at),
            case: newest.caseNumber ?? newest.verificationId,
          })
        : t('rejectedSomeone', { case: newest.caseNumber ?? newest.verificationId }),
    }),
    reason ? h('p', { 'data-testid': 'rejected-reason', text: t('rejectedReason', { reason }) }) : null,
    h('p', { class: 'muted', text: t('rejectedNext') }),
  );
};

// ── Re-send the reset link ────────────────────────────────────────────────────────────────────────

interface ResetLinkState {
  customerId: string;
  /** Whose send it was: after a sign-out the next person does not see it. */
  staffId: string;
  busy: boolean;
  /** The further address on file it went to; undefined for the main address. */
  sentTo?: string;
  result?: ResetLinkQueued;
  error?: ErrorInfo;
}

let resetLink: ResetLinkState | undefined;

const resendResetLink = async (ctx: Ctx, page: CustomerPage, sendTo: string | undefined) => {
  const customerId = page.customerId;
  const state: ResetLinkState = {
    customerId,
    staffId: ctx.session.sub,
    busy: true,
    ...(sendTo ? { sentTo: sendTo } : {}),
  };
  resetLink = state;
  ctx.render('resend-reset-link');
  try {
    const response = await ctx.request('POST /admin/customers/{customerId}/2fa/reset-link', {
      params: { customerId },
      body: sendTo ? { sendTo } : undefined,
    });
    state.result = response.body;
    ctx.announce(resetLinkSentText(ctx, response.body, sendTo));
  } catch (error) {
    state.error = ctx.errorInfo(error);
    ctx.alert(state.error.text);
  } finally {
    state.busy = false;
  }
  // The send (or the refusal's reason) is in the history now: the page reads it again, so the
  // table shows what the API has instead of what it had when the page opened.
  await loadProfile(ctx, page, 'resend-reset-link');
};

const resetLinkSentText = (ctx: Ctx, result: ResetLinkQueued, sentTo: string | undefined) =>
  sentTo
    ? ctx.i18n.t('resetLinkSentTo', { email: sentTo, left: result.sendsLeftToday })
    : ctx.i18n.t(result.sendsLeftToday === 0 ? 'resetLinkSentLast' : 'resetLinkSent', {
        left: result.sendsLeftToday,
      });

/** For admins, while 2FA is off after a helpdesk reset: the customer did not (yet) set it up again. */
export const resetLinkCard = (ctx: Ctx, page: CustomerPage, profile: CustomerProfile) => {
  const customer = profile.customer;
  if (!isAdmin(ctx.session) || customer.twoFactor !== 'DISABLED' || !customer.lastResetAt) return null;
  if (customer.recoveryLocked) return null;
  const { t } = ctx.i18n;
  const sendTo = pickedRecipient(customer);
  const state =
    resetLink?.customerId === customer.customerId && resetLink.staffId === ctx.session.sub
      ? resetLink
      : undefined;
  return h(
    'section',
    { class: 'card', 'data-testid': 'reset-link' },
    h('h3', { text: t('resetLinkTitle') }),
    h('p', { text: t('resetLinkIntro', { time: ctx.i18n.dateTime(customer.lastResetAt) }) }),
    state?.result
      ? h('p', {
          class: 'notice notice-ok',
          'data-testid': 'reset-link-result',
          text: resetLinkSentText(ctx, state.result, state.sentTo),
        })
      : null,
    errorBlock(ctx, state?.error, 'reset-link-error'),
    recipientChoice(ctx, customer, state?.busy === true),
    h('button', {
      type: 'button',
      class: 'secondary',
      'data-key': 'resend-reset-link',
      disabled: state?.busy,
      text: sendTo ? t('resendResetLinkTo', { email: sendTo }) : t('resendResetLink'),
      on: { click: () => void resendResetLink(ctx, page, sendTo) },
    }),
  );
};
