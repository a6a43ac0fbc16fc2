// A reset's waiting period in the console: the countdown and who may cut it short, in the customer's
// profile for the helpdesk and in the security officer's case, where an officer who took no part in the
// reset ends it with a reason. The API decides who may; refusals show beside the form.
import { h } from '../../shared/dom';
import type { CustomerProfile } from '../../../lib/staff-views/api';
import type { RecoveryLockCase } from '../../../lib/security/api';
import { actionForm, errorBlock, fact, type Ctx } from '../context';
import { confirmReasonedAction, reasonFields, type ReasonedForm } from './reasoned-action';

type Delay = NonNullable<RecoveryLockCase['recoveryDelay']>;
// One schema on both routes: the profile's and the officer's case's wait are the same shape.
type ProfileDelay = CustomerProfile['customer']['recoveryDelay'];
const sameShape: ProfileDelay extends Delay | null ? true : never = true;
void sameShape;

export interface DelayForm extends ReasonedForm {
  done?: boolean;
}

export const emptyDelayForm = (): DelayForm => ({ reason: '', busy: false });

/** "23 h 59 min" until the link opens, as of this render (every load reads the stored end again). */
const timeLeft = (ctx: Ctx, availableAt: string) => {
  const minutes = Math.max(0, Math.ceil((new Date(availableAt).getTime() - Date.now()) / 60_000));
  return ctx.i18n.t('delayLeftValue', { hours: Math.floor(minutes / 60), minutes: minutes % 60 });
};

const staffNames = (delay: Delay) =>
  [...new Set([delay.staff.verifiedBy, delay.staff.requestedBy, delay.staff.approvedBy])].filter(
    (id): id is string => id !== null,
  );

/** The countdown, why it waits and who may end it: the same facts for the helpdesk and the officer. */
export const delayFacts = (ctx: Ctx, delay: Delay) => {
  const { t } = ctx.i18n;
  const names = staffNames(delay);
  return [
    h(
      'dl',
      { class: 'facts' },
      fact(
        t('delayOpensAt'),
        h('span', { 'data-testid': 'delay-opens-at', text: ctx.i18n.dateTime(delay.availableAt) }),
      ),
      fact(
        t('delayLeft'),
        h('span', { 'data-testid': 'delay-left', text: timeLeft(ctx, delay.availableAt) }),
      ),
      fact(t('delayWhy'), t(`delayReason_${delay.reason}`)),
      fact(
        t('delayWho'),
        h('span', {
          'data-testid': 'delay-who',
          text: names.length ? t('delayWhoValue', { staff: names.join(', ') }) : t('delayWhoNobody'),
        }),
      ),
    ),
    h('p', { class: 'muted small', text: t('delayExplain') }),
  ];
};

/** In the customer's profile: the wait, while it runs. */
export const delayNotice = (ctx: Ctx, delay: ProfileDelay) =>
  delay
    ? h(
        'section',
        { class: 'card card-warn', 'data-testid': 'recovery-delay' },
        h('h3', { text: ctx.i18n.t('delayTitle') }),
        ...delayFacts(ctx, delay),
      )
    : null;

const endDelay = async (ctx: Ctx, data: RecoveryLockCase, form: DelayForm, reload: () => Promise<void>) => {
  const { t } = ctx.i18n;
  form.done = false;
  const confirmed = await confirmReasonedAction(ctx, form, {
    key: 'delay-end',
    title: t('confirmDelayEndTitle', { name: data.customer.fullName }),
    body: 'confirmDelayEndBody',
    confirm: 'confirmDelayEndYes',
  });
  if (!confirmed) return;
  try {
    await ctx.request('POST /security/customers/{customerId}/recovery-delay/end', {
      params: { customerId: data.customer.customerId },
      body: { reason: form.reason.trim() },
    });
    form.reason = '';
    form.done = true;
    ctx.announce(t('delayEnded'));
    await reload();
  } catch (error) {
    form.error = ctx.errorInfo(error);
    ctx.alert(form.error.text);
  } finally {
    form.busy = false;
  }
  ctx.render('delay-end');
};

/** In the officer's case: the wait and its end, with a reason; the outcome once it is ended. */
export const delayCard = (ctx: Ctx, data: RecoveryLockCase, form: DelayForm, reload: () => Promise<void>) => {
  const { t } = ctx.i18n;
  const delay = data.recoveryDelay;
  if (!delay && !form.done) return null;
  return h(
    'section',
    { class: 'card', 'data-testid': 'recovery-delay' },
    h('h3', { text: t('delayTitle') }),
    form.done
      ? h('p', { class: 'notice notice-ok', 'data-testid': 'delay-end-outcome', text: t('delayEnded') })
      : null,
    delay
      ? actionForm(
          'delay-end-form',
          () => endDelay(ctx, data, form, reload),
          ...delayFacts(ctx, delay),
          ...reasonFields(ctx, form, {
            key: 'delay-end',
            label: 'delayEndReason',
            hint: 'delayEndHint',
            button: 'delayEndButton',
          }),
          errorBlock(ctx, form.error, 'delay-end-error'),
        )
      : null,
  );
};
