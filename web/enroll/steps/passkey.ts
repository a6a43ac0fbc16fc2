// The passkey way (issue 28), offered first on the intro: the device's own prompt (fingerprint, face
// or screen lock) makes the passkey, the server checks it against this link's challenge, and the
// backup codes follow as after the app's code. The app stays one click away below it.
import { startRegistration, browserSupportsWebAuthn } from '@simplewebauthn/browser';
import { h } from '../../shared/dom';
import { passkeyOptions, registerPasskey } from '../enrollment-api';
import type { Page, ViewOf } from '../page';
import { errorNotice, handleFailure } from '../parts';
import { showBackupCodes } from './backup-codes';

/** Browsers without WebAuthn (or with it switched off) see the app way only, as before. */
export const passkeysAvailable = () => browserSupportsWebAuthn();

const setUp = async (page: Page) => {
  const { ticket } = page;
  if (!ticket || page.view.name !== 'intro' || page.view.passkeyBusy) return;
  page.show({ name: 'intro', passkeyBusy: true }, 'passkey-begin');
  let optionsJSON: Awaited<ReturnType<typeof passkeyOptions>>;
  try {
    optionsJSON = await passkeyOptions(ticket);
  } catch (error) {
    handleFailure(page, error, (inline) =>
      page.show({ name: 'intro', passkeyError: inline }, 'passkey-begin'),
    );
    return;
  }
  let response: unknown;
  try {
    response = await startRegistration({
      optionsJSON: optionsJSON as Parameters<typeof startRegistration>[0]['optionsJSON'],
    });
  } catch (error) {
    // This device holds a passkey of the account already (an addition on the same phone): say to use
    // another device or a security key. Otherwise the customer closed the prompt, the device has no
    // screen lock, or the prompt timed out.
    const code =
      (error as { code?: string } | null)?.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED'
        ? 'PASSKEY_ALREADY_REGISTERED'
        : 'PASSKEY_CANCELLED';
    page.show({ name: 'intro', passkeyError: { code } }, 'passkey-begin');
    return;
  }
  try {
    showBackupCodes(page, await registerPasskey(ticket, response));
  } catch (error) {
    handleFailure(page, error, (inline) =>
      page.show({ name: 'intro', passkeyError: inline }, 'passkey-begin'),
    );
  }
};

/** The passkey choice at the top of the intro: what it is, why, and its button. */
export const passkeyChoice = (page: Page, view: ViewOf<'intro'>) => {
  if (!passkeysAvailable()) return null;
  const { t } = page;
  return h(
    'div',
    { class: 'choice-card', 'data-testid': 'passkey-choice' },
    h('h3', { text: t('passkeyTitle') }),
    h('p', { text: t('passkeyBody') }),
    errorNotice(page, view.passkeyError, 'passkey-error'),
    view.passkeyBusy ? h('p', { role: 'status', text: t('passkeyBusy') }) : null,
    h(
      'div',
      { class: 'actions' },
      h('button', {
        type: 'button',
        'data-key': 'passkey-begin',
        disabled: view.passkeyBusy === true,
        text: t('passkeyBegin'),
        on: { click: () => void setUp(page) },
      }),
    ),
  );
};

/** Where the app way starts when a passkey is offered above it. */
export const appHeading = (page: Page) =>
  passkeysAvailable()
    ? h('h3', { id: 'app-choice', 'data-testid': 'app-choice', text: page.t('passkeyOrApp') })
    : null;
