// Step 1 of the manual as a checklist: start a session, ask the identity questions, then the
// security questions, optionally the emailed code, then complete. Each answer is checked by the
// server, which says only MATCH / MISMATCH / NOT_ON_FILE; the agent's notes document the call.
// This file: starting a session (channel, reported problem, triage) and the card that holds it; the
// questions are in verification-checks.ts, the code and the outcome in verification-outcome.ts.
import type { Channel, channels as libChannels } from '../../../lib/verification/schemas';
import type { ReportedProblem } from '../../../lib/verification/vocabulary';
import { h, uid } from '../../shared/dom';
import { errorBlock, type Ctx, type ErrorInfo } from '../context';
import { channelLabels, reportedProblemLabels } from '../messages';
import { loadProfile, verificationFrom, type CustomerPage, type VerificationState } from './customer-state';
import { cancelVerification, caseNumberLine } from './handoff';
import {
  cooldownUntil,
  currentAdvice,
  recordTriage,
  reloadIfStale,
  reportsOffered,
  triageAdviceBlock,
  triageQuestions,
} from './triage';
import { checkRow, identityChecks, securityQuestions } from './verification-checks';
import { reEnrollNotice } from './re-enroll';
import {
  completeControls,
  outcomeBlock,
  releaseCaseOf,
  sendEmailCode,
  verifierOf,
  withoutProofForm,
} from './verification-outcome';

const channels = ['phone', 'email', 'chat'] as const satisfies typeof libChannels;

const startVerification = async (ctx: Ctx, page: CustomerPage) => {
  // Only on the triage's VERIFY advice, and not during a cooldown (the form offers no button then).
  if (currentAdvice(page)?.advice !== 'VERIFY' || cooldownUntil(page) || page.startBusy) return;
  page.startBusy = true;
  page.startError = undefined;
  ctx.render('start-verification');
  try {
    // The session names the triage, so the audit shows the path.
    const triage = page.triage.recorded ?? (await recordTriage(ctx, page, false));
    const response = await ctx.request('POST /admin/customers/{customerId}/verifications', {
      params: { customerId: page.customerId },
      body: {
        channel: page.channel,
        ...(page.reportedProblem ? { reportedProblem: page.reportedProblem } : {}),
        triageId: triage.triageId,
      },
    });
    // The session as the server has it, with what completing it needs (toPass) before any answer.
    const session = await ctx.request('GET /admin/verifications/{verificationId}', {
      params: { verificationId: response.body.verificationId },
    });
    page.verification = verificationFrom(session.body);
    page.startBusy = false;
    // The history shows the new session at once.
    await loadProfile(ctx, page, `answer-${identityChecks[0]}`);
  } catch (error) {
    page.startBusy = false;
    page.startError = ctx.errorInfo(error);
    ctx.alert(page.startError.text);
    // A lock lifted or a passkey removed since the page loaded: the customer is read again.
    if (!(await reloadIfStale(ctx, page, page.startError.code))) ctx.render('start-verification');
  }
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
        ...reportsOffered(page).map((problem) =>
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
      ? h('p', {
          id: triageFirstId,
          class: 'hint',
          'data-testid': 'triage-first',
          text: t(page.profile?.customer.recoveryLocked ? 'triageFirstLocked' : 'triageFirst'),
        })
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

/** The cooldown end each customer page waits for: one timer per page and end. */
const cooldownTimers = new Map<string, string>();

/** When the cooldown ends the page renders again and offers the start, without a reload. */
const renderWhenOver = (ctx: Ctx, page: CustomerPage, until: string) => {
  if (cooldownTimers.get(page.customerId) === until) return;
  cooldownTimers.set(page.customerId, until);
  window.setTimeout(
    () => {
      cooldownTimers.delete(page.customerId);
      ctx.render();
      if (window.location.hash.includes(encodeURIComponent(page.customerId)))
        ctx.announce(ctx.i18n.t('cooldownOver'));
    },
    Math.max(0, new Date(until).getTime() - Date.now()) + 500,
  );
};

/** Before the triage: a failed session's cooldown means no verification until then (self-service still can). */
const cooldownNotice = (ctx: Ctx, page: CustomerPage) => {
  const until = cooldownUntil(page);
  if (until) renderWhenOver(ctx, page, until);
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
                        // The address on file in full, as on the customer card: no code goes out before
                        // the caller said it (EMAIL matched), so masking it here hides nothing from them.
                        to: page.profile?.customer.email ?? verification.emailCode.sentTo,
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
                cooldownUntil(page),
              )
            : completeControls(ctx, page, verification),
          verification.outcome?.withoutPossessionProof && page.profile
            ? reEnrollNotice(ctx, page.profile.customer)
            : null,
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
