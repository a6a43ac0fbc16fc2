// The sign-in view: a name and a role for the local token issuer, or the hosted-UI button in AWS.
import { h, uid } from '../../shared/dom';
import type { Translator } from '../../shared/i18n';
import type { StaffGroup } from '../auth';
import type { MessageKey } from '../context';
import type { ConsoleAuthConfig } from '../runtime-config';

export interface SignInHandlers {
  local(sub: string, group: StaffGroup): void;
  hosted(): void;
}

export const signInView = (
  i18n: Translator<MessageKey>,
  auth: ConsoleAuthConfig,
  notice: string | undefined,
  handlers: SignInHandlers,
) => {
  const { t } = i18n;
  const heading = h('h2', { tabindex: -1, 'data-route-focus': true, text: t('signInTitle') });
  const noticeBlock = notice
    ? h('div', { class: 'notice notice-error', 'data-testid': 'sign-in-notice' }, h('p', { text: notice }))
    : null;
  if (auth.mode === 'cognito') {
    return h(
      'section',
      { class: 'card narrow' },
      heading,
      noticeBlock,
      h('p', { text: t('signInHostedIntro') }),
      h('button', {
        type: 'button',
        'data-key': 'sign-in',
        text: t('signInHostedButton'),
        on: { click: () => handlers.hosted() },
      }),
    );
  }
  const userId = uid('user');
  const user = h('input', {
    id: userId,
    name: 'user',
    autocomplete: 'username',
    required: true,
    maxlength: 128,
    value: 'agent-bram',
    'data-key': 'sign-in-user',
  });
  const role = (value: StaffGroup, label: string, checked: boolean) => {
    const id = uid('role');
    return h(
      'div',
      { class: 'choice' },
      h('input', { type: 'radio', id, name: 'role', value, checked }),
      h('label', { for: id, text: label }),
    );
  };
  const form = h(
    'form',
    {
      class: 'stack',
      on: {
        submit: (event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget as HTMLFormElement);
          const sub = String(data.get('user') ?? '').trim();
          const role = data.get('role');
          if (sub) handlers.local(sub, role === 'admin' || role === 'security' ? role : 'helpdesk');
        },
      },
    },
    h('label', { for: userId, text: t('signInUser') }),
    user,
    h(
      'fieldset',
      {},
      h('legend', { text: t('signInRole') }),
      role('helpdesk', t('roleHelpdeskLong'), true),
      role('admin', t('roleAdminLong'), false),
      role('security', t('roleSecurityLong'), false),
    ),
    h('div', { class: 'actions' }, h('button', { type: 'submit', text: t('signInButton') })),
  );
  return h(
    'section',
    { class: 'card narrow' },
    heading,
    noticeBlock,
    h('p', { class: 'muted', text: t('signInLocalIntro') }),
    form,
  );
};
