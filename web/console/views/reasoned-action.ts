// An action taken with a written reason or note (disable 2FA, release a recovery lock, reset the
// recovery limits): the text field as the form shows it, and the steps before the request (text long
// enough, confirmed in a dialog, form busy), so every such action checks and asks the same way. The
// officer's actions on a customer's case are each one entry (`ReasonedAction`) that the view places.
import { h, uid, type Child } from '../../shared/dom';
import { actionForm, confirmDialog, errorBlock, type Ctx, type ErrorInfo, type MessageKey } from '../context';
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
  options: {
    key: string;
    label: MessageKey;
    hint: MessageKey;
    button: MessageKey;
    /** The route's limit for the text (its body schema's); 500, a reason's, unless said. */
    maxLength?: number;
    /** Nothing changes by it (a note): a plain button, not a red one. */
    plain?: boolean;
  },
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
      maxlength: options.maxLength ?? 500,
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
        class: options.plain ? undefined : 'danger',
        'data-key': options.key,
        disabled: form.busy,
        text: t(options.button),
      }),
    ),
  ];
};

/** Refuses a text that is too short (focus on the field); true when it is long enough. */
const longEnough = (ctx: Ctx, form: ReasonedForm, key: string, tooShort: MessageKey) => {
  if (form.reason.trim().length >= REASON_MIN_LENGTH) {
    form.reasonError = undefined;
    return true;
  }
  form.reasonError = ctx.i18n.t(tooShort);
  ctx.alert(form.reasonError);
  ctx.render(`${key}-reason`);
  return false;
};

/** Marks the form busy and clears its last refusal: the request goes out. */
const markBusy = (ctx: Ctx, form: ReasonedForm, key: string) => {
  form.busy = true;
  form.error = undefined;
  ctx.render(key);
  return true;
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
  if (!longEnough(ctx, form, options.key, 'reasonTooShort')) return false;
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
  markBusy(ctx, form, options.key);
  return true;
};

/**
 * A staff action on a customer taken with a written text, as one entry: how it sends the text (its
 * route by key, typed by the route table), and its words. `key` names its data-keys and test ids
 * (`${key}-form`, `${key}-reason`, `${key}-outcome`, `${key}-error`).
 */
export interface ReasonedAction {
  key: string;
  send: (ctx: Ctx, customerId: string, text: string) => Promise<unknown>;
  label: MessageKey;
  hint: MessageKey;
  button: MessageKey;
  /** Said once it is done. */
  done: MessageKey;
  /** A destructive action is confirmed first; the title names the customer ({name}). */
  confirm?: { title: MessageKey; body: MessageKey; yes: MessageKey };
  /** The refusal of a text too short, when it is no reason (a note). */
  tooShort?: MessageKey;
  /** The route's limit for the text, when it is not a reason's 500 (a note's 1000). */
  maxLength?: number;
  /** An action that changes nothing (a note) gets a plain button. */
  plain?: boolean;
}

export interface ReasonedActionForm extends ReasonedForm {
  done?: boolean;
}

/** A page's forms of its reasoned actions, each by its action's key, made when first shown. */
export type ReasonedForms = Record<string, ReasonedActionForm>;

export const formOf = (forms: ReasonedForms, action: ReasonedAction): ReasonedActionForm =>
  (forms[action.key] ??= { reason: '', busy: false });

/** The customer an action is on, and how the page loads them again (focus on the action). */
export interface ActionTarget {
  customerId: string;
  name: string;
  reload: (focus: string) => Promise<void>;
}

const takeReasonedAction = async (
  ctx: Ctx,
  action: ReasonedAction,
  form: ReasonedActionForm,
  target: ActionTarget,
) => {
  const { t } = ctx.i18n;
  form.done = false;
  const ready = action.confirm
    ? await confirmReasonedAction(ctx, form, {
        key: action.key,
        title: t(action.confirm.title, { name: target.name }),
        body: action.confirm.body,
        confirm: action.confirm.yes,
      })
    : longEnough(ctx, form, action.key, action.tooShort ?? 'reasonTooShort') &&
      markBusy(ctx, form, action.key);
  if (!ready) return;
  try {
    await action.send(ctx, target.customerId, form.reason.trim());
    form.reason = '';
    form.done = true;
    ctx.announce(t(action.done));
    await target.reload(action.key);
  } catch (error) {
    form.error = ctx.errorInfo(error);
    ctx.alert(form.error.text);
  } finally {
    form.busy = false;
  }
  ctx.render(action.key);
};

/** The action's form: what leads up to it (the facts, the call-back), its text field, button and refusal. */
export const reasonedActionForm = (
  ctx: Ctx,
  action: ReasonedAction,
  forms: ReasonedForms,
  target: ActionTarget,
  ...lead: Child[]
) => {
  const form = formOf(forms, action);
  return actionForm(
    `${action.key}-form`,
    () => takeReasonedAction(ctx, action, form, target),
    ...lead,
    ...reasonFields(ctx, form, action),
    errorBlock(ctx, form.error, `${action.key}-error`),
  );
};

/** That the action was done, once it was. */
export const reasonedOutcome = (ctx: Ctx, action: ReasonedAction, forms: ReasonedForms) =>
  formOf(forms, action).done
    ? h('p', {
        class: 'notice notice-ok',
        'data-testid': `${action.key}-outcome`,
        text: ctx.i18n.t(action.done),
      })
    : null;
