// The questions of step 1, one row each: the agent types what the caller says, the server compares
// it and says only MATCH / INCOMPLETE / MISMATCH / NOT_ON_FILE, and focus moves on to the next open
// question. INCOMPLETE keeps the row open to ask for more; a first wrong answer (MISMATCH_UNCONFIRMED)
// keeps it open for the caller to repeat it, recorded with "the caller repeated it" (lib/verification/answers.ts).
import type {
  CheckType,
  checkTypes,
  identityChecks as libIdentityChecks,
  securityQuestions as libSecurityQuestions,
} from '../../../lib/verification/schemas';
import { h, uid } from '../../shared/dom';
import type { CheckResult } from '../../../lib/verification/schemas';
import { errorBlock, type Ctx } from '../context';
import { checkFormats, checkLabels, resultLabels } from '../messages';
import { emptyRow, loadProfile, type CustomerPage, type VerificationState } from './customer-state';

/**
 * The manual's questions, in its order: identity first, then the security questions. lib's lists,
 * restated here because lib/verification/schemas.ts brings zod along; tsc checks they are the same.
 */
export const identityChecks = [
  'FULL_NAME',
  'EMAIL',
  'COMPANY_NAME',
  'LAST_LOGIN_DATE',
] as const satisfies typeof libIdentityChecks;
export const securityQuestions = [
  'CHARGE_POINT_IDS',
  'LAST_TRANSACTION',
  'COMPANY_INFO',
] as const satisfies typeof libSecurityQuestions;
const checklistOrder = [
  ...identityChecks,
  ...securityQuestions,
  'EMAIL_CODE',
] as const satisfies typeof checkTypes;

const resultBadge = (ctx: Ctx, result: CheckResult | undefined) =>
  result
    ? h('span', {
        class: `result result-${result.toLowerCase().replace(/_/g, '-')}`,
        'data-testid': 'check-result',
        'data-result': result,
        text: resultLabels[ctx.i18n.lang][result],
      })
    : null;

/** Results that leave the question open: ask for more, or have the caller repeat it. */
const asksAgain = (result: CheckResult | undefined) =>
  result === 'INCOMPLETE' || result === 'MISMATCH_UNCONFIRMED';

/** The question's last answer was wrong and waits for the caller to repeat it (the code is simply read again). */
const awaitsRepeat = (type: CheckType, result: CheckResult | undefined) =>
  type !== 'EMAIL_CODE' && result === 'MISMATCH_UNCONFIRMED';

/** The next question still to ask, so focus can move there after each answer. */
const nextOpenCheck = (verification: VerificationState, after: CheckType) => {
  const start = checklistOrder.indexOf(after) + 1;
  const next = checklistOrder.slice(start).find((type) => {
    const result = verification.rows[type]?.result;
    return !result || asksAgain(result);
  });
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
  const repeating = awaitsRepeat(type, row.result);
  if (repeating && !row.repeated) {
    row.error = { text: ctx.i18n.t('repeatRequired'), code: 'CALLER_REPEAT_REQUIRED' };
    ctx.alert(row.error.text);
    ctx.render(`repeated-${type}`);
    return;
  }
  row.busy = true;
  row.error = undefined;
  ctx.render(`check-${type}`);
  try {
    const response = await ctx.request('POST /admin/verifications/{verificationId}/checks', {
      params: { verificationId: verification.verificationId },
      body: {
        type,
        ...(callerDoesNotKnow ? { unknown: true } : { answer: row.answer.trim() }),
        ...(repeating && !callerDoesNotKnow ? { callerRepeated: true } : {}),
        ...(row.note.trim() ? { note: row.note.trim() } : {}),
      },
    });
    row.result = response.body.result;
    row.triesLeft = response.body.triesLeft;
    row.repeated = false;
    verification.toPass = response.body.toPass;
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
    // Incomplete or not yet confirmed: the same question again, before moving on.
    ctx.render(asksAgain(row.result) ? `answer-${type}` : (nextOpenCheck(verification, type) ?? 'complete'));
  } catch (error) {
    row.busy = false;
    row.error = ctx.errorInfo(error);
    ctx.alert(row.error.text);
    ctx.render(`answer-${type}`);
  }
};

export const checkRow = (ctx: Ctx, page: CustomerPage, verification: VerificationState, type: CheckType) => {
  const { t, lang } = ctx.i18n;
  const row = verification.rows[type] ?? emptyRow();
  const done = (row.result !== undefined && !asksAgain(row.result)) || verification.outcome !== undefined;
  const repeating = awaitsRepeat(type, row.result);
  const waitingForCode = type === 'EMAIL_CODE' && !verification.emailCode;
  const answerId = uid(`answer-${type}`);
  const noteId = uid(`note-${type}`);
  const repeatedId = uid(`repeated-${type}`);
  const formatId = uid(`format-${type}`);
  const hintId = uid(`check-hint-${type}`);
  const hint =
    row.result === 'MISMATCH'
      ? t('checkHintMismatch')
      : row.result === 'NOT_ON_FILE'
        ? t('checkHintNotOnFile')
        : row.result === 'INCOMPLETE'
          ? t('checkHintIncomplete')
          : row.result === 'MISMATCH_UNCONFIRMED'
            ? type === 'EMAIL_CODE'
              ? row.triesLeft === undefined
                ? t('checkHintCodeRetry')
                : t('checkHintCodeTriesLeft', { left: String(row.triesLeft) })
              : t('checkHintUnconfirmed')
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
            // One name per question: a browser's autofill and a screen reader's form list tell them apart.
            name: `answer-${type}`,
            // The expected form, and the hint after a result, are read with the field.
            'aria-describedby': hint ? `${formatId} ${hintId}` : formatId,
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
            name: `note-${type}`,
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
          // Once an answer waits to be repeated, "does not know" is no way out (the server refuses it).
          repeating
            ? null
            : h('button', {
                type: 'button',
                class: 'secondary',
                'data-key': `unknown-${type}`,
                text: t('callerDoesNotKnow'),
                on: { click: () => void recordCheck(ctx, page, type, true) },
              }),
        ),
      ),
      hint ? h('p', { id: hintId, class: 'hint', 'data-testid': `check-hint-${type}`, text: hint }) : null,
      repeating
        ? h(
            'div',
            { class: 'choice' },
            h('input', {
              type: 'checkbox',
              id: repeatedId,
              checked: row.repeated === true,
              'data-key': `repeated-${type}`,
              on: {
                change: (event) => {
                  const current = (verification.rows[type] ??= emptyRow());
                  current.repeated = (event.target as HTMLInputElement).checked;
                },
              },
            }),
            h('label', { for: repeatedId, text: t('callerRepeated') }),
          )
        : null,
      h('p', {
        id: formatId,
        class: 'muted small',
        'data-testid': `format-${type}`,
        text: t('expectedFormat', { format: checkFormats[lang][type] }),
      }),
    ),
    errorBlock(ctx, row.error, `check-error-${type}`),
  );
};
