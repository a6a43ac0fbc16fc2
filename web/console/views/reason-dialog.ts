// A modal that asks for a reason before a destructive action (reject, cancel): the reason is required
// (it goes into the audit trail), focus starts in the text field, Escape or Cancel backs out.
import { h, uid } from '../../shared/dom';

export const REASON_MIN_LENGTH = 3;

export const reasonDialog = (options: {
  title: string;
  body: string;
  label: string;
  confirm: string;
  cancel: string;
  tooShort: string;
}): Promise<string | undefined> =>
  new Promise((resolve) => {
    const titleId = uid('reason-dialog-title');
    const fieldId = uid('reason-dialog-field');
    const errorId = uid('reason-dialog-error');
    const field = h('textarea', {
      id: fieldId,
      rows: 3,
      maxlength: 500,
      required: true,
      'data-testid': 'reason-dialog-field',
    });
    const error = h('p', { id: errorId, class: 'error', role: 'alert', hidden: true });
    const cancel = h('button', { type: 'button', class: 'secondary', text: options.cancel });
    const confirm = h('button', {
      type: 'submit',
      class: 'danger',
      'data-testid': 'dialog-confirm',
      text: options.confirm,
    });
    let answer: string | undefined;
    const form = h(
      'form',
      {
        class: 'stack',
        // The reason is checked here, so the refusal is in the console's words and language.
        novalidate: true,
        on: {
          submit: (event) => {
            event.preventDefault();
            const reason = field.value.trim();
            if (reason.length < REASON_MIN_LENGTH) {
              error.textContent = options.tooShort;
              error.hidden = false;
              field.setAttribute('aria-invalid', 'true');
              field.setAttribute('aria-describedby', errorId);
              field.focus();
              return;
            }
            answer = reason;
            dialog.close();
          },
        },
      },
      h('label', { for: fieldId, text: options.label }),
      field,
      error,
      h('div', { class: 'actions' }, cancel, confirm),
    );
    const dialog = h(
      'dialog',
      { 'aria-labelledby': titleId, class: 'confirm', 'data-testid': 'reason-dialog' },
      h('h2', { id: titleId, text: options.title }),
      h('p', { text: options.body }),
      form,
    );
    cancel.addEventListener('click', () => dialog.close());
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(answer);
    });
    document.body.append(dialog);
    dialog.showModal();
    field.focus();
  });
