// How a customer who cannot open the main mailbox sets 2FA up again: the words for the agent and the
// admin where a session passed without possession proof, and the admin's choice of an address on file
// for the reset link (never an address anyone types: the API refuses one that is not on file).
import { h, uid } from '../../shared/dom';
import type { CustomerProfile } from '../../../lib/staff-views/api';
import type { Ctx } from '../context';

/** What the agent tells the caller, and what the admin can do, for a pass without possession proof. */
export const reEnrollNotice = (ctx: Ctx, customer: CustomerProfile['customer']) => {
  const { t } = ctx.i18n;
  const count = customer.notificationEmails.length;
  const text = t(
    count === 0 ? 'reEnrollNoFurther' : count === 1 ? 'reEnrollFurther' : 'reEnrollFurtherMany',
    { email: customer.email, count },
  );
  return h(
    'div',
    { class: 'notice notice-warn', 'data-testid': 're-enroll' },
    h('strong', { text: t('reEnrollTitle') }),
    h('p', { text }),
  );
};

/** The further address the admin picked on this page, per customer; undefined is the main address. */
const picked = new Map<string, string>();

/** The picked address while it is still on the record the page shows. */
export const pickedRecipient = (customer: CustomerProfile['customer']) => {
  const address = picked.get(customer.customerId);
  return address && customer.notificationEmails.includes(address) ? address : undefined;
};

/** "Sturen naar": the main address and each further one on file; nothing to choose without those. */
export const recipientChoice = (ctx: Ctx, customer: CustomerProfile['customer'], busy: boolean) => {
  if (customer.notificationEmails.length === 0) return null;
  const { t } = ctx.i18n;
  const current = pickedRecipient(customer);
  const hintId = uid('reset-link-to-hint');
  const option = (address: string | undefined, label: string, key: string) => {
    const id = uid('reset-link-to');
    return h(
      'div',
      { class: 'choice' },
      h('input', {
        type: 'radio',
        id,
        name: `reset-link-to-${customer.customerId}`,
        value: address ?? '',
        checked: address === current,
        disabled: busy,
        'data-key': key,
        'data-testid': 'reset-link-recipient',
        on: {
          change: () => {
            if (address) picked.set(customer.customerId, address);
            else picked.delete(customer.customerId);
            ctx.render(key);
          },
        },
      }),
      h('label', { for: id, text: label }),
    );
  };
  return h(
    'fieldset',
    { 'aria-describedby': hintId },
    h('legend', { text: t('resetLinkSendTo') }),
    h('p', { id: hintId, class: 'muted small', text: t('resetLinkSendToHint') }),
    option(undefined, t('resetLinkMainAddress', { email: customer.email }), 'reset-link-to-main'),
    ...customer.notificationEmails.map((address, index) =>
      option(address, t('resetLinkFurtherAddress', { email: address }), `reset-link-to-${index}`),
    ),
  );
};
