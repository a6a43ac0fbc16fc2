// Step 1 of the manual as a checklist: start a session, ask the identity questions, then the
// security questions, optionally the emailed code, then complete. Each answer is checked by the
// server, which says only MATCH / MISMATCH / NOT_ON_FILE; the agent's notes document the call.
import type { Channel, CheckType } from '../../../lib/verification/schemas';
import {
  noPossessionReasons,
  reportedProblems,
  type NoPossessionReason,
  type ReportedProblem,
} from '../../../lib/verification/vocabulary';
import { h, uid } from '../../shared/dom';
import type {
  CheckOutcome,
  CheckResult,
  EmailCodeSent,
  PolicyOutcome,
  StartedVerification,
} from '../api-types';
import { isAdmin } from '../auth';
import { errorBlock, type Ctx, type ErrorInfo } from '../context';
import {
  channelLabels,
  checkFormats,
  checkLabels,
  identityChecks,
  noPossessionReasonLabels,
  reportedProblemLabels,
  resultLabels,
  securityQuestions,
} from '../messages';
import { emptyRow, loadProfile, type CustomerPage, type VerificationState } from './customer-state';
import { cancelVerification, caseNumberLine } from './handoff';
import { cooldownUntil, currentAdvice, recordTriage, triageAdviceBlock, triageQuestions } from './triage';

const channels: Channel[] = ['phone', 'email', 'chat'];
const checklistOrder: CheckType[] = [...identityChecks, ...securityQuestions, 'EMAIL_CODE'];

const resultBadge = (ctx: Ctx, result: CheckResult | undefined) =>
  result
    ? h('span', {
        class: `result result-${result.toLowerCase().replace(/_/g, '-')}`,
        'data-testid': 'check-result',
        'data-result': result,
        text: resultLabels[ctx.i18n.lang][result],
      })
    : null;

/** The next question still to ask, so focus can move there after each answer. */
const nextOpenCheck = (verification: VerificationState, after: CheckType) => {
  const start = checklistOrder.indexOf(after) + 1;
  const next = checklistOrder.slice(start).find((type) => !verification.rows[type]?.result);
  // The code is the proof: after the questions, the next step is sending it.
  return next === 'EMAIL_CODE' && verification.emailCode === undefined
    ? 'send-email-code'
    : next && `answer-${next}`;
};

const recordCheck = async (ctx: Ctx, page: CustomerPage, type: CheckType, callerDoesNotKnow = false) => {
  const verification = page.verification;
  if (!verification) return;
  const row = (verification.rows[type] ??= emptyRow());
  if (!callerDoesNotKnow && !row.answer.trim()) {
    row.error = { text: ctx.i18n.t('answerRequired'), code: 'ANSWER_REQUIRED' };
    ctx.alert(row.error.text);
    ctx.render(`answer-${type}`);
    return;
  }
  row.busy = true;
  row.error = undefined;
  ctx.render(`check-${type}`);
  try {
    const response = await ctx.call<CheckOutcome>(
      'POST',
      `/admin/verifications/${encodeURIComponent(verification.verificationId)}/checks`,
      {
        body: {
          type,
          ...(callerDoesNotKnow ? { unknown: true } : { answer: row.answer.trim() }),
          ...(row.note.trim() ? { note: row.note.trim() } : {}),
        },
      },
    );
    row.result = response.body.result;
    // What the caller said is not kept in the page once the server has judged it.
    row.answer = '';
    ctx.announce(
      ctx.i18n.t('checkAnnounce', {
        check: checkLabels[ctx.i18n.lang][type],
        result: resultLabels[ctx.i18n.lang][row.result],
      }),
    );
    row.busy = false;
    if (response.body.status === 'FAILED') {
      // The answer ended the session: the outcome shows at once, and the profile the cooldown.
      verification.outcome = { outcome: 'FAILED', reasons: response.body.reasons ?? [] };
      verification.status = 'FAILED';
      ctx.announce(ctx.i18n.t('outcome_FAILED'));
      await loadProfile(ctx, page, 'outcome');
      return;
    }
    ctx.render(nextOpenCheck(verification, type) ?? 'complete');
  } catch (error) {
    row.busy = false;
    row.error = ctx.errorInfo(error);
    ctx.alert(row.error.text);
    ctx.render(`answer-${type}`);
  }
};

const checkRow = (ctx: Ctx, page: CustomerPage, verification: VerificationState, type: CheckType) => {
  const { t, lang } = ctx.i18n;
  const row = verification.rows[type] ?? emptyRow();
  const done = row.result !== undefined || verification.outcome !== undefined;
  const waitingForCode = type === 'EMAIL_CODE' && !verification.emailCode;
  const answerId = uid(`answer-${type}`);
  const noteId = uid(`note-${type}`);
  const hint =
    row.result === 'MISMATCH'
      ? t('checkHintMismatch')
      : row.result === 'NOT_ON_FILE'
        ? t('checkHintNotOnFile')
        : undefined;
  if (done) {
    // Recorded (or, after completion, never asked): a line of documentation, no more inputs.
    return h(
      'div',
      {
        class: `check-row check-done${row.result ? ` check-${row.result.toLowerCase().replace(/_/g, '-')}` : ''}`,
        'data-check': type,
      },
      h(
        'p',
        { class: 'check-summary' },
        h('span', { class: 'check-label', text: checkLabels[lang][type] }),
        ' ',
        row.result ? resultBadge(ctx, row.result) : h('span', { class: 'muted', text: t('notAsked') }),
      ),
      row.note ? h('p', { class: 'muted small', text: t('noteShown', { note: row.note }) }) : null,
      hint && !verification.outcome ? h('p', { class: 'hint', text: hint }) : null,
    );
  }
  const update = (field: 'answer' | 'note') => (event: Event) => {
    const current = (verification.rows[type] ??= emptyRow());
    current[field] = (event.target as HTMLInputElement).value;
  };
  return h(
    'form',
    {
      class: `check-row${row.result ? ` check-${row.result.toLowerCase().replace(/_/g, '-')}` : ''}`,
      'data-check': type,
      on: {
        submit: (event) => {
          event.preventDefault();
          void recordCheck(ctx, page, type);
        },
      },
    },
    h(
      'fieldset',
      { disabled: waitingForCode || row.busy },
      h(
        'legend',
        {},
        h('span', { class: 'check-label', text: checkLabels[lang][type] }),
        ' ',
        resultBadge(ctx, row.result),
      ),
      h(
        'div',
        { class: 'check-fields' },
        h(
          'div',
          { class: 'field' },
          h('label', { for: answerId, text: t('answer') }),
          h('input', {
            id: answerId,
            name: 'answer',
            autocomplete: 'off',
            spellcheck: 'false',
            maxlength: 500,
            value: row.answer,
            inputmode: type === 'EMAIL_CODE' ? 'numeric' : undefined,
            'data-key': `answer-${type}`,
            on: { input: update('answer') },
          }),
        ),
        h(
          'div',
          { class: 'field' },
          h('label', { for: noteId, text: t('note') }),
          h('input', {
            id: noteId,
            name: 'note',
            autocomplete: 'off',
            maxlength: 1000,
            value: row.note,
            'data-key': `note-${type}`,
            on: { input: update('note') },
          }),
        ),
        h(
          'div',
          { class: 'field field-button' },
          h('button', { type: 'submit', 'data-key': `check-${type}`, text: t('check') }),
          h('button', {
            type: 'button',
            class: 'secondary',
            'data-key': `unknown-${type}`,
            text: t('callerDoesNotKnow'),
            on: { click: () => void recordCheck(ctx, page, type, true) },
          }),
        ),
      ),
      h('p', {
        class: 'muted small',
        'data-testid': `format-${type}`,
        text: t('expectedFormat', { format: checkFormats[lang][type] }),
      }),
    ),
    errorBlock(ctx, row.error, `check-error-${type}`),
  );
};

const sendEmailCode = async (ctx: Ctx, verification: VerificationState) => {
  verification.emailCodeBusy = true;
  verification.emailCodeError = undefined;
  ctx.render('send-email-code');
  try {
    const response = await ctx.call<EmailCodeSent>(
      'POST',
      `/admin/verifications/${encodeURIComponent(verification.verificationId)}/email-code`,
    );
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

const complete = async (
  ctx: Ctx,
  page: CustomerPage,
  verification: VerificationState,
  withoutPossessionProof?: NoPossessionReason,
) => {
  verification.completeBusy = true;
  verification.completeError = undefined;
  ctx.render('complete');
  try {
    const response = await ctx.call<PolicyOutcome>(
      'POST',
      `/admin/verifications/${encodeURIComponent(verification.verificationId)}/complete`,
      withoutPossessionProof ? { body: { withoutPossessionProof: { reason: withoutPossessionProof } } } : {},
    );
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

/** The harder path for a caller who cannot receive the code: the reason is recorded, a second admin must approve. */
const withoutProofForm = (ctx: Ctx, page: CustomerPage, verification: VerificationState) => {
  const { t, lang } = ctx.i18n;
  const reasonId = uid('no-proof-reason');
  return h(
    'details',
    { class: 'without-proof', 'data-testid': 'without-proof' },
    h('summary', { text: t('withoutProofTitle') }),
    h('p', { class: 'muted small', text: t('withoutProofIntro') }),
    h(
      'form',
      {
        class: 'inline-form',
        on: {
          submit: (event) => {
            event.preventDefault();
            const select = (event.target as HTMLFormElement).elements.namedItem(
              'reason',
            ) as HTMLSelectElement;
            void complete(ctx, page, verification, select.value as NoPossessionReason);
          },
        },
      },
      h(
        'div',
        {},
        h('label', { for: reasonId, text: t('withoutProofReason') }),
        h(
          'select',
          { id: reasonId, name: 'reason', 'data-key': 'no-proof-reason' },
          ...noPossessionReasons.map((reason) =>
            h('option', { value: reason, text: noPossessionReasonLabels[lang][reason] }),
          ),
        ),
      ),
      h('button', {
        type: 'submit',
        class: 'secondary',
        'data-key': 'complete-without-proof',
        disabled: verification.completeBusy,
        text: t('completeWithoutProof'),
      }),
    ),
  );
};

const startVerification = async (ctx: Ctx, page: CustomerPage) => {
  // Only on the triage's VERIFY advice, and not during a cooldown (the form offers no button then).
  if (currentAdvice(page)?.advice !== 'VERIFY' || cooldownUntil(page) || page.startBusy) return;
  page.startBusy = true;
  page.startError = undefined;
  ctx.render('start-verification');
  try {
    // The session names the triage, so the audit shows the path.
    const triage = page.triage.recorded ?? (await recordTriage(ctx, page, false));
    const response = await ctx.call<StartedVerification>(
      'POST',
      `/admin/customers/${encodeURIComponent(page.customerId)}/verifications`,
      {
        body: {
          channel: page.channel,
          ...(page.reportedProblem ? { reportedProblem: page.reportedProblem } : {}),
          triageId: triage.triageId,
        },
      },
    );
    page.verification = {
      verificationId: response.body.verificationId,
      caseNumber: response.body.caseNumber,
      channel: page.channel,
      status: 'OPEN',
      rows: {},
      emailCodeBusy: false,
      completeBusy: false,
    };
    page.startBusy = false;
    // The history shows the new session at once.
    await loadProfile(ctx, page, `answer-${identityChecks[0]}`);
  } catch (error) {
    page.startBusy = false;
    page.startError = ctx.errorInfo(error);
    ctx.alert(page.startError.text);
    ctx.render('start-verification');
  }
};

/** A policy reason in plain words: mismatches and missing matches name the question. */
export const reasonText = (ctx: Ctx, reason: { code: string; message: string }) => {
  const { t, lang } = ctx.i18n;
  const labels = checkLabels[lang] as Record<string, string>;
  const mismatch = /^MISMATCH_(.+)$/.exec(reason.code);
  if (mismatch?.[1] && labels[mismatch[1]]) return t('reasonMismatch', { check: labels[mismatch[1]] ?? '' });
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
const releaseCaseOf = (page: CustomerPage, verification: VerificationState) =>
  page.profile?.customer.recoveryLocked
    ? (page.profile.recentVerifications.find((item) => item.verificationId === verification.verificationId)
        ?.caseNumber ?? verification.verificationId)
    : undefined;

/** Who ran the session: its starter on the profile's list, or whoever started it on this page. */
const verifierOf = (page: CustomerPage, verification: VerificationState) =>
  page.profile?.recentVerifications.find((item) => item.verificationId === verification.verificationId)
    ?.agentId;

const outcomeBlock = (
  ctx: Ctx,
  verification: VerificationState,
  outcome: PolicyOutcome,
  releaseCase?: string,
  verifiedBy?: string,
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
    h('p', {
      'data-testid': 'outcome-next',
      text: passed
        ? releaseCase
          ? t('passedForRelease', { caseNumber: releaseCase })
          : isAdmin(ctx.session)
            ? verifiedBy === ctx.session.sub
              ? t('passedOwnAdmin', { id: verification.caseNumber ?? verification.verificationId })
              : t('passedAdmin')
            : t('passedHelpdesk', { id: verification.caseNumber ?? verification.verificationId })
        : t('failedNext'),
    }),
  );
};

const startForm = (ctx: Ctx, page: CustomerPage) => {
  const { t, lang } = ctx.i18n;
  const channelId = uid('channel');
  const problemId = uid('reported-problem');
  const advice = currentAdvice(page);
  const cooldown = cooldownUntil(page);
  const triageFirstId = uid('triage-first');
  return h(
    'form',
    {
      class: 'inline-form',
      on: {
        submit: (event) => {
          event.preventDefault();
          void startVerification(ctx, page);
        },
      },
    },
    h(
      'div',
      {},
      h('label', { for: channelId, text: t('channel') }),
      h(
        'select',
        {
          id: channelId,
          name: 'channel',
          'data-key': 'channel',
          on: { change: (event) => (page.channel = (event.target as HTMLSelectElement).value as Channel) },
        },
        ...channels.map((channel) =>
          h('option', {
            value: channel,
            selected: channel === page.channel,
            text: channelLabels[lang][channel],
          }),
        ),
      ),
    ),
    h(
      'div',
      {},
      h('label', { for: problemId, text: t('reportedProblem') }),
      h(
        'select',
        {
          id: problemId,
          name: 'reportedProblem',
          'data-key': 'reported-problem',
          on: {
            change: (event) => {
              const value = (event.target as HTMLSelectElement).value;
              page.reportedProblem = value ? (value as ReportedProblem) : undefined;
              page.triage.recorded = undefined;
              ctx.render('reported-problem');
            },
          },
        },
        h('option', { value: '', text: t('reportedProblemNone') }),
        ...reportedProblems.map((problem) =>
          h('option', {
            value: problem,
            selected: problem === page.reportedProblem,
            text: reportedProblemLabels[lang][problem],
          }),
        ),
      ),
    ),
    ...triageQuestions(ctx, page),
    advice?.advice === 'VERIFY' ? triageAdviceBlock(ctx, page, advice) : null,
    // Self-service advice: no start button, a reset is not what this caller needs. During a cooldown
    // the server refuses the start, so none is offered (and no triage gets recorded for it).
    advice?.advice === 'SELF_SERVICE'
      ? null
      : cooldown
        ? advice
          ? h('p', {
              class: 'notice notice-warn',
              'data-testid': 'start-cooldown',
              text: t('startAfterCooldown', { time: ctx.i18n.dateTime(cooldown) }),
            })
          : null
        : h('button', {
            type: 'submit',
            'data-key': 'start-verification',
            // A verification only on the triage's VERIFY advice: the questions come first.
            disabled: page.startBusy || advice === undefined,
            'aria-describedby': advice === undefined ? triageFirstId : undefined,
            text: t('startVerification'),
          }),
    advice === undefined && !cooldown
      ? h('p', { id: triageFirstId, class: 'hint', 'data-testid': 'triage-first', text: t('triageFirst') })
      : null,
  );
};

/** The last cancel on this page: its notice after the session is gone, or its refusal while it stays. */
let cancelOutcome: { customerId: string; staffId: string; text: string; error?: ErrorInfo } | undefined;

/** Only to whoever cancelled, on that customer's page. */
const cancelShown = (ctx: Ctx, page: CustomerPage) =>
  cancelOutcome?.customerId === page.customerId && cancelOutcome.staffId === ctx.session.sub
    ? cancelOutcome
    : undefined;

const cancel = async (ctx: Ctx, page: CustomerPage, verification: VerificationState) => {
  const result = await cancelVerification(ctx, verification);
  if (!result) {
    ctx.render('cancel-verification');
    return;
  }
  const name = verification.caseNumber ?? verification.verificationId;
  if (result.cancelled) {
    cancelOutcome = {
      customerId: page.customerId,
      staffId: ctx.session.sub,
      text: ctx.i18n.t('verificationCancelled', { case: name }),
    };
    page.verification = undefined;
    await loadProfile(ctx, page, 'start-verification');
  } else {
    cancelOutcome = { customerId: page.customerId, staffId: ctx.session.sub, text: '', error: result.error };
    ctx.render('cancel-verification');
  }
};

/** The agent who verifies (or an admin) voids a session nobody used: OPEN, or PASSED and still unused. */
const cancelControls = (ctx: Ctx, page: CustomerPage, verification: VerificationState) => {
  if (verification.status !== 'OPEN' && verification.status !== 'PASSED') return null;
  const shown = cancelShown(ctx, page);
  return h(
    'div',
    { class: 'actions' },
    h('button', {
      type: 'button',
      class: 'secondary',
      'data-key': 'cancel-verification',
      text: ctx.i18n.t('cancelVerification'),
      on: { click: () => void cancel(ctx, page, verification) },
    }),
    errorBlock(ctx, shown?.error, 'cancel-error'),
  );
};

/** After a session ended unused, or passed to another status the outcome block does not name. */
const statusLine = (ctx: Ctx, verification: VerificationState) =>
  ['OPEN', 'PASSED', 'FAILED'].includes(verification.status)
    ? null
    : h('p', {
        class: 'notice notice-warn',
        'data-testid': 'verification-status',
        'data-status': verification.status,
        text: ctx.i18n.t('verificationStatusNow', { status: ctx.i18n.t(`vstatus_${verification.status}`) }),
      });

/** Before the triage: a failed session's cooldown means no verification until then (self-service still can). */
const cooldownNotice = (ctx: Ctx, page: CustomerPage) => {
  const until = cooldownUntil(page);
  return until
    ? h('p', {
        class: 'notice notice-warn',
        'data-testid': 'verification-cooldown',
        // Under a recovery lock no self-service works, so the notice does not offer it.
        text: page.profile?.customer.recoveryLocked
          ? ctx.i18n.t('cooldownBeforeTriage', { time: ctx.i18n.dateTime(until) })
          : `${ctx.i18n.t('cooldownBeforeTriage', { time: ctx.i18n.dateTime(until) })} ${ctx.i18n.t('cooldownSelfServiceStill')}`,
      })
    : null;
};

export const verificationCard = (ctx: Ctx, page: CustomerPage) => {
  const { t, lang } = ctx.i18n;
  const verification = page.verification;
  const cancelled = cancelShown(ctx, page);
  const body = verification
    ? [
        h('p', {
          class: 'muted',
          'data-testid': 'verification-id',
          text: t(verification.outcome ? 'verificationDone' : 'verificationOpen', {
            id: verification.caseNumber ?? verification.verificationId,
            channel: channelLabels[lang][verification.channel].toLowerCase(),
          }),
        }),
        caseNumberLine(ctx, verification.caseNumber),
        statusLine(ctx, verification),
        h(
          'section',
          { class: 'checklist-section' },
          h('h4', { text: t('sectionIdentity') }),
          ...identityChecks.map((type) => checkRow(ctx, page, verification, type)),
        ),
        h(
          'section',
          { class: 'checklist-section' },
          h('h4', { text: t('sectionSecurity') }),
          ...securityQuestions.map((type) => checkRow(ctx, page, verification, type)),
        ),
        h(
          'section',
          { class: 'checklist-section', 'data-testid': 'email-code-section' },
          h('h4', { text: t('sectionEmailCode') }),
          h('p', { text: t('emailCodeIntro') }),
          h('p', { class: 'notice notice-warn', text: t('emailCodeRequired') }),
          verification.outcome
            ? null
            : h('button', {
                type: 'button',
                class: 'secondary',
                'data-key': 'send-email-code',
                disabled: verification.emailCodeBusy || verification.rows.EMAIL_CODE?.result !== undefined,
                text: verification.emailCode ? t('resendEmailCode') : t('sendEmailCode'),
                on: { click: () => void sendEmailCode(ctx, verification) },
              }),
          verification.emailCode
            ? h('p', {
                'data-testid': 'email-code-sent',
                text:
                  verification.emailCode.sentTo !== undefined
                    ? t('emailCodeSent', {
                        to: verification.emailCode.sentTo,
                        time: ctx.i18n.time(verification.emailCode.expiresAt),
                        left: verification.emailCode.sendsLeft ?? 0,
                      })
                    : t('emailCodeSentEarlier', { time: ctx.i18n.time(verification.emailCode.expiresAt) }),
              })
            : null,
          errorBlock(ctx, verification.emailCodeError, 'email-code-error'),
          checkRow(ctx, page, verification, 'EMAIL_CODE'),
          verification.outcome || verification.rows.EMAIL_CODE?.result === 'MATCH'
            ? null
            : withoutProofForm(ctx, page, verification),
        ),
        h(
          'section',
          { class: 'checklist-section' },
          h('h4', { text: t('sectionComplete') }),
          verification.outcome
            ? outcomeBlock(
                ctx,
                verification,
                verification.outcome,
                releaseCaseOf(page, verification),
                verifierOf(page, verification),
              )
            : h(
                'div',
                {},
                h('p', { class: 'muted', text: t('completeIntro') }),
                h('button', {
                  type: 'button',
                  'data-key': 'complete',
                  disabled: verification.completeBusy,
                  text: t('complete'),
                  on: { click: () => void complete(ctx, page, verification) },
                }),
                errorBlock(ctx, verification.completeError, 'complete-error'),
              ),
          cancelControls(ctx, page, verification),
        ),
      ]
    : page.profile?.customer.recoveryLocked
      ? [cooldownNotice(ctx, page), startForm(ctx, page), errorBlock(ctx, page.startError, 'start-error')]
      : page.profile?.customer.twoFactor === 'DISABLED'
        ? [h('p', { class: 'muted', 'data-testid': 'no-verification', text: t('noVerificationNeeded') })]
        : [
            cancelled && !cancelled.error
              ? h('p', { class: 'notice notice-ok', 'data-testid': 'cancel-result', text: cancelled.text })
              : null,
            cooldownNotice(ctx, page),
            h('p', { class: 'muted small', text: t('triageIntro') }),
            startForm(ctx, page),
            ...(() => {
              const advice = currentAdvice(page);
              return advice?.advice === 'SELF_SERVICE' ? [triageAdviceBlock(ctx, page, advice)] : [];
            })(),
            errorBlock(ctx, page.startError, 'start-error'),
          ];
  return h(
    'section',
    { class: 'card', 'data-testid': 'verification' },
    h('h3', { text: t('stepVerifyTitle') }),
    h('p', { text: t('verifyIntro') }),
    h('p', { class: 'muted small', text: t('policyHint') }),
    page.profile?.customer.recoveryLocked
      ? h('p', {
          class: 'notice notice-warn',
          'data-testid': 'release-only-verification',
          text: t('releaseOnlyVerification'),
        })
      : null,
    ...body,
  );
};
