// A destructive action taken with a written reason (disable 2FA, release a recovery lock): the
// reason field as the form shows it, and the steps before the request (reason long enough,
// confirmed in a dialog, form busy), so both actions check and ask the same way.
import { h, uid } from '../../shared/dom';
import { confirmDialog, type Ctx, type ErrorInfo, type MessageKey } from '../context';
import { REASON_MIN_LENGTH } from './reason-dialog';

export interface ReasonedForm {
  reason: string;
  busy: boolean;
  reasonError?: string;
  error?: ErrorInfo;
}

/**
 * The reason textarea with its hint and refusal, and the submit button. `key` names the action:
 * the data-keys are `${key}-reason` and `${key}`, which the action's renders focus.
 */
export const reasonFields = (
  ctx: Ctx,
  form: ReasonedForm,
  options: { key: string; label: MessageKey; hint: MessageKey; button: MessageKey },
) => {
  const { t } = ctx.i18n;
  const reasonId = uid(`${options.key}-reason`);
  const hintId = uid(`${options.key}-hint`);
  const errorId = uid(`${options.key}-reason-error`);
  return [
    h('label', { for: reasonId, text: t(options.label) }),
    h('textarea', {
      id: reasonId,
      rows: 3,
      maxlength: 500,
      required: true,
      'aria-describedby': form.reasonError ? `${hintId} ${errorId}` : hintId,
      'aria-invalid': form.reasonError ? 'true' : undefined,
      'data-key': `${options.key}-reason`,
      text: form.reason,
      on: { input: (event) => (form.reason = (event.target as HTMLTextAreaElement).value) },
    }),
    h('p', { id: hintId, class: 'hint', text: t(options.hint) }),
    form.reasonError ? h('p', { id: errorId, class: 'error', text: form.reasonError }) : null,
    h(
      'div',
      { class: 'actions' },
      h('button', {
        type: 'submit',
        class: 'danger',
        'data-key': options.key,
        disabled: form.busy,
        text: t(options.button),
      }),
    ),
  ];
};

/**
 * Refuses a reason that is too short (focus on the field), asks for confirmation, then marks the
 * form busy and clears its last refusal. True when the request may go out.
 */
export const confirmReasonedAction = async (
  ctx: Ctx,
  form: ReasonedForm,
  options: {
    key: string;
    title: string;
    /** A key, or the words themselves when they depend on the case. */
    body: MessageKey | { text: string };
    confirm: MessageKey | { text: string };
  },
): Promise<boolean> => {
  const { t } = ctx.i18n;
  if (form.reason.trim().length < REASON_MIN_LENGTH) {
    form.reasonError = t('reasonTooShort');
    ctx.alert(form.reasonError);
    ctx.render(`${options.key}-reason`);
    return false;
  }
  form.reasonError = undefined;
  const confirmed = await confirmDialog({
    title: options.title,
    body: typeof options.body === 'string' ? t(options.body) : options.body.text,
    confirm: typeof options.confirm === 'string' ? t(options.confirm) : options.confirm.text,
    cancel: t('cancel'),
    danger: true,
  });
  if (!confirmed) {
    ctx.render(options.key);
    return false;
  }
  form.busy = true;
  form.error = undefined;
  ctx.render(options.key);
  return true;
};
