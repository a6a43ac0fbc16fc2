// The sign-in view: one button to the sign-in page (Cognito's hosted UI in AWS, the local OpenID
// provider in `npm start`), which sends the browser back here signed in.
import { h } from '../../shared/dom';
import type { Translator } from '../../shared/i18n';
import type { MessageKey } from '../context';
import type { ConsoleAuthConfig } from '../runtime-config';
import type { ConsoleLocale } from '../locales';

export const signInView = (
  i18n: Translator<MessageKey, ConsoleLocale>,
  auth: ConsoleAuthConfig,
  notice: string | undefined,
  signIn: () => void,
) => {
  const { t } = i18n;
  return h(
    'section',
    { class: 'card narrow' },
    h('h2', { tabindex: -1, 'data-route-focus': true, text: t('signInTitle') }),
    notice
      ? h('div', { class: 'notice notice-error', 'data-testid': 'sign-in-notice' }, h('p', { text: notice }))
      : null,
    h('p', { text: t('signInHostedIntro') }),
    auth.mode === 'oidc' ? h('p', { class: 'muted', text: t('signInLocalIntro') }) : null,
    h('button', {
      type: 'button',
      'data-key': 'sign-in',
      text: t('signInHostedButton'),
      on: { click: () => signIn() },
    }),
  );
};
