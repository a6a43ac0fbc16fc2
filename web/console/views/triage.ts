// Triage before verification (the manual's "Probleem Herkenning"): two questions after "what does the
// caller report?", and the advice of lib/triage/advice.ts, the rule the server applies too. Self-service:
// the words for the caller and a button that mails the guide to the addresses on file; verification
// only for a caller with nothing left, and then the session names the triage.
import {
  adviseTriageFor,
  factorQuestionsAsked,
  passkeyQuestionAsked,
  reportFits,
  type TriageAdvice,
  type TriageStanding,
} from '../../../lib/triage/advice';
import { reportedProblems } from '../../../lib/verification/vocabulary';
import { h, uid } from '../../shared/dom';
import { errorBlock, type Ctx } from '../context';
import type { MessageKey } from '../messages';
import { loadProfile, type CustomerPage } from './customer-state';

/**
 * The advice as soon as the answers decide it, by the server's own rule (a recovery lock first); until
 * then none (the agent asks first). A working app decides alone, then a working passkey: the back-up
 * codes change nothing then.
 */
export const currentAdvice = (page: CustomerPage): TriageAdvice | undefined => {
  if (!page.reportedProblem) return undefined;
  return adviseTriageFor({ ...page.triage, reportedProblem: page.reportedProblem }, standingOf(page));
};

const standingOf = (page: CustomerPage): TriageStanding => ({
  recoveryLocked: page.profile?.customer.recoveryLocked === true,
  hasPasskeys: page.profile?.customer.methods.some((way) => way.method === 'passkey') === true,
});

/** Until this instant the customer is on a verification cooldown (a failed session); undefined if not. */
export const cooldownUntil = (page: CustomerPage, now = new Date()) => {
  const until = page.profile?.customer.verificationCooldownUntil;
  return until && new Date(until) > now ? until : undefined;
};

/** The reports to offer for this customer: "passkey lost" only of one with a passkey on file. */
export const reportsOffered = (page: CustomerPage) =>
  reportedProblems.filter((problem) => reportFits(problem, standingOf(page)));

/**
 * The server refused on what it knows now and the page does not (a lock lifted, a passkey removed):
 * read the customer again, so the questions and reports offered are the ones that count. False for any
 * other refusal.
 */
export const reloadIfStale = async (ctx: Ctx, page: CustomerPage, code: string | undefined) => {
  if (code !== 'TRIAGE_ANSWER_REQUIRED' && code !== 'NO_PASSKEY_ON_FILE') return false;
  // The report named a passkey the customer no longer has: the agent asks and chooses again.
  if (code === 'NO_PASSKEY_ON_FILE') page.reportedProblem = undefined;
  await loadProfile(ctx, page, code === 'NO_PASSKEY_ON_FILE' ? 'reported-problem' : 'triage-app-works');
  return true;
};

/** Records the triage as answered; the answer carries the triage id a verification then names. */
export const recordTriage = async (ctx: Ctx, page: CustomerPage, emailGuide: boolean) => {
  // Answers given before a lock showed up were not asked under it: only what was asked is recorded.
  const standing = standingOf(page);
  const asked = factorQuestionsAsked(standing);
  const oldAuthenticatorWorks = asked ? page.triage.oldAuthenticatorWorks : undefined;
  const passkeyWorks = passkeyQuestionAsked(page.triage, standing) ? page.triage.passkeyWorks : undefined;
  const backupCodesAvailable = asked ? page.triage.backupCodesAvailable : undefined;
  const { reportedProblem } = page;
  // Its buttons show only with advice, which needs the problem (and, unless locked, both answers).
  if (!reportedProblem || (asked && oldAuthenticatorWorks === undefined))
    throw new Error('The triage is not answered yet.');
  const response = await ctx.request('POST /admin/customers/{customerId}/triage', {
    params: { customerId: page.customerId },
    body: {
      reportedProblem,
      ...(oldAuthenticatorWorks === undefined ? {} : { oldAuthenticatorWorks }),
      ...(passkeyWorks === undefined ? {} : { passkeyWorks }),
      // With a working app the codes were not needed; an answer given anyway is still recorded.
      ...(backupCodesAvailable === undefined ? {} : { backupCodesAvailable }),
      channel: page.channel,
      emailGuide,
    },
  });
  page.triage.recorded = response.body;
  return response.body;
};

const emailGuide = async (ctx: Ctx, page: CustomerPage) => {
  page.triage.busy = true;
  page.triage.error = undefined;
  ctx.render('email-guide');
  try {
    const recorded = await recordTriage(ctx, page, true);
    page.triage.busy = false;
    ctx.announce(ctx.i18n.t('triageGuideQueued', { left: recorded.guidesLeftToday }));
    // The history shows the triage at once.
    await loadProfile(ctx, page, 'triage-guide-queued');
  } catch (error) {
    page.triage.busy = false;
    page.triage.error = ctx.errorInfo(error);
    ctx.alert(page.triage.error.text);
    if (!(await reloadIfStale(ctx, page, page.triage.error.code))) ctx.render('email-guide');
  }
};

/** A yes/no question; changing an answer drops a triage recorded on the old answers. */
const question = (
  ctx: Ctx,
  page: CustomerPage,
  key: 'oldAuthenticatorWorks' | 'passkeyWorks' | 'backupCodesAvailable',
  label: MessageKey,
  dataKey: string,
) => {
  const { t } = ctx.i18n;
  const id = uid(dataKey);
  const value = page.triage[key];
  return h(
    'div',
    {},
    h('label', { for: id, text: t(label) }),
    h(
      'select',
      {
        id,
        name: key,
        'data-key': dataKey,
        on: {
          change: (event) => {
            const chosen = (event.target as HTMLSelectElement).value;
            page.triage[key] = chosen === '' ? undefined : chosen === 'yes';
            page.triage.recorded = undefined;
            page.triage.error = undefined;
            ctx.render(dataKey);
          },
        },
      },
      h('option', { value: '', text: t('triageUnanswered') }),
      h('option', { value: 'yes', selected: value === true, text: t('triageYes') }),
      h('option', { value: 'no', selected: value === false, text: t('triageNo') }),
    ),
  );
};

/**
 * The factor questions, asked after the report and before anything else (the passkey's only of a
 * customer with one on file, once the app does not work); under a recovery lock, instead, why they are
 * not asked (no answer could change the advice).
 */
export const triageQuestions = (ctx: Ctx, page: CustomerPage) =>
  factorQuestionsAsked(standingOf(page))
    ? [
        question(ctx, page, 'oldAuthenticatorWorks', 'triageAppWorks', 'triage-app-works'),
        ...(passkeyQuestionAsked(page.triage, standingOf(page))
          ? [question(ctx, page, 'passkeyWorks', 'triagePasskeyWorks', 'triage-passkey-works')]
          : []),
        question(ctx, page, 'backupCodesAvailable', 'triageBackupCodes', 'triage-backup-codes'),
      ]
    : [
        h('p', {
          class: 'muted small',
          'data-testid': 'triage-skipped',
          text: ctx.i18n.t('triageSkippedLocked'),
        }),
      ];

/** What to do, in words; for self-service with the guide button (the start button goes: no reset is needed). */
export const triageAdviceBlock = (ctx: Ctx, page: CustomerPage, advice: TriageAdvice) => {
  const { t } = ctx.i18n;
  if (advice.advice === 'VERIFY')
    return h(
      'div',
      {
        class: 'notice notice-warn triage-advice',
        'data-testid': 'triage-advice',
        'data-advice': 'VERIFY',
        'data-because': advice.because,
      },
      h('p', {
        text: t(advice.because === 'RECOVERY_LOCKED' ? 'triageVerifyLockedTitle' : 'triageVerifyTitle'),
      }),
      h('p', { class: 'muted small', text: t('triageVerifyIntro') }),
    );
  const recorded = page.triage.recorded;
  return h(
    'div',
    {
      class: 'notice notice-ok triage-advice',
      'data-testid': 'triage-advice',
      'data-advice': 'SELF_SERVICE',
      'data-path': advice.selfServicePath,
    },
    h('h4', { text: t('triageSelfServiceTitle') }),
    h('p', { text: t('triageSayIntro') }),
    h('blockquote', { 'data-testid': 'triage-say', text: t(`triageSay_${advice.selfServicePath}`) }),
    h('p', { class: 'muted small', text: t('triageNeverAsk') }),
    recorded?.notification === 'QUEUED'
      ? h('p', {
          'data-testid': 'triage-guide-queued',
          'data-key': 'triage-guide-queued',
          tabindex: -1,
          text: t('triageGuideQueued', { left: recorded.guidesLeftToday }),
        })
      : h(
          'div',
          {},
          h('button', {
            type: 'button',
            'data-key': 'email-guide',
            disabled: page.triage.busy,
            text: t('triageEmailGuide'),
            on: { click: () => void emailGuide(ctx, page) },
          }),
          h('p', { class: 'muted small', text: t('triageEmailGuideHint') }),
        ),
    errorBlock(ctx, page.triage.error, 'triage-error'),
  );
};
