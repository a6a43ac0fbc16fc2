// The end of step 1: the emailed code as proof of possession (or the recorded reason for going without
// it), completing the session by the policy, and its outcome with what happens next.
import { noPossessionReasons, type NoPossessionReason } from '../../../lib/verification/vocabulary';
import { h, uid } from '../../shared/dom';
import type { PolicyOutcome } from '../../../lib/verification/policy';
import { isAdmin } from '../auth';
import { confirmDialog, errorBlock, type Ctx } from '../context';
import { checkLabels, noPossessionReasonLabels } from '../messages';
import { loadProfile, type CustomerPage, type VerificationState } from './customer-state';

export const sendEmailCode = async (ctx: Ctx, verification: VerificationState) => {
  verification.emailCodeBusy = true;
  verification.emailCodeError = undefined;
  ctx.render('send-email-code');
  try {
    const response = await ctx.request('POST /admin/verifications/{verificationId}/email-code', {
      params: { verificationId: verification.verificationId },
    });
    verification.emailCode = response.body;
    ctx.announce(
      ctx.i18n.t('emailCodeSent', {
        to: response.body.sentTo,
        time: ctx.i18n.time(response.body.expiresAt),
        left: response.body.sendsLeft,
      }),
    );
    verification.emailCodeBusy = false;
    ctx.render('answer-EMAIL_CODE');
  } catch (error) {
    verification.emailCodeBusy = false;
    verification.emailCodeError = ctx.errorInfo(error);
    ctx.alert(verification.emailCodeError.text);
    ctx.render('send-email-code');
  }
};

export const complete = async (
  ctx: Ctx,
  page: CustomerPage,
  verification: VerificationState,
  withoutPossessionProof?: NoPossessionReason,
) => {
  verification.completeBusy = true;
  verification.completeError = undefined;
  ctx.render('complete');
  try {
    const response = await ctx.request('POST /admin/verifications/{verificationId}/complete', {
      params: { verificationId: verification.verificationId },
      body: withoutPossessionProof ? { withoutPossessionProof: { reason: withoutPossessionProof } } : {},
    });
    verification.outcome = response.body;
    verification.status = response.body.outcome;
    ctx.announce(ctx.i18n.t(`outcome_${response.body.outcome}`));
    verification.completeBusy = false;
    // The profile shows the new session (and, for a failure, the cooldown).
    await loadProfile(ctx, page, 'outcome');
  } catch (error) {
    verification.completeBusy = false;
    verification.completeError = ctx.errorInfo(error);
    ctx.alert(verification.completeError.text);
    ctx.render('complete');
  }
};

/**
 * What completing still needs, by the server's policy (the session's `toPass`): beside a button that
 * stays disabled until nothing is missing, and its description for screen readers.
 */
const stillNeededList = (
  ctx: Ctx,
  reasons: readonly { code: string; message: string }[],
  id: string,
  testId: string,
) =>
  reasons.length
    ? h(
        'div',
        { id, class: 'hint', 'data-testid': testId },
        h('p', { text: ctx.i18n.t('stillNeeded') }),
        h(
          'ul',
          {},
          ...reasons.map((reason) => h('li', { 'data-code': reason.code, text: reasonText(ctx, reason) })),
        ),
      )
    : null;

/** "Verificatie afronden": offered once the policy can pass; until then it says what is still missing. */
export const completeControls = (ctx: Ctx, page: CustomerPage, verification: VerificationState) => {
  const { t } = ctx.i18n;
  const missing = verification.toPass?.withEmailCode ?? [];
  const missingId = uid('complete-missing');
  return h(
    'div',
    {},
    h('p', { class: 'muted', text: t('completeIntro') }),
    h('button', {
      type: 'button',
      'data-key': 'complete',
      disabled: verification.completeBusy || missing.length > 0,
      'aria-describedby': missing.length ? missingId : undefined,
      text: t('complete'),
      on: { click: () => void complete(ctx, page, verification) },
    }),
    stillNeededList(ctx, missing, missingId, 'complete-missing'),
    errorBlock(ctx, verification.completeError, 'complete-error'),
  );
};

/** Going without the code needs a second admin later: the agent confirms first, as for a disable. */
const completeWithoutProof = async (ctx: Ctx, page: CustomerPage, verification: VerificationState) => {
  const { t, lang } = ctx.i18n;
  const reason = verification.withoutProofReason;
  if (!reason) {
    verification.withoutProofReasonError = t('withoutProofChooseReason');
    ctx.alert(verification.withoutProofReasonError);
    ctx.render('no-proof-reason');
    return;
  }
  verification.withoutProofReasonError = undefined;
  const confirmed = await confirmDialog({
    title: t('confirmWithoutProofTitle'),
    body: t('confirmWithoutProofBody', { reason: noPossessionReasonLabels[lang][reason] }),
    confirm: t('confirmWithoutProofYes'),
    cancel: t('cancel'),
    danger: true,
  });
  if (!confirmed) {
    ctx.render('complete-without-proof');
    return;
  }
  await complete(ctx, page, verification, reason);
};

/** The harder path for a caller who cannot receive the code: the reason is recorded, a second admin must approve. */
export const withoutProofForm = (ctx: Ctx, page: CustomerPage, verification: VerificationState) => {
  const { t, lang } = ctx.i18n;
  const reasonId = uid('no-proof-reason');
  const errorId = uid('no-proof-reason-error');
  const missing = verification.toPass?.withoutPossessionProof ?? [];
  const missingId = uid('without-proof-missing');
  const reasonError = verification.withoutProofReasonError;
  return h(
    'details',
    {
      class: 'without-proof',
      'data-testid': 'without-proof',
      open: reasonError || verification.withoutProofReason ? true : undefined,
    },
    h('summary', { text: t('withoutProofTitle') }),
    h('p', { class: 'muted small', text: t('withoutProofIntro') }),
    h(
      'form',
      {
        class: 'inline-form',
        // Checked here, so the refusal is in the console's words and language.
        novalidate: true,
        on: {
          submit: (event) => {
            event.preventDefault();
            void completeWithoutProof(ctx, page, verification);
          },
        },
      },
      h(
        'div',
        {},
        h('label', { for: reasonId, text: t('withoutProofReason') }),
        h(
          'select',
          {
            id: reasonId,
            name: 'reason',
            required: true,
            'data-key': 'no-proof-reason',
            'aria-invalid': reasonError ? 'true' : undefined,
            'aria-describedby': reasonError ? errorId : undefined,
            on: {
              change: (event) => {
                const value = (event.target as HTMLSelectElement).value;
                verification.withoutProofReason = noPossessionReasons.find((reason) => reason === value);
              },
            },
          },
          // No reason is assumed: the agent picks the one the caller gave.
          h('option', {
            value: '',
            selected: !verification.withoutProofReason,
            text: t('withoutProofReasonPlaceholder'),
          }),
          ...noPossessionReasons.map((reason) =>
            h('option', {
              value: reason,
              selected: reason === verification.withoutProofReason,
              text: noPossessionReasonLabels[lang][reason],
            }),
          ),
        ),
        reasonError ? h('p', { id: errorId, class: 'error', text: reasonError }) : null,
      ),
      h('button', {
        type: 'submit',
        class: 'secondary',
        'data-key': 'complete-without-proof',
        disabled: verification.completeBusy || missing.length > 0,
        'aria-describedby': missing.length ? missingId : undefined,
        text: t('completeWithoutProof'),
      }),
    ),
    stillNeededList(ctx, missing, missingId, 'without-proof-missing'),
  );
};

/** A policy reason in plain words: mismatches and missing matches name the question. */
export const reasonText = (ctx: Ctx, reason: { code: string; message: string }) => {
  const { t, lang } = ctx.i18n;
  const labels = checkLabels[lang] as Record<string, string>;
  const mismatch = /^MISMATCH_(.+)$/.exec(reason.code);
  if (mismatch?.[1] && labels[mismatch[1]]) return t('reasonMismatch', { check: labels[mismatch[1]] ?? '' });
  const pending = /^REPEAT_PENDING_(.+)$/.exec(reason.code);
  if (pending?.[1] && labels[pending[1]])
    return t('reasonRepeatPending', { check: labels[pending[1]] ?? '' });
  const missing = /^(.+)_NOT_MATCHED$/.exec(reason.code);
  if (missing?.[1] && labels[missing[1]]) return t('reasonNotMatched', { check: labels[missing[1]] ?? '' });
  if (reason.code === 'TOO_FEW_SECURITY_ANSWERS') return t('reason_TOO_FEW_SECURITY_ANSWERS');
  if (reason.code === 'EMAIL_CODE_REQUIRED') return t('reason_EMAIL_CODE_REQUIRED');
  return reason.message;
};

/**
 * Under a "this wasn't me" lock a session serves only the security team's release: its case number,
 * to pass on. Undefined for an ordinary reset.
 */
export const releaseCaseOf = (page: CustomerPage, verification: VerificationState) =>
  page.profile?.customer.recoveryLocked
    ? (page.profile.recentVerifications.find((item) => item.verificationId === verification.verificationId)
        ?.caseNumber ?? verification.verificationId)
    : undefined;

/** Who ran the session: its starter on the profile's list, or whoever started it on this page. */
export const verifierOf = (page: CustomerPage, verification: VerificationState) =>
  page.profile?.recentVerifications.find((item) => item.verificationId === verification.verificationId)
    ?.agentId;

export const outcomeBlock = (
  ctx: Ctx,
  verification: VerificationState,
  outcome: PolicyOutcome,
  releaseCase?: string,
  verifiedBy?: string,
  cooldownUntil?: string,
) => {
  const { t } = ctx.i18n;
  const passed = outcome.outcome === 'PASSED';
  return h(
    'div',
    {
      class: `outcome ${passed ? 'outcome-passed' : 'outcome-failed'}`,
      'data-testid': 'verification-outcome',
      'data-outcome': outcome.outcome,
    },
    h('h4', { tabindex: -1, 'data-key': 'outcome', text: t(`outcome_${outcome.outcome}`) }),
    outcome.reasons.length
      ? h(
          'ul',
          { 'data-testid': 'outcome-reasons' },
          ...outcome.reasons.map((reason) =>
            h('li', { 'data-code': reason.code, text: reasonText(ctx, reason) }),
          ),
        )
      : null,
    outcome.withoutPossessionProof
      ? h('p', {
          class: 'notice notice-warn',
          'data-testid': 'without-proof-passed',
          text: t('withoutProofPassed'),
        })
      : null,
    // Once a pass was used, rejected or is waiting for approval, the status line says what it is now.
    verification.status !== outcome.outcome
      ? null
      : h('p', {
          'data-testid': 'outcome-next',
          text: passed
            ? releaseCase
              ? t('passedForRelease', { caseNumber: releaseCase })
              : isAdmin(ctx.session)
                ? verifiedBy === ctx.session.sub
                  ? t('passedOwnAdmin', { id: verification.caseNumber ?? verification.verificationId })
                  : t('passedAdmin')
                : t('passedHelpdesk', { id: verification.caseNumber ?? verification.verificationId })
            : cooldownUntil
              ? t('failedNext', { time: ctx.i18n.dateTime(cooldownUntil) })
              : t('failedNextNoCooldown'),
        }),
    // What the agent says to the caller: the decision and when to call again, never which answer was wrong.
    passed || verification.status !== outcome.outcome
      ? null
      : h('p', {
          class: 'say',
          'data-testid': 'outcome-say',
          text: cooldownUntil
            ? t('failedSay', { time: ctx.i18n.dateTime(cooldownUntil) })
            : t('failedSayNoCooldown'),
        }),
  );
};
